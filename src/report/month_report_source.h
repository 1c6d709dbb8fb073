// Gathers what a monthly report is built from, through the ports: the ledger's orders up to the
// month's end and each of their symbols' daily bars (enough for the chart and its 52-week
// high). No I/O of its own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "config/config.h"
#include "domain/result.h"
#include "ports/ledger.h"
#include "ports/market_data.h"
#include "report/month_report.h"

namespace stratus::report {

// Bars asked of the data source per symbol: the chart's months (at most 31 days each, so at most
// 186 sessions of any calendar) plus the 52-week window before the chart's first session.
inline constexpr std::size_t kReportBarsPerSymbol = 186 + kHighWindowSessions;

// The input of build_month_report for `month` ("YYYY-MM"): every order in `ledger` whose session
// is on or before the month's end, the limits, and for each of those orders' symbols the last
// kReportBarsPerSymbol bars through the month's end. A symbol the data source does not know
// (NotFound) is left out of `bars` (the report says so); other errors are returned, with the
// symbol as context. InvalidInput naming the value when `month` is not "YYYY-MM".
Result<MonthReportInput> load_month_report_input(Ledger& ledger, MarketData& market_data,
                                                 const LimitsConfig& limits, std::string_view month,
                                                 std::string profile);

}  // namespace stratus::report
