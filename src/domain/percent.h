// Percent: an exact percentage in fixed point (1/10,000 of a percent), for drop thresholds.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/money.h"
#include "domain/result.h"

namespace stratus {

class Percent {
 public:
  static constexpr int kScale = 4;
  static constexpr std::int64_t kUnitsPerPercent = 10000;

  constexpr Percent() = default;
  static constexpr Percent from_units(std::int64_t units) { return Percent(units); }
  static constexpr Percent from_whole(std::int64_t percent) {
    return Percent(percent * kUnitsPerPercent);
  }
  // Parses "10", "12.5" (percent, at most 4 decimal places).
  static Result<Percent> parse(std::string_view text);

  // The drop of `price` below `reference`, (reference - price) / reference * 100, rounded
  // half away from zero to 1/10,000 percent. Negative when price is above reference.
  // REQUIRES: reference is positive.
  static Percent drop(Money reference, Money price);

  // True when `price` is at least this far below `reference`, decided exactly (no rounding):
  // (reference - price) * 100 >= this * reference.
  // REQUIRES: reference is positive.
  bool reached_by(Money reference, Money price) const;

  constexpr std::int64_t units() const { return units_; }
  // With exactly `decimals` places (0..4), rounded half away from zero: "13.94".
  std::string to_string(int decimals = 2) const;

  constexpr auto operator<=>(const Percent&) const = default;

 private:
  constexpr explicit Percent(std::int64_t units) : units_(units) {}
  std::int64_t units_ = 0;
};

}  // namespace stratus
