#include "domain/percent.h"

#include "domain/decimal.h"

namespace stratus {

Result<Percent> Percent::parse(std::string_view text) {
  auto units = parse_scaled_decimal(text, kScale);
  if (!units.ok()) return units.error();
  return Percent(*units);
}

Percent Percent::drop(Money reference, Money price) {
  const Int128 diff = static_cast<Int128>(reference.units()) - price.units();
  return Percent(divide_rounded(diff * 100 * kUnitsPerPercent, reference.units()));
}

bool Percent::reached_by(Money reference, Money price) const {
  const Int128 diff = static_cast<Int128>(reference.units()) - price.units();
  return diff * 100 * kUnitsPerPercent >= static_cast<Int128>(units_) * reference.units();
}

std::string Percent::to_string(int decimals) const {
  std::int64_t divisor = 1;
  for (int i = decimals; i < kScale; ++i) divisor *= 10;
  const std::int64_t rounded = divide_rounded(units_, divisor);
  return format_scaled_decimal(rounded, decimals, decimals);
}

}  // namespace stratus
