// The monthly report model (see month_report.h).
#include "report/month_report.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "ports/ledger_rules.h"
#include "report/exact_ratio.h"

namespace stratus::report {
namespace {

// A symbol's figures while the orders are being added up.
struct Tally {
  SymbolReport report;
  Int128 month_filled_units = 0;  // sum(filled qty * fill price) of the month's orders.
  bool in_month = false;          // Has an order in the month.
};

ReportOrder report_order(const OrderRecord& o) {
  ReportOrder r;
  r.client_order_id = o.client_order_id;
  r.session = o.session;
  r.state = o.state;
  r.qty = o.qty;
  r.filled_qty = o.filled_qty;
  if (!o.filled_qty.is_zero()) r.fill_price = o.filled_avg_price;
  if (o.filled_at && !o.filled_qty.is_zero()) r.filled_on = new_york_date(*o.filled_at);
  r.reference_price = o.limit_price;
  r.notional = o.notional;
  r.commission = o.commission;
  r.reason = o.reason;
  return r;
}

bool by_session_then_id(const ReportOrder& a, const ReportOrder& b) {
  return std::tie(a.session, a.client_order_id) < std::tie(b.session, b.client_order_id);
}

Status check_ascending(const std::string& symbol, const std::vector<DailyBar>& bars) {
  for (std::size_t i = 1; i < bars.size(); ++i) {
    if (bars[i].session <= bars[i - 1].session) {
      return Error::invalid_input("bars of " + symbol +
                                  " are not strictly ascending: " + format_date(bars[i].session) +
                                  " after " + format_date(bars[i - 1].session));
    }
  }
  return {};
}

// Fills in the figures that come from prices: the month's average close, the last close, the
// position's value and the chart. `bars` are ascending and end on or before the month's end.
void add_prices(const std::vector<DailyBar>& bars, const MonthReport& month, SymbolReport& s) {
  Int128 close_units = 0;
  for (const DailyBar& bar : bars) {
    if (bar.session >= month.first_day) {
      close_units += bar.close.units();
      ++s.month_sessions;
    }
  }
  s.avg_close = average_half_even(close_units, static_cast<std::int64_t>(s.month_sessions));
  if (!bars.empty()) {
    s.position.last_close = bars.back().close;
    s.position.last_close_session = bars.back().session;
  }
  for (std::size_t j = 0; j < bars.size(); ++j) {
    if (bars[j].session < month.chart_from) continue;
    const std::size_t first = j + 1 >= kHighWindowSessions ? j + 1 - kHighWindowSessions : 0;
    Money high = bars[first].high.value_or(bars[first].close);
    for (std::size_t k = first + 1; k <= j; ++k) {
      high = std::max(high, bars[k].high.value_or(bars[k].close));
    }
    s.chart.push_back(ChartPoint{bars[j].session, bars[j].close, high});
  }
}

void value_position(Position& p) {
  if (!p.shares.is_zero()) {
    p.avg_cost = average_half_even(p.cost_basis.units(), p.shares.shares());
  }
  if (!p.last_close) return;
  p.market_value =
      Money::from_units(static_cast<std::int64_t>(notional_units(*p.last_close, p.shares)));
  p.unrealised_pnl = *p.market_value - p.cost_basis;
  p.unrealised_pnl_pct = percent_half_even(*p.unrealised_pnl, p.cost_basis);
}

}  // namespace

Result<Date> parse_report_month(std::string_view month) {
  auto first = parse_month(month);
  if (!first.ok()) {
    return Error::invalid_input("expected a month YYYY-MM such as 2015-08, got \"" +
                                std::string(month) + "\"");
  }
  return first;
}

Result<MonthReport> build_month_report(const MonthReportInput& input) {
  auto first = parse_report_month(input.month);
  if (!first.ok()) return first.error();
  using namespace std::chrono;
  MonthReport out;
  out.month = input.month;
  out.profile = input.profile;
  out.first_day = *first;
  const year_month_day ymd{*first};
  const year_month ym = ymd.year() / ymd.month();
  out.last_day = sys_days{ym / last};
  out.chart_from = sys_days{(ym - months{kChartMonths - 1}) / 1};

  std::map<std::string, Tally> tallies;
  for (const OrderRecord& o : input.orders) {
    if (o.session > out.last_day) continue;
    Tally& t = tallies[o.symbol];
    t.report.symbol = o.symbol;
    if (!o.filled_qty.is_zero() && o.filled_avg_price) {
      t.report.position.shares += o.filled_qty;
      t.report.position.cost_basis += Money::from_units(static_cast<std::int64_t>(
                                          notional_units(*o.filled_avg_price, o.filled_qty))) +
                                      o.commission;
    }
    if (o.session < out.first_day) continue;
    t.in_month = true;
    ReportOrder r = report_order(o);
    t.report.cap_used += counted_shares(o);
    t.report.spent += o.notional;
    if (r.fill_price) {
      t.report.shares_bought += o.filled_qty;
      t.month_filled_units += notional_units(*r.fill_price, o.filled_qty);
      t.report.buys.push_back(std::move(r));
    } else {
      t.report.open_orders.push_back(std::move(r));
    }
  }

  for (auto& [symbol, t] : tallies) {
    if (!t.in_month && t.report.position.shares.is_zero()) continue;
    SymbolReport s = std::move(t.report);
    std::sort(s.buys.begin(), s.buys.end(), by_session_then_id);
    std::sort(s.open_orders.begin(), s.open_orders.end(), by_session_then_id);
    const CapLimits limits = input.limits.limits_for(symbol);
    s.monthly_cap = limits.monthly_shares;
    s.budget = limits.symbol_budget;
    s.avg_price_paid = average_half_even(t.month_filled_units, s.shares_bought.shares());

    auto bars_it = input.bars.find(symbol);
    s.has_market_data = bars_it != input.bars.end();
    if (s.has_market_data) {
      STRATUS_RETURN_IF_ERROR(check_ascending(symbol, bars_it->second));
      std::vector<DailyBar> bars;
      for (const DailyBar& bar : bars_it->second) {
        if (bar.session <= out.last_day) bars.push_back(bar);
      }
      add_prices(bars, out, s);
    } else {
      out.notes.push_back(symbol + ": no market data (no closes, no market value)");
    }
    value_position(s.position);
    if (s.has_market_data && !s.position.shares.is_zero() && !s.position.last_close) {
      out.notes.push_back(symbol + ": no close on or before " + format_date(out.last_day) +
                          " (no market value)");
    }
    out.symbols.push_back(std::move(s));
  }

  ReportTotals& totals = out.totals;
  totals.budget = input.limits.monthly_budget_total;
  for (const SymbolReport& s : out.symbols) {
    totals.buys += s.buys.size();
    totals.open_orders += s.open_orders.size();
    totals.shares_bought += s.shares_bought;
    totals.spent += s.spent;
    if (s.position.shares.is_zero()) continue;
    if (!s.position.market_value) {
      totals.all_priced = false;
      continue;
    }
    totals.cost_basis += s.position.cost_basis;
    totals.market_value += *s.position.market_value;
  }
  totals.unrealised_pnl = totals.market_value - totals.cost_basis;
  totals.unrealised_pnl_pct = percent_half_even(totals.unrealised_pnl, totals.cost_basis);
  return out;
}

}  // namespace stratus::report
