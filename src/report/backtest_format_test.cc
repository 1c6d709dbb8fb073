// How the backtest report writes numbers, and the JSON field reader's errors.
#include "report/backtest_format.h"

#include <gtest/gtest.h>

#include "report/json_field.h"

namespace stratus::report {
namespace {

Amount amount(const char* text) { return {*Money::parse(text), text}; }

TEST(BacktestFormat, MoneyKeepsTheDocumentsDigits) {
  EXPECT_EQ(money_text(amount("41234.56")), "$41,234.56");
  EXPECT_EQ(money_text(amount("-1234.5678")), "-$1,234.5678");
  EXPECT_EQ(money_text(amount("1234567.00")), "$1,234,567.00");
  EXPECT_EQ(money_text(amount("999.10")), "$999.10");
  EXPECT_EQ(money_text(amount("0.00")), "$0.00");
  EXPECT_EQ(money_text(Money::from_units(-5000)), "-$0.50");
}

TEST(BacktestFormat, PercentRatioAndCount) {
  EXPECT_EQ(percent_text(0.1234), "12.34%");
  EXPECT_EQ(percent_text(-0.05), "-5.00%");
  EXPECT_EQ(percent_text(-0.00001), "0.00%");
  EXPECT_EQ(percent_text(std::nullopt), "\u2014");
  EXPECT_EQ(ratio_text(0.5234), "0.52");
  EXPECT_EQ(ratio_text(std::nullopt), "\u2014");
  EXPECT_EQ(count_text(19648), "19,648");
  EXPECT_EQ(count_text(-1200), "-1,200");
  EXPECT_EQ(count_text(0), "0");
  EXPECT_EQ(count_text(100), "100");
}

TEST(JsonField, ErrorsNameThePointerTheExpectationAndTheValue) {
  const nlohmann::json doc = {{"a", {{"b/c", {1, "x"}}}}, {"m", 12.5}};
  const JsonField root(doc);
  const auto a = root.member("a");
  ASSERT_TRUE(a.ok());
  const auto list = a->member("b/c");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->pointer(), "/a/b~1c");
  const auto text = list->element(0).as<std::string>();
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().to_string(), "/a/b~1c/0: expected a string, got 1");
  const auto money = root.at<Amount>("m");
  ASSERT_FALSE(money.ok());
  EXPECT_EQ(money.error().context, "/m");
  EXPECT_NE(money.error().message.find("got 12.5"), std::string::npos);
  EXPECT_EQ(root.at<std::string>("none").error().to_string(), "/none: missing");
  EXPECT_TRUE(root.at<std::optional<double>>("none").ok());
  EXPECT_EQ(root.at<std::optional<double>>("m")->value_or(0), 12.5);
  EXPECT_EQ(list->array_size(3, "one per day").error().to_string(),
            "/a/b~1c: expected 3 elements (one per day), got 2");
}

TEST(BacktestFormat, TotalsAreRoundedHalfAwayFromZeroToCents) {
  EXPECT_EQ(cents_text(Money::from_units(660373924)), "$66,037.39");
  EXPECT_EQ(cents_text(Money::from_units(660373950)), "$66,037.40");
  EXPECT_EQ(cents_text(Money::from_units(-12345650)), "-$1,234.57");
  EXPECT_EQ(cents_text(Money::from_units(-49)), "$0.00");
  EXPECT_EQ(cents_text(Money::from_units(10'000'000'000)), "$1,000,000.00");
}

}  // namespace
}  // namespace stratus::report
