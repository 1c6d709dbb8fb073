// The field rules of daily-bar CSV files (documented in csv_market_data.h): the two layouts'
// headers and columns, exact field parsers that build no strings on the success path, and the
// texts of the messages that name what a field expected. Shared by the row scanner and the
// checked row parser, so both accept exactly the same rows.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "adapters/sim/csv_market_data.h"

namespace stratus {

inline constexpr std::size_t kCsvFieldCount = 7;

// Where each field sits in a row of a layout, and what its header calls the symbol column.
struct CsvColumns {
  std::size_t symbol, date, open, high, low, close, volume;
  std::string_view symbol_name;
};

// The exact header line of `layout`.
std::string_view csv_header(CsvLayout layout);
// The columns of `layout`.
const CsvColumns& csv_columns(CsvLayout layout);

// `text` between double quotes.
std::string csv_quote(std::string_view text);

// Why a number did not parse.
enum class NumberStatus { kOk, kMalformed, kTooManyDecimals, kOutOfRange };

// Parses an optional '-', digits, an optional '.', digits (at least one digit in all) into
// 1/10,000 units: the rules of Money::parse. Sets `units` only on kOk.
NumberStatus parse_price_units(std::string_view text, std::int64_t& units);
// Parses a non-empty run of digits (a non-negative whole number). Sets `value` only on kOk.
NumberStatus parse_whole_number(std::string_view text, std::int64_t& value);

// True when `symbol` has 1..32 characters from A-Z a-z 0-9 . - _ / ^.
inline bool is_valid_csv_symbol(std::string_view symbol) {
  if (symbol.empty() || symbol.size() > 32) return false;
  for (const char c : symbol) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == '/' || c == '^';
    if (!ok) return false;
  }
  return true;
}

inline constexpr std::string_view kCsvSymbolExpectation =
    "expected a symbol of 1..32 characters from A-Z a-z 0-9 . - _ / ^";

// The message for a price field that failed to parse (status) or is not positive (kOk).
std::string csv_price_message(std::string_view field, std::string_view text, NumberStatus status,
                              bool may_be_empty);

// Parses session dates YYYY-MM-DD (real calendar dates) into day counts (Date's), with a memo of
// the last month seen: rows come in date order, so most dates fall in the month of the row
// before. Accepts exactly what parse_date accepts for 10-character text.
class SessionParser {
 public:
  // Parses the 10 bytes at `text`. REQUIRES: 10 readable bytes at `text`.
  bool parse(const char* text, std::int64_t& day) {
    std::uint64_t prefix = 0;  // "YYYY-MM-", compared with the memo's in one go.
    std::memcpy(&prefix, text, sizeof prefix);
    unsigned day_of_month = 0;
    if (prefix != month_prefix_) {
      unsigned century = 0, year_in_century = 0, month = 0;
      if (text[4] != '-' || text[7] != '-' || !two_digits(text, century) ||
          !two_digits(text + 2, year_in_century) || !two_digits(text + 5, month) ||
          !start_month(century * 100 + year_in_century, month)) {
        return false;
      }
      month_prefix_ = prefix;
    }
    if (!two_digits(text + 8, day_of_month) || day_of_month < 1 || day_of_month > month_days_) {
      return false;
    }
    day = month_start_ + day_of_month - 1;
    return true;
  }
  bool parse(std::string_view text, std::int64_t& day) {
    return text.size() == 10 && parse(text.data(), day);
  }

 private:
  static bool two_digits(const char* p, unsigned& out) {
    const unsigned a = static_cast<unsigned char>(p[0]) - static_cast<unsigned>('0');
    const unsigned b = static_cast<unsigned char>(p[1]) - static_cast<unsigned>('0');
    if (a > 9 || b > 9) return false;
    out = a * 10 + b;
    return true;
  }
  // Makes year/month the memo (but for its prefix). False when month is not 1..12.
  bool start_month(unsigned year, unsigned month);

  // The memo: the bytes "YYYY-MM-" of the last valid date seen (0: none; no valid date has
  // those bytes), the first day of that month and its length.
  std::uint64_t month_prefix_ = 0;
  std::int64_t month_start_ = 0;
  unsigned month_days_ = 0;
};

}  // namespace stratus
