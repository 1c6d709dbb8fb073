// A symbol's price chart as inline SVG (see price_chart_svg.h). Pixel positions are doubles
// (drawing only); every number printed as a price comes from exact integers.
#include "report/price_chart_svg.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "report/html_escape.h"
#include "report/report_format.h"

namespace stratus::report {
namespace {

// The plot area inside the viewBox: left room for price labels, top for the legend, bottom for
// date labels.
constexpr double kLeft = 54;
constexpr double kRight = kChartWidth - 14;
constexpr double kTop = 34;
constexpr double kBottom = kChartHeight - 30;

constexpr std::array<const char*, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b < 0 ? 1 : 0); }
std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return -floor_div(-a, b); }

std::string tick_label(std::int64_t cents, std::int64_t step) {
  if (step % 100 == 0) return std::to_string(cents / 100);
  return fmt::format("{}.{:02}", cents / 100, cents % 100);
}

struct Scale {
  std::size_t sessions;
  double low_cents;
  double high_cents;

  double x(std::size_t index) const {
    if (sessions <= 1) return (kLeft + kRight) / 2;
    return kLeft +
           (kRight - kLeft) * static_cast<double>(index) / static_cast<double>(sessions - 1);
  }
  double y(Money price) const {
    const double cents = static_cast<double>(price.units()) / 100.0;
    return kBottom - (kBottom - kTop) * (cents - low_cents) / (high_cents - low_cents);
  }
};

std::string points(const std::vector<ChartPoint>& chart, const Scale& scale, bool high) {
  std::string out;
  for (std::size_t i = 0; i < chart.size(); ++i) {
    if (i > 0) out += ' ';
    out += fmt::format("{:.1f},{:.1f}", scale.x(i),
                       scale.y(high ? chart[i].high_52w : chart[i].close));
  }
  return out;
}

// Where a buy is drawn: its session's place, else the next session's, else the last one.
std::size_t buy_index(const std::vector<ChartPoint>& chart, Date session) {
  for (std::size_t i = 0; i < chart.size(); ++i) {
    if (chart[i].session >= session) return i;
  }
  return chart.size() - 1;
}

std::string buy_tooltip(const std::string& symbol, const ReportOrder& o) {
  std::string text =
      fmt::format("{} {}: bought {}", symbol, format_date(o.session), o.filled_qty.to_string());
  if (o.filled_qty != o.qty) text += " of " + o.qty.to_string();
  text += " at " + price4(o.fill_price);
  if (o.filled_on) text += " (filled " + format_date(*o.filled_on) + ")";
  text += ", notional " + dollars(o.notional) + ", " + std::string(order_state_name(o.state));
  return text;
}

std::string legend() {
  const double y = 16;
  std::string out = "<g class=\"legend\">";
  out += fmt::format(
      "<line class=\"close-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>"
      "<text x=\"{3}\" y=\"{1}\" dy=\"0.35em\">Close</text>",
      kLeft, y, kLeft + 20, kLeft + 25);
  out += fmt::format(
      "<line class=\"high-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>"
      "<text x=\"{3}\" y=\"{1}\" dy=\"0.35em\">52-week high</text>",
      kLeft + 75, y, kLeft + 95, kLeft + 100);
  out += fmt::format(
      "<circle class=\"legend-buy\" cx=\"{0}\" cy=\"{1}\" r=\"5\"/>"
      "<text x=\"{2}\" y=\"{1}\" dy=\"0.35em\">Buy (fill price)</text>",
      kLeft + 215, y, kLeft + 225);
  return out + "</g>";
}

}  // namespace

std::vector<std::int64_t> price_ticks_cents(std::int64_t low, std::int64_t high) {
  std::int64_t step = 1;
  for (std::int64_t power = 1;; power *= 10) {
    bool found = false;
    for (std::int64_t factor : {1, 2, 5}) {
      step = factor * power;
      if (ceil_div(high, step) - floor_div(low, step) <= 5) {
        found = true;
        break;
      }
    }
    if (found) break;
  }
  std::int64_t first = floor_div(low, step) * step;
  std::int64_t last = ceil_div(high, step) * step;
  if (last == first) last += step;
  std::vector<std::int64_t> ticks;
  for (std::int64_t t = first; t <= last; t += step) ticks.push_back(t);
  return ticks;
}

std::string price_chart_svg(const SymbolReport& s) {
  const std::vector<ChartPoint>& chart = s.chart;
  Money low = chart.front().close;
  Money high = chart.front().high_52w;
  for (const ChartPoint& p : chart) {
    low = std::min({low, p.close, p.high_52w});
    high = std::max({high, p.close, p.high_52w});
  }
  for (const ReportOrder& o : s.buys) {
    low = std::min(low, *o.fill_price);
    high = std::max(high, *o.fill_price);
  }
  const auto ticks = price_ticks_cents(std::max<std::int64_t>(0, floor_div(low.units(), 100)),
                                       ceil_div(high.units(), 100));
  const std::int64_t step = ticks[1] - ticks[0];
  const Scale scale{chart.size(), static_cast<double>(ticks.front()),
                    static_cast<double>(ticks.back())};

  const std::string symbol = html_escape(s.symbol);
  std::string out = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" "
      "preserveAspectRatio=\"xMidYMid meet\" role=\"img\" data-symbol=\"{}\" "
      "data-sessions=\"{}\" data-buys=\"{}\" aria-label=\"{}: daily close and 52-week high, {} to "
      "{}, {} buy(s)\">",
      kChartWidth, kChartHeight, symbol, chart.size(), s.buys.size(), symbol,
      format_date(chart.front().session), format_date(chart.back().session), s.buys.size());

  out += "<g class=\"axis y\">";
  for (std::int64_t t : ticks) {
    const double y = scale.y(Money::from_units(t * 100));
    out += fmt::format(
        "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" dy=\"0.35em\" text-anchor=\"end\">{}</text>",
        kLeft, y, kRight, y, kLeft - 6, y, tick_label(t, step));
  }
  out += "</g><g class=\"axis x\">";
  int previous_month = -1;
  for (std::size_t i = 0; i < chart.size(); ++i) {
    const std::chrono::year_month_day ymd{chart[i].session};
    const int month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    if (month == previous_month) continue;
    std::string label = kMonthNames[static_cast<std::size_t>(month - 1)];
    // The year where it changes (the chart's dates say which year it starts in).
    if (month == 1) label += " " + std::to_string(static_cast<int>(ymd.year()));
    previous_month = month;
    const double x = scale.x(i);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"{4}\">{5}</text>",
        x, kTop, kBottom + 4, kBottom + 18, i == 0 ? "start" : "middle", html_escape(label));
  }
  out += fmt::format(
      "<line class=\"baseline\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/></g>",
      kLeft, kBottom, kRight, kBottom);

  out += "<polyline class=\"high-line\" points=\"" + points(chart, scale, true) + "\"/>";
  out += "<polyline class=\"close-line\" points=\"" + points(chart, scale, false) + "\"/>";
  out += "<g class=\"buys\">";
  for (const ReportOrder& o : s.buys) {
    out += fmt::format(
        "<circle class=\"buy\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\"><title>{}</title></circle>",
        scale.x(buy_index(chart, o.session)), scale.y(*o.fill_price),
        html_escape(buy_tooltip(s.symbol, o)));
  }
  out += "</g>" + legend() + "</svg>";
  return out;
}

}  // namespace stratus::report
