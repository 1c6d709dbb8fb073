// A small, hand-checkable month for the report tests: the orders and bars of August 2015 (and
// around it) with every expected figure worked out in month_report_test.cc. Test support only.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "domain/bar.h"
#include "domain/time.h"
#include "ports/ledger.h"
#include "report/month_report.h"

namespace stratus::report::testing {

inline Money m(const char* text) { return *Money::parse(text); }
inline Date d(const char* text) { return *parse_date(text); }

inline OrderRecord order(const char* id, const char* symbol, const char* session, int qty,
                         const char* reference, OrderState state, int filled = 0,
                         const char* fill_price = nullptr, const char* commission = "0") {
  OrderRecord o;
  o.client_order_id = id;
  o.run_id = std::string(session) + "/dev";
  o.symbol = symbol;
  o.session = d(session);
  o.month = format_month(o.session);
  o.qty = Quantity(qty);
  o.limit_price = m(reference);
  o.state = state;
  o.filled_qty = Quantity(filled);
  if (fill_price != nullptr) {
    o.filled_avg_price = m(fill_price);
    o.filled_at = Timestamp{o.session + std::chrono::days{1}} + std::chrono::hours{14};
  }
  o.commission = m(commission);
  // The notional the ledger keeps (sqlite_ledger.h): open shares at the reference price,
  // filled ones at the fill price; rejected/canceled only what filled.
  const Money filled_part = fill_price ? m(fill_price) * filled : Money();
  switch (state) {
    case OrderState::kReserved:
    case OrderState::kSubmitted:
      o.notional = m(reference) * qty;
      break;
    case OrderState::kPartiallyFilled:
      o.notional = filled_part + m(reference) * (qty - filled);
      break;
    default:
      o.notional = filled_part;
  }
  return o;
}

// A bar on every weekday of [from, to] with `close` and high = close + 1.
inline std::vector<DailyBar> weekday_bars(const char* from, const char* to, const char* close) {
  std::vector<DailyBar> bars;
  for (Date day = d(from); day <= d(to); day += std::chrono::days{1}) {
    if (is_weekend(day)) continue;
    DailyBar bar;
    bar.session = day;
    bar.close = m(close);
    bar.high = bar.close + Money::from_dollars(1);
    bars.push_back(bar);
  }
  return bars;
}

inline void set_close(std::vector<DailyBar>& bars, const char* session, const char* close) {
  for (DailyBar& bar : bars) {
    if (bar.session == d(session)) {
      bar.close = m(close);
      bar.high = bar.close + Money::from_dollars(1);
    }
  }
}

inline void set_high(std::vector<DailyBar>& bars, const char* session, const char* high) {
  for (DailyBar& bar : bars) {
    if (bar.session == d(session)) bar.high = m(high);
  }
}

// The month of the tests: 2015-08, profile "dev", limits cap 4 (MSFT 2), budgets 1000 per
// symbol and 5000 in total.
//   AAPL  2015-07-15  2 @ 121.50 + 1.00 commission, filled (July: the position only)
//         2015-08-24  1 @ 100.0000 filled;  2015-08-25  1 @ 100.0001 filled
//         2015-08-31  2 reserved at 101.50 (open)
//         2015-09-01  1 @ 103.00 filled (September: ignored)
//   MSFT  2015-08-24  2 rejected, nothing filled, a reason with markup
//         2015-08-26  1 of 2 filled @ 42.50 (+0.35 commission), ref 43.00; no market data
//   KO    2015-06-10  3 @ 40.00 filled (June: the position only)
//   XOM   2015-07-01  1 rejected (no fill: not in the report); 2015-09-02 1 filled (ignored)
// Bars: AAPL every weekday 2013-06-03..2015-09-04, close 100 (high 101) except a 150 high on
//   2014-09-02, closes 95 on 08-24, 96.0003 on 08-25, 102 on 08-31 and 103 on 09-01;
//   KO every weekday 2014-06-02..2015-08-28 (none on 08-31), close 40.50.
inline MonthReportInput august_2015() {
  MonthReportInput in;
  in.month = "2015-08";
  in.profile = "dev";
  in.limits.monthly_share_cap = Quantity(4);
  in.limits.symbol_caps["MSFT"] = Quantity(2);
  in.limits.monthly_budget_per_symbol = m("1000");
  in.limits.monthly_budget_total = m("5000");
  using S = OrderState;
  in.orders = {
      order("dip-AAPL-20150715-1", "AAPL", "2015-07-15", 2, "120", S::kFilled, 2, "121.50", "1"),
      order("dip-AAPL-20150824-1", "AAPL", "2015-08-24", 1, "99", S::kFilled, 1, "100.0000"),
      order("dip-AAPL-20150825-1", "AAPL", "2015-08-25", 1, "99", S::kFilled, 1, "100.0001"),
      order("dip-AAPL-20150831-1", "AAPL", "2015-08-31", 2, "101.50", S::kReserved),
      order("dip-AAPL-20150901-1", "AAPL", "2015-09-01", 1, "103", S::kFilled, 1, "103"),
      order("dip-MSFT-20150824-1", "MSFT", "2015-08-24", 2, "43.07", S::kRejected),
      order("dip-MSFT-20150826-1", "MSFT", "2015-08-26", 2, "43", S::kPartiallyFilled, 1, "42.50",
            "0.35"),
      order("dip-KO-20150610-1", "KO", "2015-06-10", 3, "40", S::kFilled, 3, "40"),
      order("dip-XOM-20150701-1", "XOM", "2015-07-01", 1, "80", S::kRejected),
      order("dip-XOM-20150902-1", "XOM", "2015-09-02", 1, "70", S::kFilled, 1, "70"),
  };
  in.orders[5].reason = "insufficient <b>buying</b> power & \"margin\"";

  auto aapl = weekday_bars("2013-06-03", "2015-09-04", "100");
  set_high(aapl, "2014-09-02", "150");
  set_close(aapl, "2015-08-24", "95");
  set_close(aapl, "2015-08-25", "96.0003");
  set_close(aapl, "2015-08-31", "102");
  set_close(aapl, "2015-09-01", "103");
  in.bars["AAPL"] = aapl;
  in.bars["KO"] = weekday_bars("2014-06-02", "2015-08-28", "40.50");
  return in;
}

}  // namespace stratus::report::testing
