// The backtest report as one self-contained HTML page (see backtest_report_html.h).
#include "report/backtest_report_html.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "report/backtest_charts.h"
#include "report/backtest_format.h"
#include "report/backtest_result.h"
#include "report/html_escape.h"
#include "report/line_chart_svg.h"
#include "report/report_page.h"
#include "report/sweep_report_html.h"
#include "report/sweep_result.h"

namespace stratus::report {
namespace {

// Data warnings listed one by one; more are counted.
constexpr std::size_t kMaxWarningsListed = 40;

double dollars(Money m) {
  return static_cast<double>(m.units()) / static_cast<double>(Money::kUnitsPerDollar);
}

// A whole number without decimals ("5"), else with up to 4 significant decimals ("2.5").
std::string number_text(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return count_text(static_cast<std::int64_t>(value));
  }
  return fmt::format("{:.4g}", value);
}

const char* sign_class(Money m) {
  if (m.units() == 0) return "";
  return m.is_positive() ? "gain" : "loss";
}

std::string date_or_dash(const std::optional<Date>& d) {
  return d ? format_date(*d) : std::string(kMissingValue);
}

// ---- Header ------------------------------------------------------------------------------

std::string kpi(std::string_view label, const std::string& value, const std::string& sub,
                const char* value_class = "") {
  return fmt::format(
      "<div class=\"card kpi\"><div class=\"label\">{}</div><div class=\"value {}\">{}</div>"
      "<div class=\"sub\">{}</div></div>",
      html_escape(label), value_class, html_escape(value), html_escape(sub));
}

std::string key_figures(const BacktestResult& r) {
  const StrategyResult& s = r.strategies.front();
  const AccountMetrics& m = s.metrics;
  std::string drawdown_sub = "no fall";
  if (m.max_drawdown.peak && m.max_drawdown.trough) {
    drawdown_sub = format_date(*m.max_drawdown.peak) + " to " + format_date(*m.max_drawdown.trough);
  }
  std::string buys_sub;
  if (m.shares_bought) buys_sub = count_text(*m.shares_bought) + " shares; ";
  buys_sub += "cash idle " + percent_text(m.cash_idle);
  std::string out = "<div class=\"kpis\">";
  out += kpi("Final equity", cents_text(m.final_equity), "paid in " + cents_text(m.invested));
  out += kpi("Profit", cents_text(m.profit), "total return " + percent_text(m.total_return),
             sign_class(m.profit.value));
  out += kpi("XIRR", percent_text(m.xirr), "annualised " + percent_text(m.annualised_return));
  out += kpi("Max drawdown",
             m.max_drawdown.depth ? percent_text(-*m.max_drawdown.depth) : percent_text({}),
             drawdown_sub);
  out += kpi("Buys", count_text(m.buys), buys_sub);
  return out + "</div>";
}

std::string setting(std::string_view name, const std::string& value_html,
                    std::string_view div_class = "") {
  const std::string open =
      div_class.empty() ? "<div>" : "<div class=\"" + std::string(div_class) + "\">";
  return open + "<dt>" + html_escape(name) + "</dt><dd>" + value_html + "</dd></div>";
}

// The watchlist, the last setting, across the whole card; a long one (the S&P 500) folded under
// its count, so that it does not stretch the card.
std::string watchlist_setting(const std::vector<std::string>& symbols) {
  constexpr std::size_t kListedOpen = 24;
  std::string list;
  for (const std::string& symbol : symbols) list += (list.empty() ? "" : ", ") + symbol;
  if (symbols.empty()) return setting("Watchlist", "empty", "wide");
  if (symbols.size() <= kListedOpen) return setting("Watchlist", html_escape(list), "wide");
  return setting(
      "Watchlist",
      fmt::format("<details><summary>{} symbols</summary>{}</details>",
                  count_text(static_cast<std::int64_t>(symbols.size())), html_escape(list)),
      "wide");
}

std::string settings_html(const BacktestResult& r) {
  const BacktestSettings& s = r.settings;
  std::string out = "<dl class=\"card settings\">";
  out += setting("Data", html_escape(r.data_source) + "<br>" +
                             html_escape(fmt::format("{} symbols, {} bars, adjustment {}",
                                                     count_text(r.data_symbols),
                                                     count_text(r.data_bars), r.adjustment)));
  std::string money = "Starting cash " + money_text(s.starting_cash);
  if (s.monthly_contribution.value.is_positive()) {
    money += fmt::format(", then {} each month on day {}", money_text(s.monthly_contribution),
                         s.contribution_day);
  } else {
    money += ", no contributions";
  }
  out += setting("Money", html_escape(money));
  out += setting("Fills and costs",
                 html_escape(fmt::format("Fill at the {}, slippage {} bps; commission {} per order "
                                         "+ {} per share",
                                         s.fill, number_text(s.slippage_bps),
                                         money_text(s.commission_per_order),
                                         money_text(s.commission_per_share))));
  std::string tiers;
  for (const Tier& t : s.tiers) {
    tiers += (tiers.empty() ? "" : ", ") +
             fmt::format("{} at {}%", t.qty == 1 ? "1 share" : count_text(t.qty) + " shares",
                         t.drop_pct);
  }
  out += setting("Rule", html_escape("Strategy " + s.strategy + ": buys " +
                                     (tiers.empty() ? std::string("nothing (no tiers)") : tiers) +
                                     " below the 52-week high"));
  out += setting("Monthly cap and filter",
                 html_escape(fmt::format("{} shares per symbol per month; filter {}",
                                         count_text(s.monthly_share_cap),
                                         s.filter ? *s.filter : std::string("none"))));
  out += setting("Risk-free rate", html_escape(percent_text(s.risk_free_rate)));
  out += watchlist_setting(s.watchlist);
  return out + "</dl>";
}

std::string warnings_html(const BacktestResult& r) {
  if (r.warnings.empty()) return "";
  std::string out = fmt::format(
      "<section class=\"warnings\" role=\"note\"><h2>Data warnings ({})</h2><p>Suspicious "
      "one-day moves in the prices: possibly splits the data was not adjusted for. Check the "
      "data before trusting these results.</p><ul>",
      r.warnings.size());
  for (std::size_t i = 0; i < r.warnings.size() && i < kMaxWarningsListed; ++i) {
    const DataWarning& w = r.warnings[i];
    out += fmt::format("<li><b>{}</b> {}: {} &rarr; {} ({}). {}</li>", html_escape(w.symbol),
                       format_date(w.session), html_escape(money_text(w.previous_close)),
                       html_escape(money_text(w.close)), html_escape(percent_text(w.change)),
                       html_escape(w.message));
  }
  if (r.warnings.size() > kMaxWarningsListed) {
    out += fmt::format("<li>and {} more</li>", r.warnings.size() - kMaxWarningsListed);
  }
  return out + "</ul></section>";
}

// "DCA and Buy & hold": the benchmarks' short names.
std::string benchmarks_text(const BacktestResult& r) {
  if (r.strategies.size() < 2) return "no benchmark";
  std::string out;
  for (std::size_t i = 1; i < r.strategies.size(); ++i) {
    if (i > 1) out += i + 1 == r.strategies.size() ? " and " : ", ";
    out += account_short_name(r.strategies[i]);
  }
  return out;
}

std::string header_html(const BacktestResult& r) {
  std::string out = "<header><p class=\"eyebrow\">Stratus backtest</p>";
  out += "<h1>" + html_escape(r.strategies.front().label) + "</h1>";
  out += fmt::format(
      "<p class=\"meta\">Profile <b>{}</b> &middot; <b>{}</b> to <b>{}</b> &middot; {} sessions "
      "&middot; against {}</p>",
      html_escape(r.profile), format_date(r.from), format_date(r.to), count_text(r.sessions),
      html_escape(benchmarks_text(r)));
  out += key_figures(r) + settings_html(r) + "</header>";
  return out + warnings_html(r);
}

// ---- Metrics -----------------------------------------------------------------------------

enum class Best { kNone, kHigher, kLower };

struct MetricRow {
  std::string label;
  std::function<std::string(const AccountMetrics&)> text;
  std::function<std::optional<double>(const AccountMetrics&)> value;  // For the best.
  Best best = Best::kNone;
  const char* row_class = "";
};

std::vector<MetricRow> metric_rows() {
  const auto money = [](Amount AccountMetrics::*field) {
    return [field](const AccountMetrics& m) { return cents_text(m.*field); };
  };
  const auto money_value = [](Amount AccountMetrics::*field) {
    return [field](const AccountMetrics& m) -> std::optional<double> {
      return dollars((m.*field).value);
    };
  };
  const auto percent = [](std::optional<double> AccountMetrics::*field) {
    return [field](const AccountMetrics& m) { return percent_text(m.*field); };
  };
  const auto ratio = [](std::optional<double> AccountMetrics::*field) {
    return [field](const AccountMetrics& m) { return ratio_text(m.*field); };
  };
  const auto value = [](std::optional<double> AccountMetrics::*field) {
    return [field](const AccountMetrics& m) { return m.*field; };
  };
  const auto none = [](const AccountMetrics&) -> std::optional<double> { return std::nullopt; };
  const auto drawdown_date = [](std::optional<Date> MaxDrawdown::*field, bool recovery) {
    return [field, recovery](const AccountMetrics& m) {
      const std::optional<Date>& d = m.max_drawdown.*field;
      if (!d && recovery && m.max_drawdown.depth && *m.max_drawdown.depth > 0) {
        return std::string("not yet");
      }
      return date_or_dash(d);
    };
  };
  return {
      {"Money paid in", money(&AccountMetrics::invested), none, Best::kNone, ""},
      {"Final equity", money(&AccountMetrics::final_equity),
       money_value(&AccountMetrics::final_equity), Best::kHigher, ""},
      {"Profit", money(&AccountMetrics::profit), money_value(&AccountMetrics::profit),
       Best::kHigher, ""},
      {"Total return (time-weighted)", percent(&AccountMetrics::total_return),
       value(&AccountMetrics::total_return), Best::kHigher, ""},
      {"Annualised return", percent(&AccountMetrics::annualised_return),
       value(&AccountMetrics::annualised_return), Best::kHigher, ""},
      {"XIRR (money-weighted)", percent(&AccountMetrics::xirr), value(&AccountMetrics::xirr),
       Best::kHigher, ""},
      {"Max drawdown",
       [](const AccountMetrics& m) {
         return m.max_drawdown.depth ? percent_text(-*m.max_drawdown.depth) : percent_text({});
       },
       [](const AccountMetrics& m) { return m.max_drawdown.depth; }, Best::kLower, "group"},
      {"peak", drawdown_date(&MaxDrawdown::peak, false), none, Best::kNone, "sub"},
      {"trough", drawdown_date(&MaxDrawdown::trough, false), none, Best::kNone, "sub"},
      {"recovered", drawdown_date(&MaxDrawdown::recovery, true), none, Best::kNone, "sub"},
      {"Volatility (annualised)", percent(&AccountMetrics::volatility),
       value(&AccountMetrics::volatility), Best::kLower, ""},
      {"Sharpe ratio", ratio(&AccountMetrics::sharpe), value(&AccountMetrics::sharpe),
       Best::kHigher, ""},
      {"Sortino ratio", ratio(&AccountMetrics::sortino), value(&AccountMetrics::sortino),
       Best::kHigher, ""},
      {"Buys (shares)",
       [](const AccountMetrics& m) {
         std::string text = count_text(m.buys);
         if (m.shares_bought) text += " (" + count_text(*m.shares_bought) + ")";
         return text;
       },
       none, Best::kNone, ""},
      {"Cash idle (average)", percent(&AccountMetrics::cash_idle),
       value(&AccountMetrics::cash_idle), Best::kLower, ""},
  };
}

// Which of `values` are the best of the row: none when the row has no best, when fewer than two
// values exist, or when they are all equal; otherwise every value equal to the best.
std::vector<bool> best_of(const std::vector<std::optional<double>>& values, Best rule) {
  std::vector<bool> out(values.size(), false);
  if (rule == Best::kNone) return out;
  double best = 0, worst = 0;
  std::size_t present = 0;
  for (const std::optional<double>& v : values) {
    if (!v) continue;
    const double x = *v;
    if (present == 0 || (rule == Best::kHigher ? x > best : x < best)) best = x;
    if (present == 0 || (rule == Best::kHigher ? x < worst : x > worst)) worst = x;
    ++present;
  }
  if (present < 2 || best == worst) return out;
  for (std::size_t i = 0; i < values.size(); ++i) out[i] = values[i] && *values[i] == best;
  return out;
}

std::string metrics_html(const BacktestResult& r) {
  std::string out = "<section><h2>Performance</h2><ul class=\"accounts\">";
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const StrategyResult& s = r.strategies[i];
    out += fmt::format("<li class=\"{}\"><span class=\"dot\"></span><b>{}</b>{}</li>",
                       series_class(s.name, i), html_escape(account_short_name(s)),
                       account_short_name(s) == s.label ? "" : html_escape(s.label));
  }
  out +=
      "</ul><div class=\"card table-wrap\"><table class=\"metrics\"><thead><tr>"
      "<th class=\"text\">Metric</th>";
  for (std::size_t i = 0; i < r.strategies.size(); ++i) {
    const StrategyResult& s = r.strategies[i];
    out += fmt::format("<th class=\"acct {}\" title=\"{}\"><span class=\"dot\"></span>{}</th>",
                       series_class(s.name, i), html_escape(s.label),
                       html_escape(account_short_name(s)));
  }
  out += "</tr></thead><tbody>";
  for (const MetricRow& row : metric_rows()) {
    std::vector<std::optional<double>> values;
    for (const StrategyResult& s : r.strategies) values.push_back(row.value(s.metrics));
    const std::vector<bool> best = best_of(values, row.best);
    out += *row.row_class ? fmt::format("<tr class=\"{}\">", row.row_class) : "<tr>";
    out += "<td class=\"label\">" + html_escape(row.label) + "</td>";
    for (std::size_t i = 0; i < r.strategies.size(); ++i) {
      out += (best[i] ? "<td class=\"best\">" : "<td>") +
             html_escape(row.text(r.strategies[i].metrics)) + "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table></div></section>";
}

std::string activity_html(const BacktestResult& r) {
  const Activity& a = r.activity;
  const std::pair<std::int64_t, const char*> stats[] = {
      {a.runs, "runs of the chain"},
      {a.signals, "signals (a tier reached)"},
      {a.reserved, "orders reserved"},
      {a.caps_hit, "caps hit"},
      {a.clipped, "orders clipped by the cap"},
      {a.declined, "signals declined by the cap"},
      {a.short_of_cash, "signals short of cash"},
      {a.rejected, "orders rejected"},
      {a.filtered, "signals filtered out"},
      {a.audit_events, "audit events"},
  };
  std::string out =
      "<section><h2>Activity</h2><p class=\"section-note\">The strategy's chain over the "
      "period, counted from its run documents.</p><div class=\"card activity\">";
  for (const auto& [n, what] : stats) {
    out += fmt::format(
        "<div class=\"stat\"><div class=\"n\">{}</div><div class=\"what\">{}</div></div>",
        count_text(n), what);
  }
  return out + "</div></section>";
}

// ---- Charts ------------------------------------------------------------------------------

std::string chart_figure(const std::string& legend, const std::string& svg) {
  return "<figure class=\"card chart-card\"><figcaption>" + legend + "</figcaption>" + svg +
         "</figure>";
}

std::string curves_html(const BacktestResult& r) {
  if (r.equity_sessions.empty()) {
    return "<section><h2>Equity</h2><p class=\"nodata\">No sessions in the period.</p></section>";
  }
  std::string out =
      "<section><h2>Equity</h2><p class=\"section-note\">Each account's value at the close of "
      "every session, and the money paid in so far.</p>";
  out += chart_figure(chart_legend_html(equity_legend(r)), line_chart_svg(equity_chart(r)));
  out +=
      "</section><section><h2>Drawdown</h2><p class=\"section-note\">Fall of each account's "
      "time-weighted index from its running peak (money paid in is not a gain).</p>";
  out += chart_figure(chart_legend_html(drawdown_legend(r)), line_chart_svg(drawdown_chart(r)));
  return out + "</section>";
}

const PositionRow* position_of(const BacktestResult& r, const std::string& symbol) {
  for (const PositionRow& p : r.positions) {
    if (p.symbol == symbol) return &p;
  }
  return nullptr;
}

std::string symbols_html(const BacktestResult& r) {
  if (r.charts.empty()) return "";
  std::string out =
      "<section><h2>Bought symbols</h2><p class=\"section-note\">Daily close, trailing 52-week "
      "high and the strategy's buys at their fill price (hover a marker for its details); the "
      "symbols the strategy spent most on first.</p><div class=\"legend-bar\">" +
      chart_legend_html(symbol_legend()) + "</div><div class=\"symbols\">";
  for (const SymbolChart& c : r.charts) {
    std::string facts = fmt::format("{} buy(s)", c.buys.size());
    if (const PositionRow* p = position_of(r, c.symbol)) {
      facts += fmt::format(", {} sh at avg {} (avg close {})", count_text(p->shares),
                           money_text(p->average_cost), money_text(p->average_close));
    }
    out += "<figure class=\"card chart-card\"><figcaption><h3>" + html_escape(c.symbol) +
           "</h3><span class=\"facts\">" + html_escape(facts) + "</span></figcaption>";
    if (c.sessions.empty()) {
      out += "<p class=\"nodata\">No prices for " + html_escape(c.symbol) + ".</p>";
    } else {
      out += line_chart_svg(symbol_chart(c));
    }
    out += "</figure>";
  }
  return out + "</div></section>";
}

// ---- Positions ---------------------------------------------------------------------------

std::string fraction_cell(std::optional<double> fraction, const char* css) {
  return fmt::format("<td class=\"{}\">{}</td>", css, html_escape(percent_text(fraction)));
}

std::string positions_html(const BacktestResult& r) {
  std::string out = "<section><h2>Positions at " + format_date(r.to) + "</h2>";
  if (r.positions.empty()) return out + "<p class=\"nodata\">No positions.</p></section>";
  out +=
      "<p class=\"section-note\">Average cost against the symbol's average close over the "
      "period: below it means the rule bought cheaper than buying evenly would have.</p>"
      "<div class=\"card table-wrap\"><table class=\"positions\"><thead><tr>"
      "<th class=\"text\">Symbol</th><th>Shares</th><th>Buys</th><th>Cost</th><th>Avg cost</th>"
      "<th>Avg close</th><th>Cost vs close</th><th>Last close</th><th>Value</th><th>P&amp;L</th>"
      "<th>P&amp;L %</th></tr></thead><tbody>";
  Money total_cost, total_value;
  for (const PositionRow& p : r.positions) {
    const Money pnl = p.value.value - p.cost.value;
    total_cost += p.cost.value;
    total_value += p.value.value;
    std::optional<double> vs_close;
    if (p.average_close.value.is_positive()) {
      vs_close = dollars(p.average_cost.value) / dollars(p.average_close.value) - 1.0;
    }
    std::optional<double> pnl_pct;
    if (p.cost.value.is_positive()) pnl_pct = dollars(pnl) / dollars(p.cost.value);
    const char* vs_class = !vs_close || *vs_close == 0 ? "" : *vs_close < 0 ? "gain" : "loss";
    out += fmt::format(
        "<tr><td class=\"text\"><b>{}</b></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td>{}<td>{}</td><td>{}</td><td class=\"{}\">{}</td>{}</tr>",
        html_escape(p.symbol), count_text(p.shares), count_text(p.buys), cents_text(p.cost),
        money_text(p.average_cost), money_text(p.average_close), fraction_cell(vs_close, vs_class),
        money_text(p.last_close), cents_text(p.value), sign_class(pnl), cents_text(pnl),
        fraction_cell(pnl_pct, sign_class(pnl)));
  }
  const Money total_pnl = total_value - total_cost;
  std::optional<double> total_pct;
  if (total_cost.is_positive()) total_pct = dollars(total_pnl) / dollars(total_cost);
  out += fmt::format(
      "<tr class=\"total\"><td class=\"text\">Total</td><td></td><td></td><td>{}</td><td></td>"
      "<td></td><td></td><td></td><td>{}</td><td class=\"{}\">{}</td>{}</tr>",
      cents_text(total_cost), cents_text(total_value), sign_class(total_pnl), cents_text(total_pnl),
      fraction_cell(total_pct, sign_class(total_pnl)));
  return out + "</tbody></table></div></section>";
}

std::string notes_html() {
  return "<section class=\"notes\"><p>Total and annualised returns are time-weighted (money paid "
         "in is not a gain); XIRR is the money-weighted annual rate of the money paid in and "
         "the final equity. Volatility, Sharpe and Sortino ratios are annualised from daily "
         "returns. Cash idle is the average share of equity held as cash. A dash marks a value "
         "that does not exist (e.g. a Sharpe ratio of a flat curve). The best value of each "
         "comparable row is highlighted.</p></section>";
}

Result<std::string> sweep_part(const nlohmann::json& sweep) {
  Result<SweepResult> s = read_sweep_result(sweep);
  if (!s.ok()) return s.error().within("sweep");
  return sweep_section_html(*s);
}

}  // namespace

Result<std::string> render_backtest_html(const nlohmann::json& backtest,
                                         const nlohmann::json* sweep) {
  STRATUS_ASSIGN_OR_RETURN(const BacktestResult r, read_backtest_result(backtest));
  std::string sweep_html;
  if (sweep != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(sweep_html, sweep_part(*sweep));
  }
  std::string out = report_page_open(fmt::format("Stratus backtest {} ({} to {})", r.profile,
                                                 format_date(r.from), format_date(r.to)));
  out += header_html(r);
  out += metrics_html(r);
  out += activity_html(r);
  out += curves_html(r);
  out += symbols_html(r);
  out += positions_html(r);
  out += sweep_html;
  out += notes_html();
  return out + report_page_close();
}

Result<std::string> render_sweep_html(const nlohmann::json& sweep) {
  STRATUS_ASSIGN_OR_RETURN(const SweepResult s, read_sweep_result(sweep));
  std::string out = report_page_open("Stratus parameter sweep");
  std::string axes;
  for (const SweepAxis& axis : s.axes)
    axes += (axes.empty() ? "" : " &times; ") + html_escape(axis.name);
  out += fmt::format(
      "<header><p class=\"eyebrow\">Stratus parameter sweep</p><h1>Sweep of {}</h1>"
      "<p class=\"meta\">"
      "<b>{}</b> configuration(s) &middot; ranked by <b>{}</b></p></header>",
      axes, s.results.size(), html_escape(sweep_metric_label(s.metric)));
  out += sweep_section_html(s);
  return out + report_page_close();
}

}  // namespace stratus::report
