// Exact ratios for the monthly report: averages of money and percentages rounded half-even (the
// banker's rounding), so a report's averages never drift and ties do not lean one way.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/decimal.h"
#include "domain/money.h"
#include "domain/percent.h"
#include "domain/quantity.h"

namespace stratus::report {

// `numerator / denominator` rounded to the nearest integer, ties to the even one.
// REQUIRES: denominator > 0.
// Guarantees: exact for every Int128 numerator; the result fits int64 when the quotient does.
std::int64_t divide_half_even(Int128 numerator, Int128 denominator);

// `total / count` rounded half-even to Money's 4 decimal places (an average price from a sum
// of notionals and a number of shares). nullopt when count is zero.
std::optional<Money> average_half_even(Int128 total_units, std::int64_t count);

// `part / whole * 100` rounded half-even to 2 decimal places (the result is a Percent whose
// last two of four decimals are zero). nullopt when whole is not positive.
std::optional<Percent> percent_half_even(Money part, Money whole);

// `price * qty` without overflow, in Money units.
inline Int128 notional_units(Money price, Quantity qty) {
  return static_cast<Int128>(price.units()) * qty.shares();
}

}  // namespace stratus::report
