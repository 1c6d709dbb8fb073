#include "domain/decimal.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(ParseScaledDecimal, ParsesExactly) {
  EXPECT_EQ(*parse_scaled_decimal("50.045", 4), 500450);
  EXPECT_EQ(*parse_scaled_decimal("12", 4), 120000);
  EXPECT_EQ(*parse_scaled_decimal("-0.5", 4), -5000);
  EXPECT_EQ(*parse_scaled_decimal("0.25", 2), 25);
}

TEST(ParseScaledDecimal, RejectsWhatIsNotAPlainDecimal) {
  for (const char* bad :
       {"", "-", ".", ".25", "7.", "-.5", "1.2.3", "1e5", "+1", " 1", "1,000", "abc", "1.23456"}) {
    auto r = parse_scaled_decimal(bad, 4);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  }
  EXPECT_NE(parse_scaled_decimal("1.23456", 4).error().message.find("at most 4 decimal places"),
            std::string::npos);
  EXPECT_FALSE(parse_scaled_decimal("99999999999999999999", 4).ok());
}

TEST(FormatScaledDecimal, TrimsToTheMinimumDigits) {
  EXPECT_EQ(format_scaled_decimal(430700, 4, 2), "43.07");
  EXPECT_EQ(format_scaled_decimal(500450, 4, 2), "50.045");
  EXPECT_EQ(format_scaled_decimal(120000, 4, 2), "12.00");
  EXPECT_EQ(format_scaled_decimal(120000, 4, 0), "12");
  EXPECT_EQ(format_scaled_decimal(-5, 4, 2), "-0.0005");
}

TEST(DivideRounded, RoundsHalfAwayFromZero) {
  EXPECT_EQ(divide_rounded(5, 2), 3);
  EXPECT_EQ(divide_rounded(-5, 2), -3);
  EXPECT_EQ(divide_rounded(4, 3), 1);
  EXPECT_EQ(divide_rounded(5, -2), -3);
}

}  // namespace
}  // namespace stratus
