// The report page's frame and style sheet (see report_page.h).
#include "report/report_page.h"

#include "report/heat_map_svg.h"
#include "report/html_escape.h"
#include "report/line_chart_svg.h"

namespace stratus::report {
namespace {

// Colours: the strategy is blue, dollar-cost averaging teal, buy and hold amber, in every chart
// and table; a symbol's close is slate, its 52-week high light slate, its buys the strategy's
// blue.
constexpr std::string_view kCss = R"css(
:root{color-scheme:light;--ink:#111827;--ink2:#374151;--muted:#6b7280;--line:#e5e7eb;
--card:#fff;--bg:#f4f5f7;--green:#15803d;--red:#b91c1c;--best:#e7f6ec}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 20px 40px}
h1{font-size:1.65rem;line-height:1.25;margin:0;letter-spacing:-.01em}
h2{font-size:1.15rem;margin:0 0 10px;letter-spacing:-.005em}
h3{font-size:1rem;margin:0}
.eyebrow{margin:0 0 4px;color:var(--muted);font-size:.78rem;font-weight:600;
text-transform:uppercase;letter-spacing:.08em}
.meta{color:var(--muted);margin:4px 0 0}
.meta b{color:var(--ink2);font-weight:600}
section{margin:32px 0 0}
.section-note{color:var(--muted);font-size:.85rem;margin:-4px 0 10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;
box-shadow:0 1px 2px rgba(16,24,40,.04)}
.s-strategy{--c:#2563eb}.s-dca{--c:#0d9488}.s-bh{--c:#d97706}.s-invested{--c:#9ca3af}
.s-x0{--c:#db2777}.s-x1{--c:#7c3aed}.s-x2{--c:#65a30d}
.s-close{--c:#334155}.s-high{--c:#94a3b8}.s-buy{--c:#2563eb}
svg.lc polyline.s-high{stroke-dasharray:5 4;stroke-width:1.5}
svg.lc polyline.s-invested{stroke-width:1.5;stroke-linejoin:miter}
svg.lc polyline.s-strategy{stroke-width:2.25}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;margin:20px 0 0}
.kpi{padding:12px 14px}
.kpi .label{color:var(--muted);font-size:.75rem;font-weight:600;text-transform:uppercase;
letter-spacing:.05em}
.kpi .value{font-size:1.45rem;font-weight:650;font-variant-numeric:tabular-nums;margin-top:2px}
.kpi .sub{color:var(--muted);font-size:.82rem}
.gain{color:var(--green)}.loss{color:var(--red)}
.settings{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:0;
margin:12px 0 0;padding:6px 0}
.settings div{padding:8px 16px;min-width:0}
.settings dt{color:var(--muted);font-size:.75rem;font-weight:600;text-transform:uppercase;
letter-spacing:.05em}
.settings dd{margin:2px 0 0;overflow-wrap:anywhere}
.settings .wide{grid-column:1/-1}
.settings summary{cursor:pointer;color:var(--ink2)}
.warnings{margin:20px 0 0;padding:14px 16px;border:1px solid #f5c26b;background:#fffaeb;
border-radius:12px}
.warnings h2{color:#92400e;font-size:1rem;margin:0 0 6px}
.warnings p{margin:0 0 8px;color:#78350f;font-size:.9rem}
.warnings ul{margin:0;padding-left:18px;color:#78350f;font-size:.88rem}
.warnings li{margin:3px 0;overflow-wrap:anywhere}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:8px 12px;text-align:right;border-bottom:1px solid var(--line);white-space:nowrap}
thead th{font-size:.78rem;color:var(--muted);font-weight:600;background:#fafbfc;
vertical-align:bottom}
tbody tr:last-child td{border-bottom:none}
th.text,td.text{text-align:left}
td.label{text-align:left;color:var(--ink2);font-weight:500}
tr.sub td{padding-top:2px;padding-bottom:6px;font-size:.82rem;color:var(--muted);
border-bottom-color:#f1f2f4}
tr.sub td.label{padding-left:26px;font-weight:400;color:var(--muted)}
tr.group td{border-bottom-color:#f1f2f4}
td.best{background:var(--best);font-weight:650;color:#14532d}
.metrics td.label{white-space:normal;min-width:8.5em}
th.key{color:var(--ink)}
td.key{background:#f3f6fd;font-weight:650}
.positions tbody td:first-child,.positions thead th:first-child,.ranked tbody td:first-child,
.ranked thead th:first-child{position:sticky;left:0;z-index:1;background:var(--card)}
.positions thead th:first-child,.ranked thead th:first-child{background:#fafbfc}
h2.sub-h{margin:28px 0 10px}
.ranked thead th{white-space:normal;min-width:4.2em}
tr.total td{font-weight:650;border-top:2px solid var(--ink2)}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;background:var(--c);
margin-right:6px;vertical-align:baseline}
.metrics th.acct{min-width:6.5em}
.accounts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 10px;padding:0;list-style:none;
font-size:.85rem;color:var(--ink2)}
.accounts li{display:block}
.accounts b{font-weight:600;margin-right:4px}
.activity{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:1px;background:var(--line);
overflow:hidden}
.stat{background:var(--card);padding:10px 14px}
.stat .n{font-size:1.2rem;font-weight:650;font-variant-numeric:tabular-nums}
.stat .what{color:var(--muted);font-size:.8rem;line-height:1.3}
figure{margin:0}
.chart-card{padding:14px 16px 6px;min-width:0}
.chart-card figcaption{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;
gap:6px 16px;margin:0 0 6px}
.chart-card figcaption .facts{color:var(--muted);font-size:.84rem}
svg.lc[data-chart=equity]{height:340px}
svg.lc[data-chart=drawdown]{height:220px}
svg.lc[data-chart=symbol]{height:200px}
.symbols{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:14px}
.symbols .lc-box{padding-left:52px}
.legend-bar{margin:0 0 12px}
.nodata{color:var(--muted);font-size:.9rem;margin:8px 0}
.heat-card{padding:16px 16px 14px}
.heat-card figcaption{margin:0 0 12px;color:var(--ink2);font-size:.9rem}
.heat-card figcaption b{color:var(--ink)}
.notes{color:var(--muted);font-size:.84rem;margin-top:36px;border-top:1px solid var(--line);
padding-top:12px}
.notes p{margin:4px 0}
@media (max-width:640px){
body{font-size:14px}main{padding:16px 12px 28px}h1{font-size:1.35rem}
section{margin-top:26px}
th,td{padding:7px 8px}
.kpis{grid-template-columns:repeat(2,minmax(0,1fr));gap:8px}
.kpi:last-child:nth-child(odd){grid-column:1/-1}
.metrics{font-size:12.5px}.metrics th,.metrics td{padding:7px 4px}
.metrics thead th{white-space:normal}
.metrics td.label,.metrics th:first-child{min-width:0;padding-left:10px}
.metrics td:last-child,.metrics th:last-child{padding-right:8px}
tr.sub td.label{padding-left:20px}
.kpi{padding:10px 11px}.kpi .value{font-size:1.2rem}
.activity{grid-template-columns:repeat(2,minmax(0,1fr))}
.stat{padding:8px 12px}.stat .n{font-size:1.05rem}
.chart-card{padding:12px 10px 4px}
.lc-box{padding-right:16px}
svg.lc[data-chart=equity]{height:250px}
svg.lc[data-chart=drawdown]{height:170px}
svg.lc[data-chart=symbol]{height:180px}
}
)css";

}  // namespace

std::string report_page_open(std::string_view title) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>";
  out += html_escape(title);
  out += "</title><style>";
  // The components' rules first, so the page's own rules can adjust them.
  out += line_chart_css();
  out += heat_map_css();
  out += kCss;
  out += "</style></head><body><main>";
  return out;
}

std::string report_page_close() { return "</main></body></html>\n"; }

}  // namespace stratus::report
