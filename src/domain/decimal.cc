#include "domain/decimal.h"

#include <limits>

namespace stratus {
namespace {

constexpr std::int64_t kPow10[] = {1,      10,      100,      1000,      10000,
                                   100000, 1000000, 10000000, 100000000, 1000000000};

}  // namespace

Result<std::int64_t> parse_scaled_decimal(std::string_view text, int scale) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  if (text.empty()) return Error::invalid_input("expected a decimal number, got an empty string");
  std::size_t pos = 0;
  bool negative = false;
  if (text[0] == '-') {
    negative = true;
    pos = 1;
  }
  Int128 units = 0;
  int integer_digits = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '.') {
      if (seen_point) return Error::invalid_input("expected a decimal number, got " + quoted);
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return Error::invalid_input("expected a decimal number, got " + quoted);
    if (seen_point) {
      if (++fraction_digits > scale) {
        return Error::invalid_input("expected at most " + std::to_string(scale) +
                                    " decimal places, got " + quoted);
      }
    } else {
      ++integer_digits;
    }
    units = units * 10 + (c - '0');
    if (units > std::numeric_limits<std::int64_t>::max()) {
      return Error::invalid_input("number out of range: " + quoted);
    }
  }
  if (integer_digits == 0 || (seen_point && fraction_digits == 0)) {
    return Error::invalid_input("expected a decimal number, got " + quoted);
  }
  units *= kPow10[scale - fraction_digits];
  if (units > std::numeric_limits<std::int64_t>::max()) {
    return Error::invalid_input("number out of range: " + quoted);
  }
  const auto value = static_cast<std::int64_t>(units);
  return negative ? -value : value;
}

std::string format_scaled_decimal(std::int64_t units, int scale, int min_fraction_digits) {
  const bool negative = units < 0;
  const UInt128 magnitude = negative ? static_cast<UInt128>(-static_cast<Int128>(units)) : units;
  const auto pow = static_cast<UInt128>(kPow10[scale]);
  auto integer_part = static_cast<std::uint64_t>(magnitude / pow);
  auto fraction = static_cast<std::uint64_t>(magnitude % pow);
  std::string digits(static_cast<std::size_t>(scale), '0');
  for (int i = scale - 1; i >= 0; --i) {
    digits[static_cast<std::size_t>(i)] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  std::size_t keep = digits.size();
  while (keep > static_cast<std::size_t>(min_fraction_digits) && digits[keep - 1] == '0') --keep;
  digits.resize(keep);
  std::string out = negative ? "-" : "";
  out += std::to_string(integer_part);
  if (!digits.empty()) out += "." + digits;
  return out;
}

std::int64_t divide_rounded(Int128 numerator, Int128 denominator) {
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const Int128 half = denominator / 2;
  const Int128 q =
      numerator >= 0 ? (numerator + half) / denominator : -((-numerator + half) / denominator);
  return static_cast<std::int64_t>(q);
}

}  // namespace stratus
