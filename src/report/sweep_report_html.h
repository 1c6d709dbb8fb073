// The sweep's part of the HTML reports: a heat map of the ranking metric over the first two axes
// (one row for a single axis; with more axes each cell shows the best value over the others, as
// its caption says), the ranked results, and the walk-forward folds when there are any.
#pragma once

#include <string>

#include "report/heat_map_svg.h"
#include "report/sweep_result.h"

namespace stratus::report {

// The heat map's model: rows are the first axis's values, columns the second's (with one axis:
// one row, named after the metric, and a column per value). A cell holds the best value of the
// metric among the results with its row's and column's values; the overall best is outlined.
HeatMap sweep_heat_map(const SweepResult& sweep);

// `<section class="sweep">` with the heat map (<svg class="heat-map">), `<table class="ranked">`
// (one row per result, by rank) and, when there are folds, `<table class="walk-forward">`.
std::string sweep_section_html(const SweepResult& sweep);

}  // namespace stratus::report
