#include "domain/money.h"

#include "domain/decimal.h"

namespace stratus {

Result<Money> Money::parse(std::string_view text) {
  auto units = parse_scaled_decimal(text, kScale);
  if (!units.ok()) return units.error();
  return Money(*units);
}

Result<Money> Money::parse_rounded(std::string_view text) {
  const auto point = text.find('.');
  if (point == std::string_view::npos || text.size() - point - 1 <= kScale) return parse(text);
  const std::string_view kept = text.substr(0, point + 1 + kScale);
  const char next = text[point + 1 + kScale];
  for (char c : text.substr(point + 1 + kScale)) {
    if (c < '0' || c > '9') {
      return Error::invalid_input("expected a decimal number, got \"" + std::string(text) + "\"");
    }
  }
  auto units = parse_scaled_decimal(kept, kScale);
  if (!units.ok()) return units.error();
  std::int64_t value = *units;
  if (next >= '5') value += (text[0] == '-') ? -1 : 1;
  return Money(value);
}

std::string Money::to_string() const { return format_scaled_decimal(units_, kScale, 2); }

Money Money::adjusted_by_bps(std::int64_t bps) const {
  return Money(divide_rounded(static_cast<Int128>(units_) * (10000 + bps), 10000));
}

}  // namespace stratus
