#include "domain/money.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(Money, ParsesAndFormatsWithoutLoss) {
  EXPECT_EQ(Money::parse("92.2242")->to_string(), "92.2242");
  EXPECT_EQ(Money::parse("43.07")->to_string(), "43.07");
  EXPECT_EQ(Money::parse("100")->to_string(), "100.00");
  EXPECT_EQ(Money::parse("0.1")->units() * 3, Money::parse("0.3")->units());
}

TEST(Money, ParseRoundedKeepsFourPlaces) {
  EXPECT_EQ(Money::parse_rounded("150.123449")->to_string(), "150.1234");
  EXPECT_EQ(Money::parse_rounded("150.12345")->to_string(), "150.1235");
  EXPECT_EQ(Money::parse_rounded("-1.00005")->to_string(), "-1.0001");
  EXPECT_FALSE(Money::parse_rounded("1.0000x").ok());
}

TEST(Money, AdjustsByBasisPointsExactly) {
  EXPECT_EQ(Money::parse("100")->adjusted_by_bps(5).to_string(), "100.05");
  EXPECT_EQ(Money::parse("43.07")->adjusted_by_bps(10).to_string(), "43.1131");
  EXPECT_EQ(Money::parse("43.07")->adjusted_by_bps(0), *Money::parse("43.07"));
}

TEST(Money, ArithmeticIsExact) {
  Money sum;
  for (int i = 0; i < 1000; ++i) sum += *Money::parse("0.01");
  EXPECT_EQ(sum.to_string(), "10.00");
  EXPECT_EQ((*Money::parse("43.07") * 3).to_string(), "129.21");
}

}  // namespace
}  // namespace stratus
