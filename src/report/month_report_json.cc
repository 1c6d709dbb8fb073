// The monthly report as JSON (see month_report_json.h).
#include "report/month_report_json.h"

#include <string>

namespace stratus::report {
namespace {

template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
  if (!value) return nullptr;
  if constexpr (std::is_same_v<T, Date>) {
    return format_date(*value);
  } else if constexpr (std::is_same_v<T, Percent>) {
    return value->to_string(2);
  } else {
    return value->to_string();
  }
}

nlohmann::json order_json(const ReportOrder& o) {
  nlohmann::json j = {
      {"client_order_id", o.client_order_id}, {"session", format_date(o.session)},
      {"state", order_state_name(o.state)},   {"qty", o.qty.shares()},
      {"filled_qty", o.filled_qty.shares()},  {"fill_price", or_null(o.fill_price)},
      {"filled_on", or_null(o.filled_on)},    {"reference_price", o.reference_price.to_string()},
      {"notional", o.notional.to_string()},   {"commission", o.commission.to_string()}};
  if (!o.reason.empty()) j["reason"] = o.reason;
  return j;
}

nlohmann::json position_json(const Position& p) {
  return {{"shares", p.shares.shares()},
          {"cost_basis", p.cost_basis.to_string()},
          {"avg_cost", or_null(p.avg_cost)},
          {"last_close", or_null(p.last_close)},
          {"last_close_session", or_null(p.last_close_session)},
          {"market_value", or_null(p.market_value)},
          {"unrealised_pnl", or_null(p.unrealised_pnl)},
          {"unrealised_pnl_pct", or_null(p.unrealised_pnl_pct)}};
}

nlohmann::json symbol_json(const SymbolReport& s) {
  nlohmann::json buys = nlohmann::json::array();
  for (const ReportOrder& o : s.buys) buys.push_back(order_json(o));
  nlohmann::json open = nlohmann::json::array();
  for (const ReportOrder& o : s.open_orders) open.push_back(order_json(o));
  nlohmann::json chart = {{"sessions", s.chart.size()}, {"from", nullptr}, {"to", nullptr}};
  if (!s.chart.empty()) {
    chart["from"] = format_date(s.chart.front().session);
    chart["to"] = format_date(s.chart.back().session);
  }
  return {{"symbol", s.symbol},
          {"buys", std::move(buys)},
          {"open_orders", std::move(open)},
          {"shares_bought", s.shares_bought.shares()},
          {"cap", {{"used", s.cap_used.shares()}, {"limit", s.monthly_cap.shares()}}},
          {"spent", s.spent.to_string()},
          {"budget", or_null(s.budget)},
          {"avg_price_paid", or_null(s.avg_price_paid)},
          {"avg_close", or_null(s.avg_close)},
          {"month_sessions", s.month_sessions},
          {"has_market_data", s.has_market_data},
          {"position", position_json(s.position)},
          {"chart", std::move(chart)}};
}

}  // namespace

nlohmann::json month_report_json(const MonthReport& report) {
  nlohmann::json symbols = nlohmann::json::array();
  for (const SymbolReport& s : report.symbols) symbols.push_back(symbol_json(s));
  const ReportTotals& t = report.totals;
  return {{"month", report.month},
          {"profile", report.profile},
          {"from", format_date(report.first_day)},
          {"to", format_date(report.last_day)},
          {"chart_from", format_date(report.chart_from)},
          {"symbols", std::move(symbols)},
          {"totals",
           {{"buys", t.buys},
            {"open_orders", t.open_orders},
            {"shares_bought", t.shares_bought.shares()},
            {"spent", t.spent.to_string()},
            {"budget", or_null(t.budget)},
            {"cost_basis", t.cost_basis.to_string()},
            {"market_value", t.market_value.to_string()},
            {"unrealised_pnl", t.unrealised_pnl.to_string()},
            {"unrealised_pnl_pct", or_null(t.unrealised_pnl_pct)},
            {"all_priced", t.all_priced}}},
          {"notes", report.notes}};
}

}  // namespace stratus::report
