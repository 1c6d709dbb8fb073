// The HTML report: one self-contained document, its sections, one chart per priced symbol, and
// every text escaped.
#include "report/month_report_html.h"

#include <gtest/gtest.h>

#include "report/report_test_fixture.h"

namespace stratus::report {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::string fixture_html() {
  auto r = build_month_report(testing::august_2015());
  EXPECT_TRUE(r.ok());
  return month_report_html(*r);
}

TEST(MonthReportHtml, IsOneSelfContainedDocument) {
  const std::string html = fixture_html();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">", 0), 0u);
  EXPECT_TRUE(html.ends_with("</html>\n"));
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  EXPECT_EQ(count(html, "<style>"), 1u);
  // Nothing to fetch, nothing to run.
  for (const char* absent :
       {"<script", "http:", "https:", "//", "<link", "<img", "@import", "url(", "src=", "href="}) {
    EXPECT_EQ(html.find(absent), std::string::npos) << absent;
  }
}

TEST(MonthReportHtml, HeaderTablesAndCharts) {
  const std::string html = fixture_html();
  EXPECT_NE(html.find("<title>Stratus report 2015-08 (dev)</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>Monthly report: August 2015</h1>"), std::string::npos);
  EXPECT_NE(html.find("Profile <b>dev</b>"), std::string::npos);
  EXPECT_EQ(count(html, "<table class=\"summary\">"), 1u);
  EXPECT_EQ(count(html, "<table class=\"buys\">"), 1u);
  EXPECT_EQ(count(html, "<table class=\"open-orders\">"), 1u);
  EXPECT_EQ(count(html, "<table class=\"positions\">"), 1u);
  EXPECT_NE(html.find("<h2>Positions at 2015-08-31</h2>"), std::string::npos);
  // The summary's totals row and the positions' totals row.
  EXPECT_NE(html.find("<tr class=\"total\"><td class=\"text\">Total</td><td>3</td><td>3</td><td>"
                      "</td><td>488.5001</td><td>5000.00</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>529.50</td><td class=\"loss\">-34.5001</td><td class=\"loss\">-6.12%"
                      "</td></tr>"),
            std::string::npos);
  // A card per symbol; AAPL and KO have prices, MSFT has none.
  EXPECT_EQ(count(html, "<figure class=\"chart-card\">"), 3u);
  EXPECT_EQ(count(html, "<svg class=\"chart\""), 2u);
  EXPECT_EQ(count(html, "<circle class=\"buy\""), 2u);
  EXPECT_NE(html.find("No prices for MSFT in these months."), std::string::npos);
  EXPECT_NE(html.find("Note: MSFT: no market data"), std::string::npos);
}

TEST(MonthReportHtml, EscapesEveryText) {
  MonthReportInput in = testing::august_2015();
  in.profile = "<script>alert(1)</script>";
  for (OrderRecord& o : in.orders) {
    if (o.symbol == "KO") o.symbol = "K&O<i>";
    o.client_order_id += "<x>";
  }
  in.bars["K&O<i>"] = in.bars["KO"];
  auto r = build_month_report(in);
  ASSERT_TRUE(r.ok());
  const std::string html = month_report_html(*r);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_EQ(html.find("<x>"), std::string::npos);
  EXPECT_EQ(html.find("<b>buying</b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("K&amp;O&lt;i&gt;"), std::string::npos);
  EXPECT_NE(html.find("insufficient &lt;b&gt;buying&lt;/b&gt; power &amp; &quot;margin&quot;"),
            std::string::npos);
}

TEST(MonthReportHtml, AMonthWithNothing) {
  MonthReportInput in;
  in.month = "2016-02";
  in.profile = "dev";
  auto r = build_month_report(in);
  ASSERT_TRUE(r.ok());
  const std::string html = month_report_html(*r);
  EXPECT_NE(html.find("No orders in 2016-02."), std::string::npos);
  EXPECT_NE(html.find("No positions."), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<table"), std::string::npos);
}

TEST(MonthReportHtml, IsDeterministic) { EXPECT_EQ(fixture_html(), fixture_html()); }

}  // namespace
}  // namespace stratus::report
