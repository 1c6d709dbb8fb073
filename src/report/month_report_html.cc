// The monthly report as one self-contained HTML page (see month_report_html.h).
#include "report/month_report_html.h"

#include <array>
#include <chrono>
#include <utility>

#include <fmt/format.h>

#include "report/html_escape.h"
#include "report/price_chart_svg.h"
#include "report/report_format.h"

namespace stratus::report {
namespace {

constexpr const char* kStyle = R"css(
:root{color-scheme:light;--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--card:#fff;--bg:#f5f6f8;
--blue:#2563eb;--amber:#d97706;--green:#15803d;--red:#b91c1c}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1080px;margin:0 auto;padding:20px 16px 32px}
h1{font-size:1.5rem;margin:0 0 2px}
h2{font-size:1.1rem;margin:0 0 8px}
.meta{color:var(--muted);margin:0}
section{margin:24px 0 0}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:16px 0 0}
.kpi{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:10px 12px}
.kpi .label{color:var(--muted);font-size:.75rem;text-transform:uppercase;letter-spacing:.04em}
.kpi .value{font-size:1.3rem;font-weight:600;font-variant-numeric:tabular-nums}
.kpi .sub{color:var(--muted);font-size:.8rem}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;white-space:nowrap}
th,td{padding:6px 10px;text-align:right;border-bottom:1px solid var(--line)}
th{font-size:.78rem;color:var(--muted);font-weight:600;background:#fafbfc}
th.text,td.text{text-align:left}
td.reason{white-space:normal;min-width:14em}
tr.total td{font-weight:600;border-top:2px solid var(--ink);border-bottom:none}
.gain{color:var(--green)}.loss{color:var(--red)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:12px}
.chart-card{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:10px 10px 4px;min-width:0}
.chart-card figcaption{display:flex;flex-wrap:wrap;justify-content:space-between;gap:2px 12px;
font-size:.85rem;color:var(--muted)}
.chart-card figcaption b{font-size:1rem;color:var(--ink)}
svg.chart{display:block;width:100%;height:auto;margin-top:4px}
svg.chart text{font-size:12px;fill:#4b5563}
svg.chart .grid{stroke:#eceef2;stroke-width:1}
svg.chart .baseline{stroke:#9ca3af;stroke-width:1}
svg.chart .close-line{fill:none;stroke:var(--blue);stroke-width:2;stroke-linejoin:round;
stroke-linecap:round}
svg.chart .high-line{fill:none;stroke:var(--amber);stroke-width:1.5;stroke-dasharray:5 4}
svg.chart .buy,svg.chart .legend-buy{fill:var(--green);stroke:#fff;stroke-width:1.5}
.nodata{color:var(--muted);font-size:.9rem;margin:8px 0}
.notes{color:var(--muted);font-size:.85rem}
.notes p{margin:4px 0}
@media (max-width:600px){body{font-size:14px}main{padding:12px 10px 24px}th,td{padding:5px 7px}
svg.chart text{font-size:14px}}
)css";

constexpr std::array<const char*, 12> kMonthNames = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

std::string month_title(const MonthReport& r) {
  const std::chrono::year_month_day ymd{r.first_day};
  return std::string(kMonthNames[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

const char* gain_class(const std::optional<Money>& pnl) {
  if (!pnl || pnl->units() == 0) return "";
  return pnl->is_positive() ? "gain" : "loss";
}

// One table cell: `text` escaped; class "text" for left-aligned columns.
struct Cell {
  Cell(std::string text_in, std::string css_class_in = "")  // NOLINT: {"..."} in row lists.
      : text(std::move(text_in)), css_class(std::move(css_class_in)) {}
  std::string text;
  std::string css_class;
};

std::string row(const std::vector<Cell>& cells, const char* row_class = "") {
  std::string out = *row_class ? fmt::format("<tr class=\"{}\">", row_class) : "<tr>";
  for (const Cell& c : cells) {
    out += c.css_class.empty() ? "<td>" : "<td class=\"" + c.css_class + "\">";
    out += html_escape(c.text) + "</td>";
  }
  return out + "</tr>";
}

std::string head(const std::vector<Cell>& cells) {
  std::string out = "<thead><tr>";
  for (const Cell& c : cells) {
    out += c.css_class.empty() ? "<th>" : "<th class=\"" + c.css_class + "\">";
    out += html_escape(c.text) + "</th>";
  }
  return out + "</tr></thead>";
}

std::string table(const std::string& css_class, const std::string& head_html,
                  const std::string& body_html) {
  return "<div class=\"table-wrap\"><table class=\"" + css_class + "\">" + head_html + "<tbody>" +
         body_html + "</tbody></table></div>";
}

std::string kpi(const std::string& label, const std::string& value, const std::string& sub,
                const char* value_class = "") {
  return fmt::format(
      "<div class=\"kpi\"><div class=\"label\">{}</div><div class=\"value {}\">{}</div>"
      "<div class=\"sub\">{}</div></div>",
      html_escape(label), value_class, html_escape(value), html_escape(sub));
}

std::string key_figures(const MonthReport& r) {
  const ReportTotals& t = r.totals;
  std::string out = "<div class=\"kpis\">";
  out += kpi("Spent", dollars(t.spent), t.budget ? "of budget " + dollars(t.budget) : "no budget");
  out += kpi("Bought", t.shares_bought.to_string() + " sh",
             fmt::format("{} buy(s), {} open/unfilled", t.buys, t.open_orders));
  out += kpi("Market value", dollars(t.market_value), "cost " + dollars(t.cost_basis));
  out += kpi("Unrealised P&L", signed_dollars(t.unrealised_pnl),
             signed_percent(t.unrealised_pnl_pct), gain_class(t.unrealised_pnl));
  return out + "</div>";
}

std::string summary_section(const MonthReport& r) {
  std::string body;
  for (const SymbolReport& s : r.symbols) {
    body += row({{s.symbol, "text"},
                 {std::to_string(s.buys.size())},
                 {s.shares_bought.to_string()},
                 {s.cap_used.to_string() + " / " + s.monthly_cap.to_string()},
                 {dollars(s.spent)},
                 {dollars(s.budget)},
                 {price4(s.avg_price_paid)},
                 {price4(s.avg_close)}});
  }
  const ReportTotals& t = r.totals;
  body += row({{"Total", "text"},
               {std::to_string(t.buys)},
               {t.shares_bought.to_string()},
               {""},
               {dollars(t.spent)},
               {dollars(t.budget)},
               {""},
               {""}},
              "total");
  return "<section><h2>Summary</h2>" +
         table("summary",
               head({{"Symbol", "text"},
                     {"Buys"},
                     {"Bought"},
                     {"Cap used"},
                     {"Spent"},
                     {"Budget"},
                     {"Avg paid"},
                     {"Avg close"}}),
               body) +
         "</section>";
}

std::string chart_caption(const SymbolReport& s) {
  std::string month = fmt::format("bought {} sh", s.shares_bought.shares());
  if (s.avg_price_paid) month += " at avg " + price4(s.avg_price_paid);
  if (s.avg_close) month += ", month avg close " + price4(s.avg_close);
  std::string position = "no position";
  if (!s.position.shares.is_zero()) {
    position = fmt::format("holding {} sh", s.position.shares.shares());
    if (s.position.unrealised_pnl) {
      position += ", P&L " + signed_dollars(s.position.unrealised_pnl) + " (" +
                  signed_percent(s.position.unrealised_pnl_pct) + ")";
    }
  }
  return "<figcaption><b>" + html_escape(s.symbol) + "</b><span>" + html_escape(month) +
         "</span><span>" + html_escape(position) + "</span></figcaption>";
}

std::string charts_section(const MonthReport& r) {
  if (r.symbols.empty()) return "";
  std::string out = fmt::format("<section><h2>Prices, {} to {}</h2><div class=\"charts\">",
                                format_date(r.chart_from), format_date(r.last_day));
  for (const SymbolReport& s : r.symbols) {
    out += "<figure class=\"chart-card\">" + chart_caption(s);
    if (s.chart.empty()) {
      out += "<p class=\"nodata\">No prices for " + html_escape(s.symbol) + " in these months.</p>";
    } else {
      out += price_chart_svg(s);
    }
    out += "</figure>";
  }
  return out + "</div></section>";
}

std::string orders_section(const MonthReport& r) {
  std::string out;
  if (r.totals.buys > 0) {
    std::string body;
    for (const SymbolReport& s : r.symbols) {
      for (const ReportOrder& o : s.buys) {
        body += row({{format_date(o.session), "text"},
                     {s.symbol, "text"},
                     {o.qty.to_string()},
                     {o.filled_qty.to_string()},
                     {price4(o.fill_price)},
                     {o.filled_on ? format_date(*o.filled_on) : "-", "text"},
                     {dollars(o.notional)},
                     {dollars(o.commission)},
                     {std::string(order_state_name(o.state)), "text"},
                     {o.client_order_id, "text"}});
      }
    }
    out += "<section><h2>Buys</h2>" +
           table("buys",
                 head({{"Session", "text"},
                       {"Symbol", "text"},
                       {"Qty"},
                       {"Filled"},
                       {"Fill price"},
                       {"Filled on", "text"},
                       {"Notional"},
                       {"Commission"},
                       {"State", "text"},
                       {"Order id", "text"}}),
                 body) +
           "</section>";
  }
  if (r.totals.open_orders > 0) {
    std::string body;
    for (const SymbolReport& s : r.symbols) {
      for (const ReportOrder& o : s.open_orders) {
        body += row({{format_date(o.session), "text"},
                     {s.symbol, "text"},
                     {o.qty.to_string()},
                     {dollars(o.reference_price)},
                     {dollars(o.notional)},
                     {std::string(order_state_name(o.state)), "text"},
                     {o.reason, "text reason"}});
      }
    }
    out += "<section><h2>Open and unfilled orders</h2>" +
           table("open-orders",
                 head({{"Session", "text"},
                       {"Symbol", "text"},
                       {"Qty"},
                       {"Ref price"},
                       {"Notional"},
                       {"State", "text"},
                       {"Reason", "text"}}),
                 body) +
           "</section>";
  }
  return out;
}

std::string positions_section(const MonthReport& r) {
  std::string body;
  for (const SymbolReport& s : r.symbols) {
    const Position& p = s.position;
    if (p.shares.is_zero()) continue;
    body += row({{s.symbol, "text"},
                 {p.shares.to_string()},
                 {price4(p.avg_cost)},
                 {dollars(p.cost_basis)},
                 {price4(p.last_close)},
                 {dollars(p.market_value)},
                 {signed_dollars(p.unrealised_pnl), gain_class(p.unrealised_pnl)},
                 {signed_percent(p.unrealised_pnl_pct), gain_class(p.unrealised_pnl)}});
  }
  const std::string title = "<section><h2>Positions at " + format_date(r.last_day) + "</h2>";
  if (body.empty()) return title + "<p class=\"nodata\">No positions.</p></section>";
  const ReportTotals& t = r.totals;
  body += row({{"Total", "text"},
               {""},
               {""},
               {dollars(t.cost_basis)},
               {""},
               {dollars(t.market_value)},
               {signed_dollars(t.unrealised_pnl), gain_class(t.unrealised_pnl)},
               {signed_percent(t.unrealised_pnl_pct), gain_class(t.unrealised_pnl)}},
              "total");
  return title +
         table("positions",
               head({{"Symbol", "text"},
                     {"Shares"},
                     {"Avg cost"},
                     {"Cost"},
                     {"Last close"},
                     {"Value"},
                     {"Unrealised P&L"},
                     {"P&L %"}}),
               body) +
         "</section>";
}

std::string notes_section(const MonthReport& r) {
  std::string out = "<section class=\"notes\">";
  if (!r.totals.all_priced) out += "<p>Totals leave out positions without a price.</p>";
  for (const std::string& note : r.notes) out += "<p>Note: " + html_escape(note) + "</p>";
  out +=
      "<p>Averages are exact: sum(shares &times; price) / shares, rounded half-even to 4 "
      "decimals. Spent counts open orders at their reference price, as the monthly caps do. "
      "Cost includes commissions. The 52-week high is the highest daily high over the trailing "
      "252 sessions.</p>";
  return out + "</section>";
}

}  // namespace

std::string month_report_html(const MonthReport& r) {
  const std::string title = "Stratus report " + r.month + " (" + r.profile + ")";
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>" +
      html_escape(title) + "</title><style>" + kStyle + "</style></head><body><main>";
  out += "<header><h1>Monthly report: " + html_escape(month_title(r)) + "</h1>";
  out += "<p class=\"meta\">Profile <b>" + html_escape(r.profile) + "</b> &middot; " +
         format_date(r.first_day) + " to " + format_date(r.last_day) + "</p>";
  out += key_figures(r) + "</header>";
  if (r.totals.buys + r.totals.open_orders == 0) {
    out += "<section><h2>Summary</h2><p class=\"nodata\">No orders in " + html_escape(r.month) +
           ".</p></section>";
  } else {
    out += summary_section(r);
  }
  out += charts_section(r) + orders_section(r) + positions_section(r) + notes_section(r);
  return out + "</main></body></html>\n";
}

}  // namespace stratus::report
