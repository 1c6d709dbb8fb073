// A multi-series time chart as inline SVG (see line_chart_svg.h). Positions are doubles
// (drawing only).
#include "report/line_chart_svg.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>

#include <fmt/format.h>

#include "report/html_escape.h"

namespace stratus::report {
namespace {

// The plot's coordinate system for lines (stretched to the plot's box).
constexpr double kPlotUnits = 1000;

constexpr std::array<const char*, 12> kMonthNames = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Months between date ticks, coarsest last; each divides the next.
constexpr std::array<int, 7> kMonthIntervals = {1, 3, 6, 12, 24, 48, 96};
// The most labels of tiers 1, 2, 3 (plots at least 250, 400 and 720 pixels wide: one label per
// 80 pixels; line_chart_css() shows the tiers at those widths).
constexpr std::array<std::size_t, 3> kMaxLabels = {3, 5, 9};

constexpr std::string_view kCss = R"css(
.lc-box{container-type:inline-size;padding:8px 22px 30px 60px;min-width:0}
svg.lc{display:block;width:100%;height:240px;overflow:visible}
svg.lc svg.plot{overflow:visible}
svg.lc text{font-size:12px;fill:#4b5563;font-variant-numeric:tabular-nums}
svg.lc .axis.y text{text-anchor:end}
svg.lc .axis.x text{text-anchor:middle}
svg.lc .grid line{stroke:#e9ebef;stroke-width:1;shape-rendering:crispEdges}
svg.lc line.baseline{stroke:#9ca3af;stroke-width:1;shape-rendering:crispEdges}
svg.lc line.zero{stroke:#6b7280;stroke-width:1;shape-rendering:crispEdges}
svg.lc polyline{fill:none;stroke:var(--c);stroke-width:1.75;stroke-linejoin:round;
stroke-linecap:round;vector-effect:non-scaling-stroke}
svg.lc polygon.area{fill:var(--c);fill-opacity:.13;stroke:none}
svg.lc circle{fill:var(--c);stroke:#fff;stroke-width:1.5}
svg.lc .t2,svg.lc .t3{display:none}
@container (min-width:400px){svg.lc .t2{display:inline}svg.lc .y1{display:none}}
@container (min-width:720px){svg.lc .t3{display:inline}svg.lc .y2{display:none}}
ul.legend{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;margin:0;padding:0;
font-size:.85rem;color:#374151}
ul.legend li{display:flex;align-items:center;gap:7px;min-width:0}
ul.legend .key{flex:none;display:inline-block;width:20px;height:0;border-top:2.5px solid var(--c)}
ul.legend .key.dashed{border-top-style:dashed;border-top-width:2px}
ul.legend .key.area{height:10px;border-top-width:2px;
background:color-mix(in srgb,var(--c) 16%,transparent)}
ul.legend .key.marker{width:10px;height:10px;border:none;border-radius:50%;background:var(--c)}
)css";

std::string pct(double value) { return fmt::format("{:.2f}%", value); }

struct Scale {
  std::size_t sessions;
  double low;
  double high;

  // 0..1 from left to right, and from top to bottom.
  double x(std::size_t index) const {
    if (sessions <= 1) return 0.5;
    return static_cast<double>(index) / static_cast<double>(sessions - 1);
  }
  double y(double value) const { return (high - value) / (high - low); }
};

void append_points(std::string& out, const std::vector<double>& values, const Scale& scale) {
  auto it = std::back_inserter(out);
  for (std::size_t i = 0; i < values.size(); ++i) {
    fmt::format_to(it, "{}{:.1f},{:.1f}", i == 0 ? "" : " ", scale.x(i) * kPlotUnits,
                   scale.y(values[i]) * kPlotUnits);
  }
}

// `name` as the rest of a data-* attribute's name: lower-case letters, digits, '-' and '_' only.
std::string attribute_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (ok) out += c;
  }
  return out;
}

int month_serial(Date d) {
  const std::chrono::year_month_day ymd{d};
  return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month())) -
         1;
}

}  // namespace

std::vector<DateTick> date_ticks(const std::vector<Date>& sessions) {
  struct MonthStart {
    std::size_t session;
    int serial;
  };
  std::vector<MonthStart> starts;
  for (std::size_t i = 1; i < sessions.size(); ++i) {
    const int serial = month_serial(sessions[i]);
    if (serial != month_serial(sessions[i - 1])) starts.push_back({i, serial});
  }
  const auto month_label = [](int serial) {
    return std::string(kMonthNames[static_cast<std::size_t>(serial % 12)]);
  };
  if (starts.empty()) {
    const int serial = month_serial(sessions.front());
    return {{0, month_label(serial), " " + std::to_string(serial / 12), 3, 1}};
  }

  // Each tier's interval: the finest whose ticks fit the tier; when none fits, the coarsest
  // that still has a tick.
  std::array<int, 3> interval{};
  for (std::size_t tier = 0; tier < kMaxLabels.size(); ++tier) {
    interval[tier] = kMonthIntervals.front();
    for (int months : kMonthIntervals) {
      const auto n = static_cast<std::size_t>(
          std::count_if(starts.begin(), starts.end(),
                        [&](const MonthStart& s) { return s.serial % months == 0; }));
      if (n == 0) break;
      interval[tier] = months;
      if (n <= kMaxLabels[tier]) break;
    }
  }

  std::vector<DateTick> ticks;
  int earliest_tier = 4;  // The lowest tier of the ticks so far (4: none yet).
  for (const MonthStart& s : starts) {
    int tier = 0;
    for (int t = 0; t < 3; ++t) {
      if (s.serial % interval[static_cast<std::size_t>(t)] == 0) {
        tier = t + 1;
        break;
      }
    }
    if (tier == 0) continue;
    DateTick tick{s.session, {}, {}, 0, tier};
    if (s.serial % 12 == 0) {
      tick.label = std::to_string(s.serial / 12);
    } else {
      tick.label = month_label(s.serial);
      // The first tick shown names the year: this one is first in the views from its tier up to
      // the one before the lowest tier of the ticks before it.
      if (earliest_tier > tier) {
        tick.year = " " + std::to_string(s.serial / 12);
        tick.year_up_to = std::min(earliest_tier - 1, 3);
      }
    }
    earliest_tier = std::min(earliest_tier, tier);
    ticks.push_back(std::move(tick));
  }
  return ticks;
}

std::string line_chart_svg(const LineChart& chart) {
  const Scale scale{chart.sessions.size(), chart.y_ticks.front().value, chart.y_ticks.back().value};
  std::size_t points = 0;
  for (const ChartSeries& s : chart.series) points += s.values.size();
  std::string out;
  out.reserve(2048 + points * 13 + chart.markers.size() * 160);
  auto it = std::back_inserter(out);

  fmt::format_to(it,
                 "<div class=\"lc-box\"><svg class=\"lc\" data-chart=\"{}\" data-sessions=\"{}\" "
                 "data-markers=\"{}\"",
                 html_escape(chart.kind), chart.sessions.size(), chart.markers.size());
  for (const auto& [name, value] : chart.data) {
    fmt::format_to(it, " data-{}=\"{}\"", attribute_name(name), html_escape(value));
  }
  fmt::format_to(it, " role=\"img\" aria-label=\"{}\">", html_escape(chart.aria_label));

  // Grid: a line per value tick and per date tick (in the date tick's tier).
  const std::vector<DateTick> dates = date_ticks(chart.sessions);
  out += "<g class=\"grid\">";
  for (const ChartTick& t : chart.y_ticks) {
    const std::string y = pct(scale.y(t.value) * 100);
    fmt::format_to(it, "<line x1=\"0\" x2=\"100%\" y1=\"{0}\" y2=\"{0}\"/>", y);
  }
  for (const DateTick& d : dates) {
    fmt::format_to(it, "<line class=\"t{0}\" x1=\"{1}\" x2=\"{1}\" y1=\"0\" y2=\"100%\"/>", d.tier,
                   pct(scale.x(d.session) * 100));
  }
  out += "</g>";
  if (scale.low < 0 && scale.high > 0) {
    fmt::format_to(it, "<line class=\"zero\" x1=\"0\" x2=\"100%\" y1=\"{0}\" y2=\"{0}\"/>",
                   pct(scale.y(0) * 100));
  }
  out += "<line class=\"baseline\" x1=\"0\" x2=\"100%\" y1=\"100%\" y2=\"100%\"/>";

  // Lines, in a plot stretched to the chart's box.
  fmt::format_to(it,
                 "<svg class=\"plot\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" "
                 "viewBox=\"0 0 {0} {0}\" preserveAspectRatio=\"none\">",
                 kPlotUnits);
  for (const ChartSeries& s : chart.series) {
    const std::string css = html_escape(s.css_class);
    if (s.area) {
      const double base = std::clamp(0.0, scale.low, scale.high);
      fmt::format_to(it, "<polygon class=\"area {}\" points=\"", css);
      append_points(out, s.values, scale);
      fmt::format_to(it, " {:.1f},{:.1f} {:.1f},{:.1f}\"/>",
                     scale.x(s.values.size() - 1) * kPlotUnits, scale.y(base) * kPlotUnits,
                     scale.x(0) * kPlotUnits, scale.y(base) * kPlotUnits);
    }
    fmt::format_to(it, "<polyline class=\"{}\" data-series=\"{}\" points=\"", css,
                   html_escape(s.name));
    append_points(out, s.values, scale);
    out += "\"/>";
  }
  out += "</svg>";

  out += "<g class=\"axis y\">";
  for (const ChartTick& t : chart.y_ticks) {
    fmt::format_to(it, "<text x=\"-8\" y=\"{}\" dy=\"0.32em\">{}</text>",
                   pct(scale.y(t.value) * 100), html_escape(t.label));
  }
  out += "</g><g class=\"axis x\">";
  for (const DateTick& d : dates) {
    fmt::format_to(it, "<text class=\"t{}\" x=\"{}\" y=\"100%\" dy=\"1.5em\">{}", d.tier,
                   pct(scale.x(d.session) * 100), html_escape(d.label));
    if (d.year_up_to == 3) {
      out += html_escape(d.year);
    } else if (d.year_up_to > 0) {
      fmt::format_to(it, "<tspan class=\"y{}\">{}</tspan>", d.year_up_to, html_escape(d.year));
    }
    out += "</text>";
  }
  out += "</g>";

  if (!chart.markers.empty()) {
    out += "<g class=\"markers\">";
    for (const ChartMarker& m : chart.markers) {
      fmt::format_to(
          it, "<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"4.5\"><title>{}</title></circle>",
          html_escape(m.css_class), pct(scale.x(m.session) * 100), pct(scale.y(m.value) * 100),
          html_escape(m.title));
    }
    out += "</g>";
  }
  out += "</svg></div>";
  return out;
}

std::string chart_legend_html(const std::vector<LegendEntry>& entries) {
  std::string out = "<ul class=\"legend\">";
  for (const LegendEntry& e : entries) {
    const char* key = "line";
    switch (e.key) {
      case LegendKey::kLine:
        key = "line";
        break;
      case LegendKey::kDashed:
        key = "dashed";
        break;
      case LegendKey::kMarker:
        key = "marker";
        break;
      case LegendKey::kArea:
        key = "area";
        break;
    }
    out += fmt::format("<li class=\"{}\"><span class=\"key {}\"></span>{}</li>",
                       html_escape(e.css_class), key, html_escape(e.label));
  }
  return out + "</ul>";
}

std::string_view line_chart_css() { return kCss; }

}  // namespace stratus::report
