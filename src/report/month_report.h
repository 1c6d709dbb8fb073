// MonthReport: what a month of the plan bought, what it cost against the caps and budgets, and
// what the positions were worth at the month's end. Built from values only (orders, limits,
// bars): no ports, no I/O. month_report_source.h gathers the values; month_report_text.h,
// month_report_html.h and month_report_json.h render the result.
//
// Definitions (all exact: Money and Quantity, never double):
//   spent          the month's orders' notional as the ledger counts it against the caps
//                  (estimated at the reference price until filled; rejected/canceled: what filled)
//   cap used       the month's shares as the ledger counts them against the monthly cap
//   bought         shares filled, of the month's orders
//   avg paid       sum(filled qty * fill price) / sum(filled qty) over the month's fills, rounded
//                  half-even to 4 decimal places (commissions excluded)
//   avg close      the mean close of the month's sessions, rounded half-even to 4 places
//   position       the fills of every order placed in or before the month (as the ledger knows
//                  them now); cost basis = fills + their commissions; avg cost = cost / shares
//                  (half-even, 4 places); market value = shares * the last close on or before
//                  the month's end; unrealised P&L = value - cost, and % of cost (half-even, 2
//                  places)
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "domain/bar.h"
#include "domain/money.h"
#include "domain/percent.h"
#include "domain/quantity.h"
#include "domain/result.h"
#include "domain/time.h"
#include "ports/ledger.h"

namespace stratus::report {

// Sessions of the trailing 52-week high drawn on the chart: the highest high (the close when a
// bar has no high) over this many sessions up to and including each day.
inline constexpr std::size_t kHighWindowSessions = 252;
// Months drawn on a symbol's chart: the report's month and the five before it.
inline constexpr int kChartMonths = 6;

// One order of the month, as the report lists it.
struct ReportOrder {
  std::string client_order_id;
  Date session;  // The session the order was decided on.
  OrderState state = OrderState::kReserved;
  Quantity qty;  // Ordered (reserved) shares.
  Quantity filled_qty;
  std::optional<Money> fill_price;  // Average fill price, once anything filled.
  std::optional<Date> filled_on;    // New York date of the (last) fill.
  Money reference_price;            // The price the reservation was costed at.
  Money notional;                   // What it counts against the month (see above).
  Money commission;
  std::string reason;
};

// One session of a chart: its close and the trailing 52-week high.
struct ChartPoint {
  Date session;
  Money close;
  Money high_52w;
};

// A symbol's position at the month's end.
struct Position {
  Quantity shares;
  Money cost_basis;  // Fills plus their commissions.
  std::optional<Money> avg_cost;
  std::optional<Money> last_close;  // The last close on or before the month's end.
  std::optional<Date> last_close_session;
  std::optional<Money> market_value;
  std::optional<Money> unrealised_pnl;
  std::optional<Percent> unrealised_pnl_pct;
};

struct SymbolReport {
  std::string symbol;
  std::vector<ReportOrder> buys;         // The month's orders with a fill, by session.
  std::vector<ReportOrder> open_orders;  // The month's orders without a fill (open or ended).
  Quantity shares_bought;                // Filled shares of the month's orders.
  Quantity cap_used;                     // Shares counted against the monthly cap.
  Quantity monthly_cap;
  Money spent;
  std::optional<Money> budget;  // limits.monthly_budget_per_symbol
  std::optional<Money> avg_price_paid;
  std::optional<Money> avg_close;
  std::size_t month_sessions = 0;  // Bars in the month.
  Position position;
  bool has_market_data = false;   // False when the data source does not know the symbol.
  std::vector<ChartPoint> chart;  // Every session of the chart's months, ascending.
};

struct ReportTotals {
  std::size_t buys = 0;
  std::size_t open_orders = 0;
  Quantity shares_bought;
  Money spent;
  std::optional<Money> budget;  // limits.monthly_budget_total
  Money cost_basis;             // Of the positions that have a price.
  Money market_value;
  Money unrealised_pnl;
  std::optional<Percent> unrealised_pnl_pct;
  bool all_priced = true;  // False when some position has no price (then left out above).
};

struct MonthReport {
  std::string month;  // "2015-08"
  std::string profile;
  Date first_day;                     // 2015-08-01
  Date last_day;                      // 2015-08-31
  Date chart_from;                    // First day of the chart's first month (2015-03-01).
  std::vector<SymbolReport> symbols;  // Symbols with an order in the month or a position.
  ReportTotals totals;
  std::vector<std::string> notes;  // Gaps worth a reader's attention.
};

struct MonthReportInput {
  std::string month;  // "YYYY-MM"
  std::string profile;
  LimitsConfig limits;
  // Orders of any months: those of later months are ignored.
  std::vector<OrderRecord> orders;
  // Daily bars per symbol, ascending by session (later bars than the month's end are ignored).
  // A symbol absent from the map has no market data.
  std::map<std::string, std::vector<DailyBar>> bars;
};

// The first day of `month` ("YYYY-MM", a real month). InvalidInput otherwise, naming the text as
// given: 'expected a month YYYY-MM such as 2015-08, got "2015-13"'.
Result<Date> parse_report_month(std::string_view month);

// The report of `input.month`. A month without orders is a valid report (positions only, or
// nothing). InvalidInput when the month is not "YYYY-MM" (naming it), or when a symbol's bars
// are not strictly ascending.
Result<MonthReport> build_month_report(const MonthReportInput& input);

}  // namespace stratus::report
