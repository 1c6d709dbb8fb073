// The field rules of daily-bar CSV files: parsers and messages.
#include "adapters/sim/csv_fields.h"

#include <limits>

#include "domain/money.h"

namespace stratus {
namespace {

constexpr std::string_view kSp500Header = "date,open,high,low,close,volume,Name";
constexpr std::string_view kGenericHeader = "symbol,date,open,high,low,close,volume";
constexpr CsvColumns kSp500Columns{6, 0, 1, 2, 3, 4, 5, "Name"};
constexpr CsvColumns kGenericColumns{0, 1, 2, 3, 4, 5, 6, "symbol"};
constexpr std::int64_t kPow10[] = {1, 10, 100, 1000, 10000};
constexpr std::string_view kPriceExpectation =
    "expected a positive decimal price with at most 4 decimal places";

}  // namespace

std::string_view csv_header(CsvLayout layout) {
  return layout == CsvLayout::kSp500 ? kSp500Header : kGenericHeader;
}

const CsvColumns& csv_columns(CsvLayout layout) {
  return layout == CsvLayout::kSp500 ? kSp500Columns : kGenericColumns;
}

std::string csv_quote(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

NumberStatus parse_price_units(std::string_view text, std::int64_t& units) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p != end && *p == '-') {
    negative = true;
    ++p;
  }
  std::int64_t value = 0;
  int digits = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  for (; p != end; ++p) {
    const char c = *p;
    if (c == '.') {
      if (seen_point) return NumberStatus::kMalformed;
      seen_point = true;
      continue;
    }
    const unsigned digit = static_cast<unsigned char>(c) - static_cast<unsigned>('0');
    if (digit > 9) return NumberStatus::kMalformed;
    if (seen_point && ++fraction_digits > Money::kScale) return NumberStatus::kTooManyDecimals;
    if (value > (kMax - digit) / 10) return NumberStatus::kOutOfRange;
    value = value * 10 + digit;
    ++digits;
  }
  if (digits == 0) return NumberStatus::kMalformed;
  const std::int64_t scale = kPow10[Money::kScale - fraction_digits];
  if (value > kMax / scale) return NumberStatus::kOutOfRange;
  value *= scale;
  units = negative ? -value : value;
  return NumberStatus::kOk;
}

NumberStatus parse_whole_number(std::string_view text, std::int64_t& value) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  if (text.empty()) return NumberStatus::kMalformed;
  std::int64_t v = 0;
  for (const char c : text) {
    const unsigned digit = static_cast<unsigned char>(c) - static_cast<unsigned>('0');
    if (digit > 9) return NumberStatus::kMalformed;
    if (v > (kMax - digit) / 10) return NumberStatus::kOutOfRange;
    v = v * 10 + digit;
  }
  value = v;
  return NumberStatus::kOk;
}

std::string csv_price_message(std::string_view field, std::string_view text, NumberStatus status,
                              bool may_be_empty) {
  std::string message = "field " + csv_quote(field) + ": " + std::string(kPriceExpectation);
  if (may_be_empty) message += " (or empty)";
  message += ", got " + (text.empty() ? std::string("an empty value") : csv_quote(text));
  if (status == NumberStatus::kTooManyDecimals) message += " (too many decimal places)";
  if (status == NumberStatus::kOutOfRange) message += " (out of range)";
  if (status == NumberStatus::kOk) message += " (not positive)";
  return message;
}

bool SessionParser::start_month(unsigned year, unsigned month) {
  const std::chrono::year_month ym{std::chrono::year{static_cast<int>(year)},
                                   std::chrono::month{month}};
  if (!ym.ok()) return false;
  month_start_ = Date{ym / std::chrono::day{1}}.time_since_epoch().count();
  month_days_ =
      static_cast<unsigned>(std::chrono::year_month_day_last{ym / std::chrono::last}.day());
  return true;
}

}  // namespace stratus
