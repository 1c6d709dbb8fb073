// Money: an exact amount of US dollars in fixed point (1/10,000 dollar), for prices, notionals,
// budgets and commissions. Never a double.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

class Money {
 public:
  static constexpr int kScale = 4;  // Decimal places kept.
  static constexpr std::int64_t kUnitsPerDollar = 10000;

  constexpr Money() = default;
  static constexpr Money from_units(std::int64_t units) { return Money(units); }
  static constexpr Money from_dollars(std::int64_t dollars) {
    return Money(dollars * kUnitsPerDollar);
  }
  // Parses a decimal string with at most 4 decimal places ("43.07"). Exact.
  static Result<Money> parse(std::string_view text);
  // Parses a decimal string of any precision, rounding half away from zero to 4 places
  // (for values brokers send with more digits, e.g. average fill prices).
  static Result<Money> parse_rounded(std::string_view text);

  constexpr std::int64_t units() const { return units_; }
  // "43.07", "50.045", "12.00": at least two decimals, at most four.
  std::string to_string() const;

  constexpr bool is_positive() const { return units_ > 0; }
  constexpr auto operator<=>(const Money&) const = default;
  constexpr Money operator+(Money o) const { return Money(units_ + o.units_); }
  constexpr Money operator-(Money o) const { return Money(units_ - o.units_); }
  constexpr Money& operator+=(Money o) {
    units_ += o.units_;
    return *this;
  }
  constexpr Money& operator-=(Money o) {
    units_ -= o.units_;
    return *this;
  }
  constexpr Money operator*(std::int64_t n) const { return Money(units_ * n); }

  // This amount adjusted by `bps` basis points (1 bp = 0.01%), rounded half away from zero.
  Money adjusted_by_bps(std::int64_t bps) const;

 private:
  constexpr explicit Money(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace stratus
