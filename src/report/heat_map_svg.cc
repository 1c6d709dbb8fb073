// A heat map as inline SVG (see heat_map_svg.h).
#include "report/heat_map_svg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "report/html_escape.h"

namespace stratus::report {
namespace {

constexpr double kHeaderHeight = 24;
constexpr double kCellHeight = 40;

// ColorBrewer's YlGnBu, light (worst) to dark (best).
constexpr std::array<std::array<int, 3>, 9> kRamp = {{{0xff, 0xff, 0xd9},
                                                      {0xed, 0xf8, 0xb1},
                                                      {0xc7, 0xe9, 0xb4},
                                                      {0x7f, 0xcd, 0xbb},
                                                      {0x41, 0xb6, 0xc4},
                                                      {0x1d, 0x91, 0xc0},
                                                      {0x22, 0x5e, 0xa8},
                                                      {0x25, 0x34, 0x94},
                                                      {0x08, 0x1d, 0x58}}};
// Above this position of the scale, cell text is white.
constexpr double kDarkFrom = 0.45;

constexpr std::string_view kCss = R"css(
.hm-box{container-type:inline-size;padding:0 4px 0 var(--left,64px);min-width:0}
svg.heat-map{display:block;width:100%;overflow:visible}
svg.heat-map text{font-size:12px;fill:#374151;font-variant-numeric:tabular-nums}
svg.heat-map .cols text{text-anchor:middle;font-weight:600}
svg.heat-map .rows text{text-anchor:end;font-weight:600}
svg.heat-map rect.cell{stroke:#fff;stroke-width:2}
svg.heat-map rect.outline{fill:none;stroke:#f59e0b;stroke-width:3;pointer-events:none}
svg.heat-map rect.cell.empty{fill:#f3f4f6}
svg.heat-map text.v{text-anchor:middle;pointer-events:none;
font-size:clamp(9px,calc(100cqw / var(--cols) / 5.6),13px)}
svg.heat-map text.v.dark{fill:#fff}
svg.heat-map text.v.none{fill:#9ca3af}
.hm-scale{display:flex;align-items:center;flex-wrap:wrap;gap:6px 10px;margin:10px 0 0;
font-size:.8rem;color:#4b5563}
.hm-scale .ramp{display:inline-flex;border-radius:3px;overflow:hidden}
.hm-scale .ramp i{display:block;width:18px;height:12px}
@container (max-width:420px){.hm-scale{flex-wrap:nowrap;gap:6px}.hm-scale .ramp i{width:12px}}
)css";

std::string pct(double value) { return fmt::format("{:.3f}%", value); }

}  // namespace

std::string heat_colour(double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double at = t * static_cast<double>(kRamp.size() - 1);
  const auto i = std::min(static_cast<std::size_t>(at), kRamp.size() - 2);
  const double f = at - static_cast<double>(i);
  std::array<int, 3> rgb{};
  for (std::size_t c = 0; c < 3; ++c) {
    rgb[c] = static_cast<int>(std::lround(kRamp[i][c] + (kRamp[i + 1][c] - kRamp[i][c]) * f));
  }
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

std::string heat_map_svg(const HeatMap& map) {
  const std::size_t rows = map.row_labels.size();
  const std::size_t cols = map.column_labels.size();
  double low = 0, high = 0;
  bool any = false;
  for (const HeatCell& c : map.cells) {
    if (!c.value) continue;
    low = any ? std::min(low, *c.value) : *c.value;
    high = any ? std::max(high, *c.value) : *c.value;
    any = true;
  }
  // The position of a value on the scale: 1 the best.
  const auto position = [&](double v) {
    if (high <= low) return 1.0;
    const double t = (v - low) / (high - low);
    return map.higher_is_better ? t : 1.0 - t;
  };

  std::size_t widest_row_label = 0;
  for (const std::string& label : map.row_labels) {
    widest_row_label = std::max(widest_row_label, label.size());
  }
  // Room for the row labels: about 7.5 pixels a character at 12px, bold.
  const int left = static_cast<int>(std::clamp<std::size_t>(widest_row_label * 8 + 16, 40, 180));
  const double height = kHeaderHeight + kCellHeight * static_cast<double>(rows);

  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it,
                 "<div class=\"hm-box\" style=\"--left:{}px\"><svg class=\"heat-map\" "
                 "data-rows=\"{}\" data-cols=\"{}\" height=\"{}\" style=\"--cols:{}\" "
                 "role=\"img\" aria-label=\"{}\">",
                 left, rows, cols, height, cols, html_escape(map.aria_label));
  out += "<g class=\"cols\">";
  for (std::size_t c = 0; c < cols; ++c) {
    fmt::format_to(it, "<text x=\"{}\" y=\"{}\">{}</text>",
                   pct((static_cast<double>(c) + 0.5) * 100.0 / static_cast<double>(cols)),
                   kHeaderHeight - 8, html_escape(map.column_labels[c]));
  }
  out += "</g><g class=\"rows\">";
  for (std::size_t r = 0; r < rows; ++r) {
    fmt::format_to(it, "<text x=\"-10\" y=\"{}\" dy=\"0.32em\">{}</text>",
                   kHeaderHeight + kCellHeight * (static_cast<double>(r) + 0.5),
                   html_escape(map.row_labels[r]));
  }
  out += "</g><g class=\"cells\">";
  const double width = 100.0 / static_cast<double>(cols);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      const HeatCell& cell = map.cells[r * cols + c];
      const double x = width * static_cast<double>(c);
      const double y = kHeaderHeight + kCellHeight * static_cast<double>(r);
      std::string css = "cell";
      std::string fill;
      std::string text_css = "v";
      if (cell.value) {
        const double t = position(*cell.value);
        fill = fmt::format(" fill=\"{}\"", heat_colour(t));
        if (t > kDarkFrom) text_css += " dark";
        if (cell.best) css += " best";
      } else {
        css += " empty";
        text_css += " none";
      }
      fmt::format_to(it,
                     "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}>"
                     "<title>{}</title></rect><text class=\"{}\" x=\"{}\" y=\"{}\" "
                     "dy=\"0.35em\">{}</text>",
                     css, pct(x), y, pct(width), kCellHeight, fill, html_escape(cell.title),
                     text_css, pct(x + width / 2), y + kCellHeight / 2, html_escape(cell.text));
    }
  }
  out += "</g>";
  // The best cells' outlines, over every cell's border.
  for (std::size_t i = 0; i < map.cells.size(); ++i) {
    if (!map.cells[i].best || !map.cells[i].value) continue;
    fmt::format_to(it, "<rect class=\"outline\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                   pct(width * static_cast<double>(i % cols)),
                   kHeaderHeight + kCellHeight * static_cast<double>(i / cols), pct(width),
                   kCellHeight);
  }
  out += "</svg>";

  out += "<div class=\"hm-scale\"><span>worse</span>";
  if (any) out += "<b>" + html_escape(map.worst_label) + "</b>";
  out += "<span class=\"ramp\">";
  for (int i = 0; i < 9; ++i) {
    fmt::format_to(it, "<i style=\"background:{}\"></i>", heat_colour(i / 8.0));
  }
  out += "</span>";
  if (any) out += "<b>" + html_escape(map.best_label) + "</b>";
  out += "<span>better</span></div></div>";
  return out;
}

std::string_view heat_map_css() { return kCss; }

}  // namespace stratus::report
