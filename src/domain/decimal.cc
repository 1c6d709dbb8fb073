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
  // Written backwards into a buffer: the fraction's digits, the point, the integer's digits and
  // the sign; one string is made at the end. Unsigned arithmetic, so INT64_MIN needs no care.
  const bool negative = units < 0;
  std::uint64_t magnitude = negative ? std::uint64_t{0} - static_cast<std::uint64_t>(units)
                                     : static_cast<std::uint64_t>(units);
  char buffer[32];  // 20 integer digits, the point, 9 fraction digits, the sign.
  char* const end = buffer + sizeof buffer;
  char* at = end;
  int fraction_digits = scale;
  // Trailing zeros beyond the minimum are left out.
  while (fraction_digits > min_fraction_digits && magnitude % 10 == 0) {
    magnitude /= 10;
    --fraction_digits;
  }
  for (int i = 0; i < fraction_digits; ++i) {
    *--at = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  }
  if (fraction_digits > 0) *--at = '.';
  do {
    *--at = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) *--at = '-';
  return std::string(at, end);
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
