#include "domain/decimal.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

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
  EXPECT_EQ(format_scaled_decimal(0, 4, 0), "0");
  EXPECT_EQ(format_scaled_decimal(0, 4, 2), "0.00");
  EXPECT_EQ(format_scaled_decimal(7, 0, 0), "7");
  EXPECT_EQ(format_scaled_decimal(-120000, 4, 0), "-12");
  EXPECT_EQ(format_scaled_decimal(std::numeric_limits<std::int64_t>::min(), 4, 2),
            "-922337203685477.5808");
  EXPECT_EQ(format_scaled_decimal(std::numeric_limits<std::int64_t>::max(), 9, 0),
            "9223372036.854775807");
}

// The plain way: the integer and fraction parts as separate numbers, the fraction padded and
// trimmed as text.
std::string reference_format(std::int64_t units, int scale, int min_fraction_digits) {
  const bool negative = units < 0;
  const UInt128 magnitude =
      negative ? static_cast<UInt128>(-static_cast<Int128>(units)) : static_cast<UInt128>(units);
  UInt128 pow = 1;
  for (int i = 0; i < scale; ++i) pow *= 10;
  std::string fraction;
  if (scale > 0) {
    fraction = std::to_string(static_cast<std::uint64_t>(magnitude % pow));
    fraction.insert(0, static_cast<std::size_t>(scale) - fraction.size(), '0');
  }
  while (fraction.size() > static_cast<std::size_t>(min_fraction_digits) &&
         fraction.back() == '0') {
    fraction.pop_back();
  }
  std::string out =
      (negative ? "-" : "") + std::to_string(static_cast<std::uint64_t>(magnitude / pow));
  return fraction.empty() ? out : out + "." + fraction;
}

TEST(FormatScaledDecimal, EqualsThePlainWayForEveryScaleAndMinimum) {
  std::mt19937_64 random(20150824);
  std::vector<std::int64_t> values = {0,
                                      1,
                                      -1,
                                      9,
                                      10,
                                      99,
                                      100,
                                      1000000000,
                                      -1000000000,
                                      std::numeric_limits<std::int64_t>::min(),
                                      std::numeric_limits<std::int64_t>::max()};
  for (int i = 0; i < 2000; ++i) {
    const auto v = static_cast<std::int64_t>(random());
    values.push_back(v);
    values.push_back(v >> (i % 60));                  // Every magnitude.
    values.push_back((v >> (i % 60)) / 1000 * 1000);  // Trailing zeros.
  }
  for (const std::int64_t v : values) {
    for (int scale = 0; scale <= 9; ++scale) {
      for (int min = 0; min <= scale; ++min) {
        ASSERT_EQ(format_scaled_decimal(v, scale, min), reference_format(v, scale, min))
            << v << " scale " << scale << " min " << min;
      }
    }
  }
}

TEST(DivideRounded, RoundsHalfAwayFromZero) {
  EXPECT_EQ(divide_rounded(5, 2), 3);
  EXPECT_EQ(divide_rounded(-5, 2), -3);
  EXPECT_EQ(divide_rounded(4, 3), 1);
  EXPECT_EQ(divide_rounded(5, -2), -3);
}

}  // namespace
}  // namespace stratus
