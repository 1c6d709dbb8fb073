// The monthly report as JSON (`stratus report --json`): money and percentages as decimal strings,
// absent values as null, dates as "YYYY-MM-DD". The chart is summarised (its first and last
// session and their number), not listed.
#pragma once

#include <nlohmann/json.hpp>

#include "report/month_report.h"

namespace stratus::report {

// Guarantees: every figure of `report` except the chart's points, in the shape
//   {"month","profile","from","to","chart_from","symbols":[{"symbol","buys":[order...],
//    "open_orders":[order...],"shares_bought","cap":{"used","limit"},"spent","budget",
//    "avg_price_paid","avg_close","month_sessions","has_market_data","position":{...},
//    "chart":{"from","to","sessions"}}],"totals":{...},"notes":[...]}
nlohmann::json month_report_json(const MonthReport& report);

}  // namespace stratus::report
