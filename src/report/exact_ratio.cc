// Exact ratios for the monthly report (see exact_ratio.h).
#include "report/exact_ratio.h"

namespace stratus::report {

std::int64_t divide_half_even(Int128 numerator, Int128 denominator) {
  Int128 quotient = numerator / denominator;   // Truncates toward zero.
  Int128 remainder = numerator % denominator;  // Same sign as the numerator.
  const bool negative = remainder < 0;
  const Int128 twice = (negative ? -remainder : remainder) * 2;
  if (twice > denominator || (twice == denominator && quotient % 2 != 0)) {
    quotient += negative ? -1 : 1;
  }
  return static_cast<std::int64_t>(quotient);
}

std::optional<Money> average_half_even(Int128 total_units, std::int64_t count) {
  if (count <= 0) return std::nullopt;
  return Money::from_units(divide_half_even(total_units, count));
}

std::optional<Percent> percent_half_even(Money part, Money whole) {
  if (!whole.is_positive()) return std::nullopt;
  // Hundredths of a percent: part / whole * 100 * 100.
  const std::int64_t hundredths =
      divide_half_even(static_cast<Int128>(part.units()) * 10000, whole.units());
  return Percent::from_units(hundredths * (Percent::kUnitsPerPercent / 100));
}

}  // namespace stratus::report
