// Number formats of the backtest and sweep reports (see backtest_format.h).
#include "report/backtest_format.h"

#include <fmt/format.h>

namespace stratus::report {
namespace {

// `digits` (only '0'-'9') with a comma every three digits from the right.
std::string grouped(std::string_view digits) {
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// `text` is a plain decimal ("-1234.56"): its sign, grouped integer part and fraction.
std::string dollars_of(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const auto point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? "" : text.substr(point);
  return (negative ? "-$" : "$") + grouped(whole) + std::string(fraction);
}

std::string fixed2(double value) {
  std::string text = fmt::format("{:.2f}", value);
  if (text == "-0.00") text = "0.00";
  return text;
}

}  // namespace

std::string money_text(const Amount& amount) { return dollars_of(amount.text); }

std::string money_text(Money money) { return dollars_of(money.to_string()); }

std::string cents_text(Money money) {
  const std::int64_t units = money.units();
  const std::int64_t magnitude = units < 0 ? -units : units;
  constexpr std::int64_t kUnitsPerCent = Money::kUnitsPerDollar / 100;
  const std::int64_t cents = (magnitude + kUnitsPerCent / 2) / kUnitsPerCent;
  return dollars_of(
      fmt::format("{}{}.{:02d}", units < 0 && cents > 0 ? "-" : "", cents / 100, cents % 100));
}

std::string cents_text(const Amount& amount) { return cents_text(amount.value); }

std::string percent_text(std::optional<double> fraction) {
  if (!fraction) return std::string(kMissingValue);
  return fixed2(*fraction * 100.0) + "%";
}

std::string ratio_text(std::optional<double> value) {
  if (!value) return std::string(kMissingValue);
  return fixed2(*value);
}

std::string count_text(std::int64_t n) {
  const std::string text = std::to_string(n);
  if (n < 0) return "-" + grouped(std::string_view(text).substr(1));
  return grouped(text);
}

}  // namespace stratus::report
