// Number formats of the monthly report (see report_format.h).
#include "report/report_format.h"

#include "domain/decimal.h"

namespace stratus::report {

std::string dollars(Money m) { return m.to_string(); }

std::string dollars(const std::optional<Money>& m) { return m ? m->to_string() : "-"; }

std::string price4(const std::optional<Money>& m) {
  return m ? format_scaled_decimal(m->units(), Money::kScale, Money::kScale) : "-";
}

std::string signed_dollars(const std::optional<Money>& m) {
  if (!m) return "-";
  return (m->is_positive() ? "+" : "") + m->to_string();
}

std::string signed_percent(const std::optional<Percent>& p) {
  if (!p) return "-";
  return (p->units() > 0 ? "+" : "") + p->to_string(2) + "%";
}

}  // namespace stratus::report
