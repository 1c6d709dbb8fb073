// The monthly report as terminal text (see month_report_text.h).
#include "report/month_report_text.h"

#include <fmt/format.h>

#include "report/report_format.h"
#include "report/text_table.h"

namespace stratus::report {
namespace {

Style gain_style(const std::optional<Money>& pnl) {
  if (!pnl || pnl->units() == 0) return Style::kPlain;
  return pnl->is_positive() ? Style::kGreen : Style::kRed;
}

std::string summary_table(const MonthReport& r, bool color) {
  TextTable table({{"symbol"},
                   {"buys", Align::kRight},
                   {"bought", Align::kRight},
                   {"cap used", Align::kRight},
                   {"spent", Align::kRight},
                   {"budget", Align::kRight},
                   {"avg paid", Align::kRight},
                   {"avg close", Align::kRight}});
  for (const SymbolReport& s : r.symbols) {
    table.add_row({{s.symbol},
                   {std::to_string(s.buys.size())},
                   {s.shares_bought.to_string()},
                   {s.cap_used.to_string() + "/" + s.monthly_cap.to_string(),
                    s.cap_used >= s.monthly_cap ? Style::kDim : Style::kPlain},
                   {dollars(s.spent)},
                   {dollars(s.budget)},
                   {price4(s.avg_price_paid)},
                   {price4(s.avg_close)}});
  }
  const ReportTotals& t = r.totals;
  table.add_row({{"total"},
                 {std::to_string(t.buys)},
                 {t.shares_bought.to_string()},
                 {""},
                 {dollars(t.spent)},
                 {dollars(t.budget)},
                 {""},
                 {""}},
                true);
  return table.render(color);
}

std::string buys_table(const MonthReport& r, bool color) {
  TextTable table({{"session"},
                   {"symbol"},
                   {"qty", Align::kRight},
                   {"filled", Align::kRight},
                   {"fill price", Align::kRight},
                   {"filled on"},
                   {"notional", Align::kRight},
                   {"commission", Align::kRight},
                   {"state"}});
  for (const SymbolReport& s : r.symbols) {
    for (const ReportOrder& o : s.buys) {
      table.add_row({{format_date(o.session)},
                     {s.symbol},
                     {o.qty.to_string()},
                     {o.filled_qty.to_string()},
                     {price4(o.fill_price)},
                     {o.filled_on ? format_date(*o.filled_on) : "-"},
                     {dollars(o.notional)},
                     {dollars(o.commission)},
                     {std::string(order_state_name(o.state))}});
    }
  }
  return table.render(color);
}

std::string open_orders_table(const MonthReport& r, bool color) {
  TextTable table({{"session"},
                   {"symbol"},
                   {"qty", Align::kRight},
                   {"ref price", Align::kRight},
                   {"notional", Align::kRight},
                   {"state"},
                   {"reason"}});
  for (const SymbolReport& s : r.symbols) {
    for (const ReportOrder& o : s.open_orders) {
      table.add_row({{format_date(o.session)},
                     {s.symbol},
                     {o.qty.to_string()},
                     {dollars(o.reference_price)},
                     {dollars(o.notional)},
                     {std::string(order_state_name(o.state))},
                     {o.reason}});
    }
  }
  return table.render(color);
}

std::string positions_table(const MonthReport& r, bool color) {
  TextTable table({{"symbol"},
                   {"shares", Align::kRight},
                   {"avg cost", Align::kRight},
                   {"cost", Align::kRight},
                   {"last close", Align::kRight},
                   {"value", Align::kRight},
                   {"unrealised P&L", Align::kRight},
                   {"P&L %", Align::kRight}});
  for (const SymbolReport& s : r.symbols) {
    const Position& p = s.position;
    if (p.shares.is_zero()) continue;
    table.add_row({{s.symbol},
                   {p.shares.to_string()},
                   {price4(p.avg_cost)},
                   {dollars(p.cost_basis)},
                   {price4(p.last_close)},
                   {dollars(p.market_value)},
                   {signed_dollars(p.unrealised_pnl), gain_style(p.unrealised_pnl)},
                   {signed_percent(p.unrealised_pnl_pct), gain_style(p.unrealised_pnl)}});
  }
  const ReportTotals& t = r.totals;
  table.add_row({{"total"},
                 {""},
                 {""},
                 {dollars(t.cost_basis)},
                 {""},
                 {dollars(t.market_value)},
                 {signed_dollars(t.unrealised_pnl), gain_style(t.unrealised_pnl)},
                 {signed_percent(t.unrealised_pnl_pct), gain_style(t.unrealised_pnl)}},
                true);
  return table.render(color);
}

bool has_positions(const MonthReport& r) {
  for (const SymbolReport& s : r.symbols) {
    if (!s.position.shares.is_zero()) return true;
  }
  return false;
}

}  // namespace

std::string month_report_text(const MonthReport& r, bool color) {
  auto heading = [&](const std::string& text) {
    return color ? "\x1b[1m" + text + "\x1b[0m\n" : text + "\n";
  };
  std::string out =
      heading(fmt::format("Stratus monthly report {} (profile {}), {} to {}", r.month, r.profile,
                          format_date(r.first_day), format_date(r.last_day)));
  out += "\n";
  if (r.totals.buys + r.totals.open_orders == 0) {
    out += fmt::format("No orders in {}.\n", r.month);
  } else {
    out += summary_table(r, color);
    if (r.totals.buys > 0) out += "\n" + heading("Buys") + buys_table(r, color);
    if (r.totals.open_orders > 0) {
      out += "\n" + heading("Open and unfilled orders") + open_orders_table(r, color);
    }
  }
  out += "\n";
  if (has_positions(r)) {
    out += heading(fmt::format("Positions at {}", format_date(r.last_day)));
    out += positions_table(r, color);
  } else {
    out += fmt::format("No positions at {}.\n", format_date(r.last_day));
  }
  if (!r.totals.all_priced) out += "Totals leave out positions without a price.\n";
  for (const std::string& note : r.notes) out += "note: " + note + "\n";
  out +=
      "\nAverages are exact: sum(shares x price) / shares, rounded half-even to 4 decimals. "
      "Spent counts open orders at their reference price, as the monthly caps do.\n";
  return out;
}

}  // namespace stratus::report
