// A time chart of several series over the same sessions, as inline SVG for the HTML reports:
// lines (optionally with a shaded area), markers with a tooltip (<title>), a value axis with the
// caller's ticks and a date axis labelled by month and year; plus its legend as an HTML list.
//
// Layout: the SVG has no viewBox, so its text keeps its CSS size at any width. The lines are
// drawn in a nested <svg class="plot" viewBox="0 0 1000 1000" preserveAspectRatio="none"> with
// strokes that do not scale; labels, grid lines and markers are placed in percentages of the
// plot. The value labels sit in the left padding of the chart's box, the date labels in its
// bottom padding. Date labels come in three tiers of density (classes t1, t2, t3): the box is a
// CSS size container and shows t2 and t3 only when the plot is wide enough for them (see
// line_chart_css()), so labels never crowd on a phone. No script, no font file, no network.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/time.h"

namespace stratus::report {

struct ChartSeries {
  std::string name;            // Its data-series attribute ("strategy", "close").
  std::string css_class;       // Its colour and stroke (the page's CSS), e.g. "s-strategy".
  std::vector<double> values;  // One per session.
  bool area = false;           // Also shade between the line and the axis's zero (or the
                               // nearest end of the axis when zero is outside it).
};

struct ChartMarker {
  std::size_t session = 0;  // Index into the chart's sessions.
  double value = 0;
  std::string css_class;  // E.g. "buy".
  std::string title;      // Tooltip text (escaped when written).
};

struct ChartTick {
  double value = 0;
  std::string label;
};

struct LineChart {
  std::string kind;        // Its data-chart attribute: "equity", "drawdown", "symbol".
  std::string aria_label;  // What it shows, for screen readers.
  std::vector<Date> sessions;
  std::vector<ChartSeries> series;
  std::vector<ChartTick> y_ticks;  // At least two, ascending: the value axis spans first..last.
  std::vector<ChartMarker> markers;
  // More data-* attributes: name (kept: lower-cased letters, digits, - and _), value.
  std::vector<std::pair<std::string, std::string>> data;
};

// `<div class="lc-box"><svg class="lc" data-chart=KIND data-sessions=N data-markers=M ...>`:
// one <polyline data-series=NAME class=CSS> of exactly N points (one per session, left to right)
// per series, in the series' order, inside <svg class="plot">; a <polygon class="area CSS"> before
// the line of each series with `area`; <g class="axis y"> and <g class="axis x"> of <text>
// labels; M <circle class=CSS> markers each holding a <title>. Every text is escaped.
// REQUIRES: !sessions.empty(); every series has one value per session; y_ticks.size() >= 2 with
// y_ticks.front().value < y_ticks.back().value; every marker's session < sessions.size().
std::string line_chart_svg(const LineChart& chart);

// A tick of the date axis: the first session of a month, its label ("2016" on January, else
// "Apr") and its tier: 1 is always shown, 2 and 3 only on wider charts. The first tick shown
// names the year: `year` (" 2015") is shown after the label in the views (1: tier 1 only, 2:
// tiers 1 and 2, 3: all) up to `year_up_to`, where no earlier tick is shown (0: never).
struct DateTick {
  std::size_t session = 0;
  std::string label;
  std::string year;
  int year_up_to = 0;
  int tier = 1;
};

// The date axis's ticks for `sessions` (ascending). Each tier's ticks are the months that are a
// multiple of an interval (1, 3, 6, 12, 24, 48 or 96 months, calendar aligned), the smallest
// that keeps the tier within its number of labels (3, 5, 9). A range within one month gets a
// single tick on its first session ("Aug" and " 2015", always shown).
// REQUIRES: !sessions.empty().
std::vector<DateTick> date_ticks(const std::vector<Date>& sessions);

enum class LegendKey { kLine, kDashed, kMarker, kArea };

struct LegendEntry {
  std::string css_class;  // The series' or markers' class, for the colour.
  std::string label;
  LegendKey key = LegendKey::kLine;
};

// `<ul class="legend">` with one <li> per entry: a key drawn in the entry's colour and its
// escaped label.
std::string chart_legend_html(const std::vector<LegendEntry>& entries);

// The style rules of these charts and legends (layout, axes, tiers), for the page's <style>.
// Colours come from the page: each css_class sets the custom property --c.
std::string_view line_chart_css();

}  // namespace stratus::report
