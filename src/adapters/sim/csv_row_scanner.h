// The fast row scanner of daily-bar CSV files: one pass over the bytes of a well-formed row,
// straight into a CompactBar. It accepts a strict subset of what the checked row parser
// (csv_chunk_parser.cc) accepts, and produces the same bar for it; whenever it meets anything
// unusual it gives up and the checked parser takes the row, so every error message comes from
// one place.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "adapters/sim/compact_bar.h"
#include "adapters/sim/csv_fields.h"
#include "domain/money.h"

namespace stratus {

// The result of scanning one row.
struct ScannedRow {
  std::string_view symbol;   // Points into the text.
  bool same_symbol = false;  // True when symbol equals the `known_symbol` given to the scanner.
  CompactBar bar;
};

namespace csv_scan {

// What a column holds.
enum class Role : unsigned char { kSymbol, kDate, kOpen, kHigh, kLow, kClose, kVolume };

inline constexpr std::int64_t kPow10[] = {1, 10, 100, 1000, 10000};

inline bool is_digit(char c) {
  return static_cast<unsigned char>(c) - static_cast<unsigned>('0') <= 9u;
}

inline bool ends_field(char c) { return c == ',' || c == '\n' || c == '\r'; }

// Whether the byte at `p` may be read. Unguarded (G false), the caller guarantees that the text
// ends with '\n' at end[-1]: then every loop below stops at a byte before `end` (no digit, symbol
// character, '.', ',' or '\r' is a '\n'), and the checks against `end` can go.
template <bool G>
inline bool readable(const char* p, const char* end) {
  return !G || p != end;
}

// Scans a positive price at `p` (at most 12 integer digits, so no overflow check is needed; longer
// values go to the checked parser). Returns the position after it, or nullptr.
// ---- Reading digits several bytes at a time (SWAR), for the fields whose length changes from a
// row to the next (a price's decimals, a volume's digits), where a digit-by-digit loop keeps
// mispredicting its exit. The callers make sure the bytes read exist.

inline std::uint64_t load_word(const char* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, sizeof word);  // Little- or big-endian: see host_order_bytes.
  return word;
}

// `word` as if loaded little-endian: byte i is p[i] (a no-op on little-endian hosts).
inline std::uint64_t host_order_bytes(std::uint64_t word) {
  if constexpr (std::endian::native == std::endian::big) return __builtin_bswap64(word);
  return word;
}

// For the bytes of `x` (a little-endian word of text XOR '0' in every byte): the top bit of each
// byte that is not a digit (no carry crosses bytes: 0x7f + 0x76 < 0x100).
inline std::uint64_t non_digit_bytes(std::uint64_t x) {
  return (((x & 0x7f7f7f7f7f7f7f7f) + 0x7676767676767676) | x) & 0x8080808080808080;
}

// The number of leading digit bytes of the little-endian text word `x` (XOR '0'): 0..8.
inline unsigned leading_digits(std::uint64_t x) {
  const std::uint64_t not_digit = non_digit_bytes(x);
  return not_digit == 0 ? 8 : static_cast<unsigned>(std::countr_zero(not_digit)) / 8;
}

// The value of the first n (0..8) bytes of `x` (XOR '0'), which are digits.
inline std::uint64_t leading_value(std::uint64_t x, unsigned n) {
  if (n == 0) return 0;
  std::uint64_t v = (x << (8 * (8 - n))) & 0x0f0f0f0f0f0f0f0f;  // The zero bytes: leading zeros.
  v = (v * 10 + (v >> 8)) & 0x00ff00ff00ff00ff;                 // Pairs of digits.
  v = (v * 100 + (v >> 16)) & 0x0000ffff0000ffff;               // Fours.
  return (v * 10000 + (v >> 32)) & 0x00000000ffffffff;          // Eight.
}

inline constexpr std::uint64_t kXorZeros = 0x3030303030303030;

// Reads the decimals at `p` (after a price's '.'): sets `units` to their value in 1/10,000
// ("5" -> 5000, "75" -> 7500, "7142" -> 7142) and returns how many there are (0..4), or -1 when
// there are more than 4. REQUIRES: 8 readable bytes at `p`.
inline int decimals_to_units(const char* p, std::uint64_t& units) {
  static_assert(Money::kScale == 4);
  const std::uint64_t x = host_order_bytes(load_word(p)) ^ kXorZeros;
  const unsigned digits = leading_digits(x);
  if (digits > 4) return -1;
  // The digits in the low bytes, the rest zeroed: read as four digits, missing ones trailing.
  std::uint64_t v = x & ((std::uint64_t{1} << (8 * digits)) - 1) & 0x0f0f0f0f;
  v = (v * 10 + (v >> 8)) & 0x00ff00ff;
  units = (v * 100 + (v >> 16)) & 0xffff;
  return static_cast<int>(digits);
}

// Reads the digits of a volume at `p`: sets `shares` and returns how many there are (0..15), or
// -1 when there are 16 or more. REQUIRES: 16 readable bytes at `p`.
inline int volume_digits(const char* p, std::uint64_t& shares) {
  static constexpr std::uint64_t kPow10Wide[] = {1,      10,      100,      1000,     10000,
                                                 100000, 1000000, 10000000, 100000000};
  const std::uint64_t high = host_order_bytes(load_word(p)) ^ kXorZeros;
  const unsigned high_digits = leading_digits(high);
  if (high_digits < 8) {
    shares = leading_value(high, high_digits);
    return static_cast<int>(high_digits);
  }
  const std::uint64_t low = host_order_bytes(load_word(p + 8)) ^ kXorZeros;
  const unsigned low_digits = leading_digits(low);
  if (low_digits == 8) return -1;
  shares = leading_value(high, 8) * kPow10Wide[low_digits] + leading_value(low, low_digits);
  return static_cast<int>(8 + low_digits);
}

// ---- The fields.

// Digits accumulate unsigned (wrapping harmlessly on absurd lengths); the value is used only once
// the digit count shows that it fits.
template <bool G>
inline const char* price(const char* p, const char* end, std::int64_t& units) {
  const char* const start = p;
  std::uint64_t value = 0;
  while (readable<G>(p, end) && is_digit(*p)) value = value * 10 + (*p++ - '0');
  const auto integer_digits = p - start;
  if (integer_digits > 12) return nullptr;
  std::ptrdiff_t fraction_digits = 0;
  if (readable<G>(p, end) && *p == '.') {
    ++p;
    if (end - p >= 8) {
      std::uint64_t decimals = 0;
      fraction_digits = decimals_to_units(p, decimals);
      if (fraction_digits < 0) return nullptr;  // Too many decimals.
      value = value * static_cast<std::uint64_t>(kPow10[Money::kScale]) + decimals;
      p += fraction_digits;
    } else {  // Near the end: digit by digit.
      const char* const fraction_start = p;
      while (readable<G>(p, end) && is_digit(*p)) value = value * 10 + (*p++ - '0');
      fraction_digits = p - fraction_start;
      if (fraction_digits > Money::kScale) return nullptr;
      value *= static_cast<std::uint64_t>(kPow10[Money::kScale - fraction_digits]);
    }
  } else {
    value *= static_cast<std::uint64_t>(kPow10[Money::kScale]);
  }
  if (integer_digits + fraction_digits == 0) return nullptr;
  if (value == 0) return nullptr;
  units = static_cast<std::int64_t>(value);  // At most 16 digits: fits.
  return p;
}

// Scans a volume of at most 18 digits (empty is 0). Returns the position after it, or nullptr.
template <bool G>
inline const char* volume(const char* p, const char* end, std::int64_t& shares) {
  if (end - p >= 16) {
    std::uint64_t value = 0;
    const int digits = volume_digits(p, value);
    if (digits >= 0) {
      shares = static_cast<std::int64_t>(value);  // At most 15 digits: fits.
      return p + digits;
    }
  }
  const char* const start = p;  // Near the end, or 16 digits or more: digit by digit.
  std::uint64_t value = 0;
  while (readable<G>(p, end) && is_digit(*p)) value = value * 10 + (*p++ - '0');
  if (p - start > 18) return nullptr;
  shares = static_cast<std::int64_t>(value);  // At most 18 digits: fits.
  return p;
}

// Scans the field of role R at `p`, up to (not including) its terminator. Returns the position
// after it, or nullptr.
template <Role R, bool G>
inline const char* field(const char* p, const char* end, std::string_view known_symbol,
                         SessionParser& dates, ScannedRow& row) {
  if constexpr (R == Role::kSymbol) {
    // The common case first: the symbol of the row before, then a field end. (A plain loop:
    // symbols are short, and a call to memcmp costs more than comparing them.)
    const std::size_t known = known_symbol.size();
    if (known != 0 && static_cast<std::size_t>(end - p) > known && ends_field(p[known])) {
      std::size_t i = 0;
      while (i != known && p[i] == known_symbol[i]) ++i;
      if (i == known) {
        row.symbol = std::string_view(p, known);
        row.same_symbol = true;
        return p + known;
      }
    }
    const char* const start = p;
    while (readable<G>(p, end) && !ends_field(*p)) ++p;
    row.symbol = std::string_view(start, static_cast<std::size_t>(p - start));
    row.same_symbol = known != 0 && row.symbol == known_symbol;
    if (!row.same_symbol && !is_valid_csv_symbol(row.symbol)) return nullptr;
    return p;
  } else if constexpr (R == Role::kDate) {
    if (end - p < 10 || !dates.parse(p, row.bar.day)) return nullptr;
    return p + 10;
  } else if constexpr (R == Role::kClose) {
    return price<G>(p, end, row.bar.close);
  } else if constexpr (R == Role::kVolume) {
    return volume<G>(p, end, row.bar.volume);
  } else {
    std::int64_t& units = R == Role::kOpen   ? row.bar.open
                          : R == Role::kHigh ? row.bar.high
                                             : row.bar.low;
    if (readable<G>(p, end) && *p == ',') {
      units = 0;  // Missing.
      return p;
    }
    return price<G>(p, end, units);
  }
}

// Scans a row whose columns hold First, Rest... in that order (see scan_csv_row).
template <bool G, Role First, Role... Rest>
inline const char* row(const char* p, const char* end, std::string_view known_symbol,
                       SessionParser& dates, ScannedRow& out) {
  p = field<First, G>(p, end, known_symbol, dates, out);
  if (p == nullptr) return nullptr;
  if constexpr (sizeof...(Rest) > 0) {
    if (!readable<G>(p, end) || *p != ',') return nullptr;
    return row<G, Rest...>(p + 1, end, known_symbol, dates, out);
  } else {
    if (!readable<G>(p, end)) return p;
    if (*p == '\r') ++p;
    if (!readable<G>(p, end)) return p;
    if (*p != '\n') return nullptr;
    return p + 1;
  }
}

}  // namespace csv_scan

// Scans the row of layout L starting at `p` (a line start, before `end`). On success fills `row`
// and returns the start of the next line (or `end`); otherwise returns nullptr and `row` is
// unspecified. `known_symbol` is a symbol already validated (empty: none yet), so that the
// common case of a repeated symbol skips validation.
// REQUIRES, when kEndsWithNewline: end[-1] == '\n' (which makes most bounds checks needless).
template <CsvLayout L, bool kEndsWithNewline>
inline const char* scan_csv_row(const char* p, const char* end, std::string_view known_symbol,
                                SessionParser& dates, ScannedRow& row) {
  using csv_scan::Role;
  constexpr bool kGuarded = !kEndsWithNewline;
  if constexpr (L == CsvLayout::kSp500) {
    return csv_scan::row<kGuarded, Role::kDate, Role::kOpen, Role::kHigh, Role::kLow, Role::kClose,
                         Role::kVolume, Role::kSymbol>(p, end, known_symbol, dates, row);
  } else {
    return csv_scan::row<kGuarded, Role::kSymbol, Role::kDate, Role::kOpen, Role::kHigh, Role::kLow,
                         Role::kClose, Role::kVolume>(p, end, known_symbol, dates, row);
  }
}

}  // namespace stratus
