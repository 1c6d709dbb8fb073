// The time chart's date axis (tiers, years), its structure, and the backtest charts' value ticks.
#include "report/line_chart_svg.h"

#include <gtest/gtest.h>

#include <chrono>

#include "report/backtest_charts.h"
#include "report/heat_map_svg.h"

namespace stratus::report {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::vector<Date> weekdays(const char* first, std::size_t n) {
  std::vector<Date> out;
  for (Date d = *parse_date(first); out.size() < n; d += std::chrono::days(1)) {
    if (!is_weekend(d)) out.push_back(d);
  }
  return out;
}

std::string shown(const DateTick& t) { return t.label + (t.year_up_to > 0 ? t.year : ""); }

TEST(DateTicks, OneMonthGetsOneLabelWithItsYear) {
  const auto ticks = date_ticks(weekdays("2015-08-03", 15));
  ASSERT_EQ(ticks.size(), 1u);
  EXPECT_EQ(ticks[0].session, 0u);
  EXPECT_EQ(shown(ticks[0]), "Aug 2015");
  EXPECT_EQ(ticks[0].tier, 1);
}

TEST(DateTicks, AQuarterLabelsEachMonthStart) {
  const auto sessions = weekdays("2016-01-04", 60);
  const auto ticks = date_ticks(sessions);
  ASSERT_EQ(ticks.size(), 2u);
  EXPECT_EQ(format_date(sessions[ticks[0].session]), "2016-02-01");
  EXPECT_EQ(shown(ticks[0]), "Feb 2016");
  EXPECT_EQ(ticks[0].year_up_to, 3);
  EXPECT_EQ(shown(ticks[1]), "Mar");
  EXPECT_EQ(ticks[1].tier, 1);
}

TEST(DateTicks, TiersThinOutAndTheFirstShownNamesTheYear) {
  // About two years from mid-January 2016: quarters on wide charts, half years narrower.
  const auto sessions = weekdays("2016-01-18", 500);
  const auto ticks = date_ticks(sessions);
  std::size_t per_tier[4] = {};
  for (const DateTick& t : ticks) {
    for (int view = t.tier; view <= 3; ++view) ++per_tier[view];
  }
  EXPECT_LE(per_tier[1], 3u);
  EXPECT_LE(per_tier[2], 5u);
  EXPECT_LE(per_tier[3], 9u);
  EXPECT_GE(per_tier[1], 2u);
  // The first tick is April (wide charts only) and names its year there; July is the first of
  // the narrower views and names its year only in them.
  ASSERT_GE(ticks.size(), 3u);
  EXPECT_EQ(ticks[0].label, "Apr");
  EXPECT_EQ(ticks[0].year, " 2016");
  EXPECT_EQ(ticks[0].tier, 3);
  EXPECT_EQ(ticks[0].year_up_to, 3);
  EXPECT_EQ(ticks[1].label, "Jul");
  EXPECT_EQ(ticks[1].year_up_to, 2);
  EXPECT_EQ(ticks[2].label, "Oct");
  EXPECT_EQ(ticks[2].year_up_to, 0);
  for (const DateTick& t : ticks) {
    const std::chrono::year_month_day ymd{sessions[t.session]};
    if (ymd.month() == std::chrono::January) {
      EXPECT_EQ(t.label, std::to_string(static_cast<int>(ymd.year())));
      EXPECT_EQ(t.tier, 1);
    }
  }
}

TEST(LineChartSvg, OnePolylinePointPerSessionAndEscapedText) {
  LineChart chart;
  chart.kind = "symbol";
  chart.aria_label = "A <chart>";
  chart.sessions = weekdays("2016-01-04", 30);
  chart.series.push_back({"close", "s-close", std::vector<double>(30, 5.0), true});
  chart.y_ticks = {{0, "$0"}, {10, "<ten>"}};
  chart.markers.push_back({29, 10, "buy s-buy", "bought \"2\" & more"});
  chart.data = {{"symbol", "X&Y"}, {"Bad Name!", "v"}};
  const std::string svg = line_chart_svg(chart);
  EXPECT_EQ(svg.rfind("<div class=\"lc-box\"><svg class=\"lc\" data-chart=\"symbol\" "
                      "data-sessions=\"30\" data-markers=\"1\" data-symbol=\"X&amp;Y\" "
                      "data-badname=\"v\" role=\"img\" aria-label=\"A &lt;chart&gt;\">",
                      0),
            0u);
  EXPECT_EQ(count(svg, "<polyline "), 1u);
  EXPECT_NE(svg.find("points=\"0.0,500.0 34.5,500.0 "), std::string::npos);
  EXPECT_NE(svg.find(" 1000.0,500.0\"/>"), std::string::npos);
  EXPECT_EQ(count(svg, "<polygon class=\"area s-close\""), 1u);
  EXPECT_NE(svg.find("<circle class=\"buy s-buy\" cx=\"100.00%\" cy=\"0.00%\" r=\"4.5\"><title>"
                     "bought &quot;2&quot; &amp; more</title></circle>"),
            std::string::npos);
  EXPECT_NE(svg.find(">&lt;ten&gt;</text>"), std::string::npos);
  EXPECT_TRUE(svg.ends_with("</svg></div>"));
}

TEST(ChartLegend, EscapedEntriesWithTheirKeys) {
  EXPECT_EQ(chart_legend_html(
                {{"s-strategy", "A & B", LegendKey::kLine}, {"s-buy", "Buy", LegendKey::kMarker}}),
            "<ul class=\"legend\"><li class=\"s-strategy\"><span class=\"key line\"></span>"
            "A &amp; B</li><li class=\"s-buy\"><span class=\"key marker\"></span>Buy</li></ul>");
}

std::vector<std::string> labels(const std::vector<ChartTick>& ticks) {
  std::vector<std::string> out;
  for (const ChartTick& t : ticks) out.push_back(t.label);
  return out;
}

TEST(ValueTicks, MoneyIsCompact) {
  EXPECT_EQ(labels(money_ticks(Money::from_dollars(9800), Money::from_dollars(32011))),
            (std::vector<std::string>{"$0", "$10k", "$20k", "$30k", "$40k"}));
  EXPECT_EQ(labels(money_ticks(Money::from_dollars(10000), Money::from_dollars(11590))),
            (std::vector<std::string>{"$10k", "$10.5k", "$11k", "$11.5k", "$12k"}));
  EXPECT_EQ(labels(money_ticks(Money::from_dollars(1'100'000), Money::from_dollars(2'300'000))),
            (std::vector<std::string>{"$1M", "$1.5M", "$2M", "$2.5M"}));
  EXPECT_EQ(labels(money_ticks(Money::from_units(405000), Money::from_units(415000))),
            (std::vector<std::string>{"$40.50", "$41.00", "$41.50"}));
  EXPECT_EQ(labels(money_ticks(Money::from_dollars(80), Money::from_dollars(150))),
            (std::vector<std::string>{"$80", "$100", "$120", "$140", "$160"}));
  const auto flat = money_ticks(Money::from_dollars(50), Money::from_dollars(50));
  ASSERT_GE(flat.size(), 2u);
  EXPECT_LT(flat.front().value, flat.back().value);
}

TEST(ValueTicks, DrawdownsInPercentDownFromZero) {
  EXPECT_EQ(labels(drawdown_ticks(-0.1395)),
            (std::vector<std::string>{"-15%", "-10%", "-5%", "0%"}));
  EXPECT_EQ(labels(drawdown_ticks(-0.004)),
            (std::vector<std::string>{"-0.4%", "-0.3%", "-0.2%", "-0.1%", "0%"}));
  const auto flat = drawdown_ticks(0);
  ASSERT_EQ(flat.size(), 2u);
  EXPECT_EQ(flat.back().label, "0%");
  EXPECT_LT(flat.front().value, 0);
}

TEST(HeatColour, RampFromLightToDark) {
  EXPECT_EQ(heat_colour(0), "#ffffd9");
  EXPECT_EQ(heat_colour(1), "#081d58");
  EXPECT_EQ(heat_colour(-3), "#ffffd9");
  EXPECT_EQ(heat_colour(0.5), "#41b6c4");
}

}  // namespace
}  // namespace stratus::report
