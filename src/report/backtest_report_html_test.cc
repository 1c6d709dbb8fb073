// The backtest report page: one self-contained document, the equity, drawdown and symbol charts
// with one point per session and one marker per buy, the metrics table's values and best cells,
// escaping, the warnings box, the sweep's heat map, and malformed documents refused with the
// JSON pointer of the field at fault.
#include "report/backtest_report_html.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "domain/time.h"

namespace stratus::report {
namespace {

using Json = nlohmann::json;

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The element that starts with `start` and ends at the next `end` (inclusive).
std::string slice(const std::string& text, const std::string& start, const std::string& end,
                  std::size_t from = 0) {
  const auto begin = text.find(start, from);
  if (begin == std::string::npos) return "";
  const auto stop = text.find(end, begin);
  return text.substr(begin,
                     stop == std::string::npos ? std::string::npos : stop + end.size() - begin);
}

// The number of points of every <polyline> in `svg`, in order.
std::vector<std::size_t> polyline_points(const std::string& svg) {
  std::vector<std::size_t> out;
  const std::string start = "points=\"";
  for (auto at = svg.find("<polyline"); at != std::string::npos;
       at = svg.find("<polyline", at + 1)) {
    const auto begin = svg.find(start, at) + start.size();
    out.push_back(count(svg.substr(begin, svg.find('"', begin) - begin), ","));
  }
  return out;
}

std::vector<std::string> weekdays(const std::string& first, std::size_t n) {
  std::vector<std::string> out;
  for (Date d = *parse_date(first); out.size() < n; d += std::chrono::days(1)) {
    if (!is_weekend(d)) out.push_back(format_date(d));
  }
  return out;
}

std::string money(double dollars) { return fmt::format("{:.2f}", dollars); }

Json metrics(const std::string& final_equity, const Json& xirr, double depth, int buys) {
  return {
      {"invested", "11000.00"},
      {"final_equity", final_equity},
      {"profit", "-123.45"},
      {"total_return", 0.2134},
      {"annualised_return", 0.0496},
      {"xirr", xirr},
      {"max_drawdown",
       {{"depth", depth}, {"peak", "2016-01-15"}, {"trough", "2016-02-11"}, {"recovery", nullptr}}},
      {"volatility", 0.1412},
      {"sharpe", 0.52},
      {"sortino", nullptr},
      {"sessions", 60},
      {"buys", buys},
      {"shares_bought", buys * 2},
      {"commissions", "0.00"},
      {"cash_idle", 0.41},
      {"final_cash", "1200.00"}};
}

Json chart(const std::string& symbol, const std::vector<std::string>& sessions, std::size_t buys) {
  Json close = Json::array(), high = Json::array(), marks = Json::array();
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    close.push_back(money(100.0 + static_cast<double>(i % 7)));
    high.push_back("110.00");
  }
  for (std::size_t b = 0; b < buys; ++b) {
    marks.push_back({{"session", sessions[10 + b * 9]}, {"qty", 2}, {"price", "101.50"}});
  }
  return {{"symbol", symbol},
          {"sessions", sessions},
          {"close", close},
          {"high_52w", high},
          {"buys", marks}};
}

// A result of `n` sessions from 2016-01-04; the strategy's label and a symbol hold `<&"`.
Json result(std::size_t n = 60) {
  const std::vector<std::string> sessions = weekdays("2016-01-04", n);
  Json strategy = Json::array(), dca = Json::array(), hold = Json::array(), flow = Json::array();
  Json cash = Json::array(), dd = Json::array();
  for (std::size_t i = 0; i < n; ++i) {
    strategy.push_back(money(10000.0 + 20.0 * static_cast<double>(i)));
    dca.push_back(money(10000.0 + 15.0 * static_cast<double>(i)));
    hold.push_back(money(11000.0 + 10.0 * static_cast<double>(i)));
    const bool month_start = i > 0 && sessions[i].substr(5, 2) != sessions[i - 1].substr(5, 2);
    flow.push_back(i == 0 ? "10000.00" : month_start ? "500.00" : "0.00");
    cash.push_back("1000.00");
    dd.push_back(-0.001 * static_cast<double>(i % 5));
  }
  return {{"version", 1},
          {"kind", "backtest"},
          {"profile", "dev"},
          {"period", {{"from", sessions.front()}, {"to", sessions.back()}, {"sessions", n}}},
          {"data",
           {{"source", "data/bars/sp500-16.csv.gz"},
            {"symbols", 16},
            {"bars", 19648},
            {"adjustment", "unknown"},
            {"warnings",
             {{{"symbol", "AAPL"},
               {"session", "2016-02-09"},
               {"previous_close", "645.57"},
               {"close", "93.70"},
               {"change", -0.8549},
               {"message", "AAPL closed 85.49% lower on 2016-02-09 than the session before"}}}}}},
          {"settings",
           {{"starting_cash", "10000.00"},
            {"monthly_contribution", "500.00"},
            {"contribution_day", 1},
            {"fill", "close"},
            {"slippage_bps", 5},
            {"commission_per_order", "0.00"},
            {"commission_per_share", "0.00"},
            {"risk_free_rate", 0.0},
            {"strategy", "dip"},
            {"watchlist", {"AAPL", "B<&\"RK"}},
            {"tiers", {{{"drop_pct", "10.00"}, {"qty", 1}}, {{"drop_pct", "20.00"}, {"qty", 2}}}},
            {"monthly_share_cap", 4},
            {"filter", "rsi(14) < 35"}}},
          {"strategies",
           {{{"name", "strategy"},
             {"label", "Plan <dip> & \"co\""},
             {"metrics", metrics("41234.56", 0.0712, 0.1534, 5)}},
            {{"name", "dca"},
             {"label", "Dollar-cost averaging"},
             {"metrics", metrics("10885.00", 0.05, 0.2, 3)}},
            {{"name", "buy_and_hold"},
             {"label", "Buy and hold"},
             {"metrics", metrics("11590.00", nullptr, 0.25, 2)}}}},
          {"activity",
           {{"runs", n},
            {"skipped_runs", 0},
            {"signals", 300},
            {"reserved", 70},
            {"clipped", 3},
            {"declined", 230},
            {"short_of_cash", 41},
            {"rejected", 13},
            {"filtered", 0},
            {"caps_hit", 233},
            {"audit_events", 25000}}},
          {"equity",
           {{"sessions", sessions},
            {"strategy", strategy},
            {"cash", cash},
            {"flow", flow},
            {"dca", dca},
            {"buy_and_hold", hold},
            {"strategy_drawdown", dd},
            {"dca_drawdown", dd},
            {"buy_and_hold_drawdown", dd}}},
          {"positions",
           {{{"symbol", "AAPL"},
             {"shares", 6},
             {"cost", "609.00"},
             {"average_cost", "101.50"},
             {"average_close", "103.00"},
             {"last_close", "106.00"},
             {"value", "636.00"},
             {"buys", 3}},
            {{"symbol", "B<&\"RK"},
             {"shares", 4},
             {"cost", "406.00"},
             {"average_cost", "101.50"},
             {"average_close", "103.00"},
             {"last_close", "100.00"},
             {"value", "400.00"},
             {"buys", 2}}}},
          {"orders", Json::array()},
          {"charts", {chart("AAPL", sessions, 3), chart("B<&\"RK", sessions, 2)}}};
}

Json sweep(std::size_t axes = 2) {
  const std::vector<std::string> drops = {"5", "10", "15"}, caps = {"2", "4"},
                                 basis = {"close", "high"};
  Json axes_json = {{{"name", "tier1_drop_pct"}, {"values", drops}}};
  if (axes >= 2) axes_json.push_back({{"name", "monthly_share_cap"}, {"values", caps}});
  if (axes >= 3) axes_json.push_back({{"name", "high_basis"}, {"values", basis}});
  Json results = Json::array();
  int rank = 0;
  for (const std::string& d : drops) {
    for (const std::string& c : axes >= 2 ? caps : std::vector<std::string>{""}) {
      for (const std::string& b : axes >= 3 ? basis : std::vector<std::string>{""}) {
        Json params = {{"tier1_drop_pct", d}};
        if (axes >= 2) params["monthly_share_cap"] = c;
        if (axes >= 3) params["high_basis"] = b;
        const double x = 0.01 * std::stod(d) + (c.empty() ? 0 : 0.001 * std::stod(c)) +
                         (b == "high" ? 0.0001 : 0);
        results.push_back(
            {{"rank", ++rank}, {"params", params}, {"metrics", metrics("12000.00", x, 0.1, 4)}});
      }
    }
  }
  return {{"version", 1},      {"kind", "sweep"},    {"metric", "xirr"},
          {"axes", axes_json}, {"results", results}, {"walk_forward", Json::array()}};
}

std::string render(const Json& doc, const Json* sweep_doc = nullptr) {
  const Result<std::string> html = render_backtest_html(doc, sweep_doc);
  EXPECT_TRUE(html.ok()) << (html.ok() ? "" : html.error().to_string());
  return html.ok() ? *html : "";
}

TEST(BacktestReportHtml, IsOneSelfContainedDocument) {
  const Json s = sweep();
  const std::string html = render(result(), &s);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">", 0), 0u);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_EQ(count(html, "<style>"), 1u);
  for (const char* absent : {"<script", "http://", "https://", "<link", "<img", "<iframe",
                             "@import", "url(", "src=", "href=", "@font-face"}) {
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  }
}

TEST(BacktestReportHtml, EquityChartHasOneLinePerAccountAndThePaidIn) {
  const std::string html = render(result());
  EXPECT_EQ(count(html, "data-chart=\"equity\""), 1u);
  const std::string svg = slice(html, "<svg class=\"lc\" data-chart=\"equity\"", "</svg></div>");
  ASSERT_FALSE(svg.empty());
  EXPECT_NE(svg.find("data-sessions=\"60\""), std::string::npos);
  EXPECT_EQ(polyline_points(svg), (std::vector<std::size_t>{60, 60, 60, 60}));
  for (const char* series : {"invested", "strategy", "dca", "buy_and_hold"}) {
    EXPECT_NE(svg.find(fmt::format("data-series=\"{}\"", series)), std::string::npos) << series;
  }
  // The strategy is drawn last (on top), in its colour.
  EXPECT_NE(svg.rfind("<polyline class=\"s-strategy\" data-series=\"strategy\""),
            std::string::npos);
  EXPECT_GT(svg.find("data-series=\"strategy\""), svg.find("data-series=\"dca\""));
  // Money axis and month labels: the period starts in January 2016.
  EXPECT_NE(svg.find(">$10k<"), std::string::npos);
  EXPECT_NE(svg.find(">Feb 2016<"), std::string::npos);
  EXPECT_NE(svg.find(">Mar<"), std::string::npos);
}

TEST(BacktestReportHtml, DrawdownChartShadesTheStrategy) {
  const std::string html = render(result());
  const std::string svg = slice(html, "<svg class=\"lc\" data-chart=\"drawdown\"", "</svg></div>");
  ASSERT_FALSE(svg.empty());
  EXPECT_EQ(polyline_points(svg), (std::vector<std::size_t>{60, 60, 60}));
  EXPECT_EQ(count(svg, "<polygon class=\"area s-strategy\""), 1u);
  EXPECT_NE(svg.find(">0%<"), std::string::npos);
  EXPECT_NE(svg.find(">-0.4%<"), std::string::npos);
}

TEST(BacktestReportHtml, OneChartPerSymbolWithEveryBuy) {
  const std::string html = render(result());
  EXPECT_EQ(count(html, "data-chart=\"symbol\""), 2u);
  const std::string aapl = slice(html, "<svg class=\"lc\" data-chart=\"symbol\"", "</svg></div>");
  const std::string other = slice(html, "<svg class=\"lc\" data-chart=\"symbol\"", "</svg></div>",
                                  html.find(aapl) + aapl.size());
  EXPECT_NE(aapl.find("data-symbol=\"AAPL\" data-buys=\"3\""), std::string::npos);
  EXPECT_EQ(count(aapl, "<circle class=\"buy s-buy\""), 3u);
  EXPECT_EQ(polyline_points(aapl), (std::vector<std::size_t>{60, 60}));
  EXPECT_NE(aapl.find("<title>AAPL 2016-01-18: bought 2 at $101.50</title>"), std::string::npos);
  EXPECT_EQ(count(other, "<circle class=\"buy s-buy\""), 2u);
  EXPECT_NE(other.find("data-symbol=\"B&lt;&amp;&quot;RK\""), std::string::npos);
}

TEST(BacktestReportHtml, MetricsTableShowsTheDocumentsValues) {
  const std::string html = render(result());
  const std::string table = slice(html, "<table class=\"metrics\">", "</table>");
  ASSERT_FALSE(table.empty());
  // Money with separators and the document's digits; the best of each row highlighted.
  EXPECT_NE(table.find("<td class=\"best\">$41,234.56</td><td>$10,885.00</td><td>$11,590.00</td>"),
            std::string::npos);
  EXPECT_NE(table.find("<td>$11,000.00</td><td>$11,000.00</td><td>$11,000.00</td>"),
            std::string::npos);
  EXPECT_NE(table.find("<td>-$123.45</td>"), std::string::npos);
  // XIRR: null is a dash; the drawdown is best when shallowest.
  EXPECT_NE(table.find("<td class=\"best\">7.12%</td><td>5.00%</td><td>\u2014</td>"),
            std::string::npos);
  EXPECT_NE(table.find("<td class=\"best\">-15.34%</td><td>-20.00%</td><td>-25.00%</td>"),
            std::string::npos);
  EXPECT_NE(table.find("<td>not yet</td>"), std::string::npos);
  // Equal values have no best.
  EXPECT_NE(table.find("<td>21.34%</td><td>21.34%</td><td>21.34%</td>"), std::string::npos);
  EXPECT_NE(table.find("<td>5 (10)</td>"), std::string::npos);
  // Activity counts.
  EXPECT_NE(html.find("<div class=\"n\">25,000</div><div class=\"what\">audit events</div>"),
            std::string::npos);
  EXPECT_NE(html.find("<div class=\"n\">233</div><div class=\"what\">caps hit</div>"),
            std::string::npos);
}

TEST(BacktestReportHtml, HeaderSettingsPositionsAndWarnings) {
  const std::string html = render(result());
  EXPECT_NE(html.find("<title>Stratus backtest dev (2016-01-04 to 2016-03-25)</title>"),
            std::string::npos);
  EXPECT_NE(html.find("Starting cash $10,000.00, then $500.00 each month on day 1"),
            std::string::npos);
  EXPECT_NE(html.find("1 share at 10.00%, 2 shares at 20.00%"), std::string::npos);
  EXPECT_NE(html.find("4 shares per symbol per month; filter rsi(14) &lt; 35"), std::string::npos);
  EXPECT_NE(html.find("16 symbols, 19,648 bars, adjustment unknown"), std::string::npos);
  EXPECT_EQ(count(html, "<section class=\"warnings\""), 1u);
  EXPECT_NE(html.find("<li><b>AAPL</b> 2016-02-09: $645.57 &rarr; $93.70 (-85.49%)."),
            std::string::npos);
  const std::string positions = slice(html, "<table class=\"positions\">", "</table>");
  EXPECT_EQ(count(positions, "<tr"), 4u);  // Head, two symbols, total.
  EXPECT_NE(positions.find("<td class=\"gain\">$27.00</td>"), std::string::npos);
  EXPECT_NE(positions.find("$1,015.00</td>"), std::string::npos);

  Json quiet = result();
  quiet["data"]["warnings"] = Json::array();
  EXPECT_EQ(render(quiet).find("class=\"warnings\""), std::string::npos);
}

TEST(BacktestReportHtml, AWatchlistOfTheWholeIndexIsFoldedUnderItsCount) {
  Json doc = result();
  EXPECT_NE(render(doc).find("<div class=\"wide\"><dt>Watchlist</dt><dd>AAPL, B&lt;&amp;"),
            std::string::npos);
  doc["settings"]["watchlist"] = Json::array();
  for (int i = 0; i < 505; ++i) doc["settings"]["watchlist"].push_back("S" + std::to_string(i));
  const std::string html = render(doc);
  EXPECT_NE(html.find("<dd><details><summary>505 symbols</summary>S0, S1, S2,"), std::string::npos);
  EXPECT_NE(html.find("S503, S504</details></dd>"), std::string::npos);
}

TEST(BacktestReportHtml, EscapesEveryText) {
  const std::string html = render(result());
  EXPECT_EQ(html.find("<dip>"), std::string::npos);
  EXPECT_EQ(html.find("B<&"), std::string::npos);
  EXPECT_NE(html.find("<h1>Plan &lt;dip&gt; &amp; &quot;co&quot;</h1>"), std::string::npos);
  EXPECT_NE(html.find("<h3>B&lt;&amp;&quot;RK</h3>"), std::string::npos);
  EXPECT_NE(html.find("<title>B&lt;&amp;&quot;RK 2016-01-18: bought 2 at $101.50</title>"),
            std::string::npos);
}

TEST(BacktestReportHtml, SweepHeatMapHasACellPerCombination) {
  const Json two = sweep(2);
  const std::string html = render(result(), &two);
  const std::string map = slice(html, "<svg class=\"heat-map\"", "</svg>");
  EXPECT_NE(map.find("data-rows=\"3\" data-cols=\"2\""), std::string::npos);
  EXPECT_EQ(count(map, "<rect class=\"cell"), 6u);
  EXPECT_EQ(count(map, "<rect class=\"outline\""), 1u);
  EXPECT_NE(map.find(">15.40%</text>"), std::string::npos);
  EXPECT_EQ(count(slice(html, "<table class=\"ranked\">", "</table>"), "<tr>"), 7u);

  // More axes: each cell is the best over the others, and the caption says so.
  const Json three = sweep(3);
  const std::string more = render(result(), &three);
  EXPECT_EQ(count(slice(more, "<svg class=\"heat-map\"", "</svg>"), "<rect class=\"cell"), 6u);
  EXPECT_NE(more.find("Each cell shows the best value over the other parameters (high_basis)"),
            std::string::npos);
  EXPECT_NE(more.find(">15.41%</text>"), std::string::npos);

  // One axis: one row.
  const Result<std::string> one = render_sweep_html(sweep(1));
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  EXPECT_NE(one->find("data-rows=\"1\" data-cols=\"3\""), std::string::npos);
  EXPECT_EQ(count(*one, "<rect class=\"cell"), 3u);
}

TEST(BacktestReportHtml, EmptyPeriodAndChartsStillRender) {
  Json doc = result();
  for (auto& [key, value] : doc["equity"].items()) value = Json::array();
  doc["charts"][0]["sessions"] = Json::array();
  doc["charts"][0]["close"] = Json::array();
  doc["charts"][0]["high_52w"] = Json::array();
  // A buy on a day without a bar is drawn at the next session.
  doc["charts"][1]["buys"][0]["session"] = "2016-01-16";
  const std::string html = render(doc);
  EXPECT_NE(html.find("No sessions in the period."), std::string::npos);
  EXPECT_EQ(html.find("data-chart=\"equity\""), std::string::npos);
  EXPECT_NE(html.find("No prices for AAPL."), std::string::npos);
  EXPECT_EQ(count(html, "data-chart=\"symbol\""), 1u);
  EXPECT_NE(html.find("<title>B&lt;&amp;&quot;RK 2016-01-16: bought 2 at $101.50</title>"),
            std::string::npos);
}

// The error of rendering `doc` (and `sweep_doc`), which must fail with InvalidInput.
Error failure(const Json& doc, const Json* sweep_doc = nullptr) {
  const Result<std::string> html = render_backtest_html(doc, sweep_doc);
  EXPECT_FALSE(html.ok());
  if (html.ok()) return {};
  EXPECT_EQ(html.error().code, ErrorCode::kInvalidInput) << html.error().to_string();
  return html.error();
}

TEST(BacktestReportHtml, MalformedInputNamesTheField) {
  Json doc = result();
  doc["equity"].erase("sessions");
  EXPECT_EQ(failure(doc).context, "/equity/sessions");

  doc = result();
  doc["strategies"][0]["metrics"]["final_equity"] = 41234.56;
  Error e = failure(doc);
  EXPECT_EQ(e.context, "/strategies/0/metrics/final_equity");
  EXPECT_NE(e.to_string().find("41234.56"), std::string::npos) << e.to_string();

  doc = result();
  doc["strategies"][0]["metrics"]["xirr"] = "7%";
  EXPECT_EQ(failure(doc).context, "/strategies/0/metrics/xirr");

  doc = result();
  doc["equity"]["dca"].erase(doc["equity"]["dca"].size() - 1);
  e = failure(doc);
  EXPECT_EQ(e.context, "/equity/dca");
  EXPECT_NE(e.message.find("one per session"), std::string::npos) << e.message;

  doc = result();
  doc["equity"]["sessions"][3] = "2016-02-30";
  EXPECT_EQ(failure(doc).context, "/equity/sessions/3");

  doc = result();
  doc["charts"][1]["buys"][0]["price"] = 101.5;
  EXPECT_EQ(failure(doc).context, "/charts/1/buys/0/price");

  doc = result();
  doc["kind"] = "sweep";
  EXPECT_EQ(failure(doc).context, "/kind");

  EXPECT_EQ(failure(Json::array()).context, "/");
  EXPECT_EQ(failure(Json()).context, "/");

  Json bad_sweep = sweep();
  bad_sweep["results"][2]["params"]["monthly_share_cap"] = "3";
  EXPECT_EQ(failure(result(), &bad_sweep).context, "sweep: /results/2/params/monthly_share_cap");
  bad_sweep = sweep();
  bad_sweep["metric"] = "luck";
  EXPECT_EQ(failure(result(), &bad_sweep).context, "sweep: /metric");
}

TEST(BacktestReportHtml, BigResultsRenderEveryChartWithinSize) {
  // 1,300 sessions and 24 charts of 1,300 points, each with 40 buys: the size of a
  // five-year run; render speed is measured by `make bench`, not here.
  Json doc = result(1300);
  const Json one = chart("AAPL", doc["equity"]["sessions"].get<std::vector<std::string>>(), 40);
  doc["charts"] = Json::array();
  for (int i = 0; i < 24; ++i) doc["charts"].push_back(one);
  const std::string html = render(doc);
  EXPECT_EQ(count(html, "<circle class=\"buy s-buy\""), 24u * 40u);
  EXPECT_EQ(count(html, "data-chart=\"symbol\""), 24u);
  EXPECT_LT(html.size(), 3'000'000u);
}

}  // namespace
}  // namespace stratus::report
