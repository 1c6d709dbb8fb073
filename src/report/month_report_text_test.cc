// The monthly report as terminal text: its tables, totals and notes for the fixture month.
#include "report/month_report_text.h"

#include <gtest/gtest.h>

#include <sstream>

#include "report/report_test_fixture.h"

namespace stratus::report {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The line starting with `prefix` after the line starting with `after` (the first if empty).
std::string line_starting(const std::string& text, const std::string& prefix,
                          const std::string& after = "") {
  bool armed = after.empty();
  for (const std::string& line : lines_of(text)) {
    if (!armed) {
      armed = line.rfind(after, 0) == 0;
      continue;
    }
    if (line.rfind(prefix, 0) == 0) return line;
  }
  return "";
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(MonthReportText, SummaryRowsAndTotals) {
  auto r = build_month_report(testing::august_2015());
  ASSERT_TRUE(r.ok());
  const std::string text = month_report_text(*r, false);
  EXPECT_EQ(lines_of(text)[0],
            "Stratus monthly report 2015-08 (profile dev), 2015-08-01 to 2015-08-31");
  EXPECT_EQ(words(line_starting(text, "AAPL ")),
            (std::vector<std::string>{"AAPL", "2", "2", "4/4", "403.0001", "1000.00", "100.0000",
                                      "99.6667"}));
  EXPECT_EQ(
      words(line_starting(text, "MSFT ")),
      (std::vector<std::string>{"MSFT", "1", "1", "2/2", "85.50", "1000.00", "42.5000", "-"}));
  EXPECT_EQ(words(line_starting(text, "total ")),
            (std::vector<std::string>{"total", "3", "3", "488.5001", "5000.00"}));
}

TEST(MonthReportText, BuysOpenOrdersAndPositions) {
  auto r = build_month_report(testing::august_2015());
  ASSERT_TRUE(r.ok());
  const std::string text = month_report_text(*r, false);
  EXPECT_EQ(words(line_starting(text, "2015-08-25", "Buys")),
            (std::vector<std::string>{"2015-08-25", "AAPL", "1", "1", "100.0001", "2015-08-26",
                                      "100.0001", "0.00", "filled"}));
  EXPECT_EQ(words(line_starting(text, "2015-08-31", "Open and unfilled orders")),
            (std::vector<std::string>{"2015-08-31", "AAPL", "2", "101.50", "203.00", "reserved"}));
  EXPECT_NE(text.find("rejected  insufficient <b>buying</b> power & \"margin\""),
            std::string::npos);
  EXPECT_EQ(words(line_starting(text, "AAPL", "Positions at 2015-08-31")),
            (std::vector<std::string>{"AAPL", "4", "111.0000", "444.0001", "102.0000", "408.00",
                                      "-36.0001", "-8.11%"}));
  EXPECT_EQ(words(line_starting(text, "KO", "Positions at")),
            (std::vector<std::string>{"KO", "3", "40.0000", "120.00", "40.5000", "121.50", "+1.50",
                                      "+1.25%"}));
  EXPECT_EQ(words(line_starting(text, "MSFT", "Positions at")),
            (std::vector<std::string>{"MSFT", "1", "42.8500", "42.85", "-", "-", "-", "-"}));
  EXPECT_EQ(words(line_starting(text, "total", "Positions at")),
            (std::vector<std::string>{"total", "564.0001", "529.50", "-34.5001", "-6.12%"}));
  EXPECT_NE(text.find("Totals leave out positions without a price."), std::string::npos);
  EXPECT_NE(text.find("note: MSFT: no market data"), std::string::npos);
}

TEST(MonthReportText, NoEscapesWithoutColourNoTrailingSpaces) {
  auto r = build_month_report(testing::august_2015());
  ASSERT_TRUE(r.ok());
  const std::string plain = month_report_text(*r, false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  for (const std::string& line : lines_of(plain)) {
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "'" << line << "'";
  }
  const std::string color = month_report_text(*r, true);
  EXPECT_NE(color.find("\x1b[31m"), std::string::npos);  // A loss in red.
  EXPECT_NE(color.find("\x1b[32m"), std::string::npos);  // A gain in green.
}

TEST(MonthReportText, AMonthWithNothing) {
  MonthReportInput in;
  in.month = "2016-02";
  in.profile = "stage";
  auto r = build_month_report(in);
  ASSERT_TRUE(r.ok());
  const std::string text = month_report_text(*r, false);
  EXPECT_NE(text.find("No orders in 2016-02."), std::string::npos) << text;
  EXPECT_NE(text.find("No positions at 2016-02-29."), std::string::npos) << text;
}

}  // namespace
}  // namespace stratus::report
