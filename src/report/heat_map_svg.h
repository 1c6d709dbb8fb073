// A heat map as inline SVG, for the sweep report: a grid of cells coloured by a metric (darker is
// better), each with its value as text and a tooltip (<title>), row labels on the left, column
// labels on top, and a colour scale legend below. Like the line charts, the SVG has no viewBox:
// cells are placed in percentages of its width, so text keeps its size; the value text shrinks
// with narrow cells (a CSS container query unit). No script, no url(), no network.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::report {

struct HeatCell {
  std::optional<double> value;  // nullopt: no result for this cell (drawn empty).
  std::string text;             // Shown in the cell.
  std::string title;            // Tooltip.
  bool best = false;            // Outlined.
};

struct HeatMap {
  std::string aria_label;
  std::vector<std::string> row_labels;
  std::vector<std::string> column_labels;
  std::vector<HeatCell> cells;  // Row-major: rows x columns.
  bool higher_is_better = true;
  std::string worst_label, best_label;  // The colour scale's ends, for people.
};

// `<div class="hm-box">` holding `<svg class="heat-map" data-rows=R data-cols=C>` with R x C
// `<rect class="cell">` (each holding a <title>) and their value <text class="v">, a
// `<rect class="outline">` over each best cell, then `<div class="hm-scale">`, the colour scale
// from worst to best. Every text is escaped.
// REQUIRES: cells.size() == row_labels.size() * column_labels.size(), both non-zero.
std::string heat_map_svg(const HeatMap& map);

// The colour of position `t` on the scale (0 the worst, 1 the best; clamped): "#rrggbb".
std::string heat_colour(double t);

// The style rules of the heat map, for the page's <style>.
std::string_view heat_map_css();

}  // namespace stratus::report
