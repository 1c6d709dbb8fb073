// The SVG price chart: its ticks, one point per session, one marker per buy, escaped text.
#include "report/price_chart_svg.h"

#include <gtest/gtest.h>

#include <regex>

#include "report/report_test_fixture.h"

namespace stratus::report {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

// The number of "x,y" pairs in the points attribute of the polyline of `css_class`.
std::size_t polyline_points(const std::string& svg, const std::string& css_class) {
  const std::string start = "<polyline class=\"" + css_class + "\" points=\"";
  const auto from = svg.find(start);
  if (from == std::string::npos) return 0;
  const auto begin = from + start.size();
  const std::string points = svg.substr(begin, svg.find('"', begin) - begin);
  return count(points, ",");
}

const SymbolReport& aapl(const MonthReport& r) { return r.symbols[0]; }

TEST(PriceTicks, NiceStepsCoveringTheRange) {
  EXPECT_EQ(price_ticks_cents(9500, 15000),
            (std::vector<std::int64_t>{8000, 10000, 12000, 14000, 16000}));
  EXPECT_EQ(price_ticks_cents(4050, 4150), (std::vector<std::int64_t>{4050, 4100, 4150}));
  const auto flat = price_ticks_cents(4050, 4050);
  ASSERT_EQ(flat.size(), 2u);
  EXPECT_EQ(flat[0], 4050);
  EXPECT_EQ(flat[1], 4051);
  const auto wide = price_ticks_cents(0, 123456);
  EXPECT_EQ(wide.front(), 0);
  EXPECT_GE(wide.back(), 123456);
  EXPECT_LE(wide.size(), 6u);
  for (std::int64_t low : {1, 99, 4321, 99999}) {
    for (std::int64_t span : {0, 1, 7, 250, 10001}) {
      const auto ticks = price_ticks_cents(low, low + span);
      ASSERT_GE(ticks.size(), 2u);
      ASSERT_LE(ticks.size(), 6u) << low << "+" << span;
      EXPECT_LE(ticks.front(), low);
      EXPECT_GE(ticks.back(), low + span);
      const std::int64_t step = ticks[1] - ticks[0];
      for (std::size_t i = 1; i < ticks.size(); ++i) EXPECT_EQ(ticks[i] - ticks[i - 1], step);
    }
  }
}

TEST(PriceChartSvg, OnePointPerSessionAndOneMarkerPerBuy) {
  auto r = build_month_report(testing::august_2015());
  ASSERT_TRUE(r.ok());
  const std::string svg = price_chart_svg(aapl(*r));
  EXPECT_EQ(svg.rfind("<svg class=\"chart\" viewBox=\"0 0 480 270\"", 0), 0u);
  EXPECT_NE(svg.find("data-symbol=\"AAPL\" data-sessions=\"131\" data-buys=\"2\""),
            std::string::npos);
  EXPECT_EQ(polyline_points(svg, "close-line"), 131u);
  EXPECT_EQ(polyline_points(svg, "high-line"), 131u);
  EXPECT_EQ(count(svg, "<circle class=\"buy\""), 2u);
  EXPECT_EQ(count(svg, "<title>"), 2u);
  EXPECT_NE(svg.find("<title>AAPL 2015-08-24: bought 1 at 100.0000 (filled 2015-08-25), "
                     "notional 100.00, filled</title>"),
            std::string::npos)
      << svg;
  EXPECT_TRUE(svg.ends_with("</svg>"));
}

TEST(PriceChartSvg, AxesAndLegend) {
  auto r = build_month_report(testing::august_2015());
  ASSERT_TRUE(r.ok());
  const std::string svg = price_chart_svg(aapl(*r));
  // Prices 95 .. 150: steps of $20 from 80 to 160.
  for (const char* label :
       {">80</text>", ">100</text>", ">120</text>", ">140</text>", ">160</text>"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  // One date label per month.
  for (const char* label :
       {">Mar</text>", ">Apr</text>", ">May</text>", ">Jun</text>", ">Jul</text>", ">Aug</text>"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  EXPECT_EQ(svg.find(" 2015</text>"), std::string::npos);  // No January in these months.
  EXPECT_NE(svg.find("<g class=\"legend\">"), std::string::npos);
  EXPECT_NE(svg.find(">Close</text>"), std::string::npos);
  EXPECT_NE(svg.find(">52-week high</text>"), std::string::npos);
}

TEST(PriceChartSvg, NamesTheYearOnJanuary) {
  SymbolReport s;
  s.symbol = "KO";
  for (const char* day : {"2015-12-30", "2015-12-31", "2016-01-04", "2016-02-01"}) {
    s.chart.push_back(ChartPoint{testing::d(day), testing::m("40"), testing::m("41")});
  }
  const std::string svg = price_chart_svg(s);
  EXPECT_NE(svg.find(">Dec</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">Jan 2016</text>"), std::string::npos) << svg;
  EXPECT_NE(svg.find(">Feb</text>"), std::string::npos) << svg;
}

TEST(PriceChartSvg, PointsStayInsideTheViewBoxAndGoLeftToRight) {
  auto r = build_month_report(testing::august_2015());
  ASSERT_TRUE(r.ok());
  const std::string svg = price_chart_svg(aapl(*r));
  const std::regex pair(R"((-?[0-9.]+),(-?[0-9.]+))");
  const std::string start = "<polyline class=\"close-line\" points=\"";
  const auto begin = svg.find(start) + start.size();
  const std::string points = svg.substr(begin, svg.find('"', begin) - begin);
  double previous_x = -1;
  for (auto it = std::sregex_iterator(points.begin(), points.end(), pair);
       it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]);
    const double y = std::stod((*it)[2]);
    EXPECT_GT(x, previous_x);
    EXPECT_GE(x, 0);
    EXPECT_LE(x, kChartWidth);
    EXPECT_GE(y, 0);
    EXPECT_LE(y, kChartHeight);
    previous_x = x;
  }
}

TEST(PriceChartSvg, EscapesTheSymbol) {
  SymbolReport s;
  s.symbol = "<A&B>\"'";
  s.chart = {ChartPoint{testing::d("2015-08-03"), testing::m("10"), testing::m("12")}};
  ReportOrder buy;
  buy.session = testing::d("2015-08-03");
  buy.qty = buy.filled_qty = Quantity(1);
  buy.fill_price = testing::m("10");
  s.buys.push_back(buy);
  const std::string svg = price_chart_svg(s);
  EXPECT_EQ(svg.find("<A&B>"), std::string::npos);
  EXPECT_NE(svg.find("data-symbol=\"&lt;A&amp;B&gt;&quot;&#39;\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>&lt;A&amp;B&gt;&quot;&#39; 2015-08-03: bought 1"), std::string::npos);
  EXPECT_EQ(polyline_points(svg, "close-line"), 1u);
}

}  // namespace
}  // namespace stratus::report
