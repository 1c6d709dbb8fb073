// The monthly report as ONE self-contained HTML page (`stratus report --html FILE`): inline CSS
// and SVG only, no script, no external font, image or stylesheet, so it opens offline and can be
// mailed. A header (month, profile), key figures, the summary table, a chart per symbol
// (price_chart_svg.h), the month's buys and open orders, and the positions table. Readable on a
// phone (the charts and columns reflow, wide tables scroll inside their box) and on a laptop.
#pragma once

#include <string>

#include "report/month_report.h"

namespace stratus::report {

// Guarantees: a complete HTML5 document; every text taken from `report` (symbols, profile,
// reasons, order ids) is escaped; one <figure class="chart-card"> per symbol that has chart
// points (a symbol without them gets a note instead); no "<script" and no URL (not even the SVG
// namespace: inline SVG needs none). Deterministic: the same report gives the same bytes.
std::string month_report_html(const MonthReport& report);

}  // namespace stratus::report
