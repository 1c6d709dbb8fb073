// A symbol's price chart as inline SVG, for the HTML report: the daily close of the chart's
// months, the trailing 52-week high, the month's buys as markers with a tooltip (<title>),
// price and date axes and a legend. Scales with its container (viewBox, width 100%); needs no
// script, font file or network. Date labels name each month ("Mar", with the year on January:
// "Jan 2016").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/month_report.h"

namespace stratus::report {

// The chart's coordinate system (SVG user units).
inline constexpr int kChartWidth = 480;
inline constexpr int kChartHeight = 270;

// Price axis ticks in cents: a step of 1, 2 or 5 times a power of ten (at least one cent) that
// gives at most 5 intervals over [low, high], and the ticks from the step's multiple at or
// below `low` to the one at or above `high`.
// REQUIRES: 0 <= low_cents <= high_cents.
// Guarantees: at least two ticks, ascending, evenly spaced; first <= low, last >= high.
std::vector<std::int64_t> price_ticks_cents(std::int64_t low_cents, std::int64_t high_cents);

// The <svg> element of `symbol`'s chart:
//   <svg class="chart" data-symbol=.. data-sessions=N data-buys=B viewBox=...> with one
//   <polyline class="close-line"> of N points (one per chart session, left to right), one
//   <polyline class="high-line"> of N points, B <circle class="buy"> each holding a <title>,
//   <g class="axis y"> and <g class="axis x"> with <text> labels, and <g class="legend">.
// Every text is escaped. A buy whose session has no bar is drawn at the next session's place
// (or the last one).
// REQUIRES: !symbol.chart.empty().
std::string price_chart_svg(const SymbolReport& symbol);

}  // namespace stratus::report
