// Exact decimal text <-> scaled integer conversion, shared by Money and Percent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

// 128-bit integers for exact intermediate products (a GCC/Clang extension).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// Parses a plain decimal ("12", "-0.5", "50.045") into an integer scaled by 10^scale. Digits are
// required on both sides of a decimal point (".5" and "7." are rejected).
// REQUIRES: 0 <= scale <= 9.
// Guarantees: exact; fails with InvalidInput (naming the text) on signs other than a leading
// '-', exponents, empty text, more than `scale` fractional digits, or overflow of int64.
Result<std::int64_t> parse_scaled_decimal(std::string_view text, int scale);

// Formats `units / 10^scale` with exactly `min_fraction_digits`..`scale` fractional digits,
// trimming trailing zeros beyond the minimum ("43.07", "50.045", "12").
std::string format_scaled_decimal(std::int64_t units, int scale, int min_fraction_digits);

// Rounds `numerator / denominator` to the nearest integer, halves away from zero.
// REQUIRES: denominator != 0.
std::int64_t divide_rounded(Int128 numerator, Int128 denominator);

}  // namespace stratus
