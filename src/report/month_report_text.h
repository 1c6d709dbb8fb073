// The monthly report for a terminal (`stratus report --month`): a summary table per symbol with
// a totals row, the month's buys, its open and unfilled orders, the positions at the month's
// end with a totals row, and notes. Aligned columns; colours only when asked for.
#pragma once

#include <string>

#include "report/month_report.h"

namespace stratus::report {

// Guarantees: every line ends in "\n"; without `color` no escape sequence appears (what is
// printed when standard output is not a terminal); the totals rows start with "total".
std::string month_report_text(const MonthReport& report, bool color);

}  // namespace stratus::report
