// Half-even ratios of the monthly report.
#include "report/exact_ratio.h"

#include <gtest/gtest.h>

namespace stratus::report {
namespace {

TEST(ExactRatio, DividesRoundingHalfToEven) {
  EXPECT_EQ(divide_half_even(5, 2), 2);    // 2.5 -> 2
  EXPECT_EQ(divide_half_even(7, 2), 4);    // 3.5 -> 4
  EXPECT_EQ(divide_half_even(-5, 2), -2);  // -2.5 -> -2
  EXPECT_EQ(divide_half_even(-7, 2), -4);  // -3.5 -> -4
  EXPECT_EQ(divide_half_even(10, 3), 3);   // 3.33
  EXPECT_EQ(divide_half_even(11, 3), 4);   // 3.67
  EXPECT_EQ(divide_half_even(-11, 3), -4);
  EXPECT_EQ(divide_half_even(0, 7), 0);
  const Int128 big = static_cast<Int128>(INT64_MAX) * 3;
  EXPECT_EQ(divide_half_even(big, 3), INT64_MAX);
}

TEST(ExactRatio, AveragesMoney) {
  // 200.0001 / 2 = 100.00005 -> 100.0000 (even); 200.0003 / 2 = 100.00015 -> 100.0002 (even).
  EXPECT_EQ(average_half_even(2000001, 2), Money::from_units(1000000));
  EXPECT_EQ(average_half_even(2000003, 2), Money::from_units(1000002));
  EXPECT_EQ(average_half_even(2000003, 0), std::nullopt);
}

TEST(ExactRatio, PercentToTwoPlaces) {
  auto p = [](const char* part, const char* whole) {
    return percent_half_even(*Money::parse(part), *Money::parse(whole));
  };
  EXPECT_EQ(p("1.50", "120"), Percent::parse("1.25").value());
  EXPECT_EQ(p("1", "8"), Percent::parse("12.5").value());
  EXPECT_EQ(p("-1", "3"), Percent::parse("-33.33").value());
  EXPECT_EQ(p("1", "1600"), Percent::parse("0.06").value());  // 0.0625 -> 0.06 (even)
  EXPECT_EQ(p("3", "1600"), Percent::parse("0.19").value());  // 0.1875 -> 0.19
  EXPECT_EQ(p("1", "0"), std::nullopt);
}

}  // namespace
}  // namespace stratus::report
