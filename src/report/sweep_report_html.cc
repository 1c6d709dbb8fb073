// The sweep's part of the HTML reports (see sweep_report_html.h).
#include "report/sweep_report_html.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "report/backtest_format.h"
#include "report/heat_map_svg.h"
#include "report/html_escape.h"

namespace stratus::report {
namespace {

// Columns of the ranked table after the ranking metric (which is not repeated).
constexpr SweepMetric kRankedColumns[] = {SweepMetric::kTotalReturn, SweepMetric::kXirr,
                                          SweepMetric::kMaxDrawdown, SweepMetric::kSharpe,
                                          SweepMetric::kProfit,      SweepMetric::kFinalEquity};

// `name` escaped, with a line-break opportunity after each underscore ("tier1_<wbr>drop_<wbr>pct").
std::string breakable(const std::string& name) {
  std::string out;
  for (char c : html_escape(name)) {
    out += c;
    if (c == '_') out += "<wbr>";
  }
  return out;
}

std::string params_text(const Params& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    out += (out.empty() ? "" : ", ") + name + " = " + value;
  }
  return out;
}

// Whether `a` is better than `b` for `metric`.
bool better(double a, double b, SweepMetric metric) {
  return higher_is_better(metric) ? a > b : a < b;
}

std::string heat_caption(const SweepResult& s) {
  const std::string metric(sweep_metric_label(s.metric));
  std::string out;
  if (s.axes.size() == 1) {
    out = "<b>" + html_escape(metric) + "</b> for each value of <b>" + html_escape(s.axes[0].name) +
          "</b>.";
  } else {
    out = "<b>" + html_escape(metric) + "</b> by <b>" + html_escape(s.axes[0].name) +
          "</b> (rows) and <b>" + html_escape(s.axes[1].name) + "</b> (columns).";
  }
  if (s.axes.size() > 2) {
    std::string others;
    for (std::size_t i = 2; i < s.axes.size(); ++i) {
      others += (others.empty() ? "" : ", ") + s.axes[i].name;
    }
    out += " Each cell shows the best value over the other parameters (" + html_escape(others) +
           "); its tooltip names them.";
  }
  out += higher_is_better(s.metric) ? " Higher is better." : " Lower is better.";
  out += " The best configuration is outlined.";
  return out;
}

std::string ranked_table(const SweepResult& s) {
  std::vector<SweepMetric> columns = {s.metric};
  for (SweepMetric m : kRankedColumns) {
    if (m != s.metric) columns.push_back(m);
  }
  std::string out = "<div class=\"card table-wrap\"><table class=\"ranked\"><thead><tr>";
  out += "<th>Rank</th>";
  for (const SweepAxis& axis : s.axes) out += "<th>" + breakable(axis.name) + "</th>";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out += fmt::format("<th{}>{}</th>", i == 0 ? " class=\"key\"" : "",
                       html_escape(sweep_metric_label(columns[i])));
  }
  out += "<th>Buys</th></tr></thead><tbody>";
  for (const SweepRun& run : s.results) {
    out += "<tr><td>" + count_text(run.rank) + "</td>";
    for (const auto& param : run.params) out += "<td>" + html_escape(param.second) + "</td>";
    for (std::size_t i = 0; i < columns.size(); ++i) {
      out += fmt::format("<td{}>{}</td>", i == 0 ? " class=\"key\"" : "",
                         html_escape(metric_text(run.metrics, columns[i])));
    }
    out += "<td>" + count_text(run.metrics.buys) + "</td></tr>";
  }
  return out + "</tbody></table></div>";
}

std::string optional_metric(std::optional<double> value, SweepMetric metric) {
  return value ? metric_number_text(*value, metric) : std::string(kMissingValue);
}

std::string walk_forward_table(const SweepResult& s) {
  const std::string metric = html_escape(sweep_metric_label(s.metric));
  std::string out =
      "<div class=\"card table-wrap\"><table class=\"walk-forward\"><thead><tr><th>Fold</th>"
      "<th class=\"text\">Train</th><th class=\"text\">Test</th><th class=\"text\">Chosen</th>"
      "<th>" +
      metric + " (train)</th><th>" + metric + " (test)</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < s.walk_forward.size(); ++i) {
    const WalkForwardFold& f = s.walk_forward[i];
    out += fmt::format(
        "<tr><td>{}</td><td class=\"text\">{} to {}</td><td class=\"text\">{} to {}</td>"
        "<td class=\"text\">{}</td><td>{}</td><td>{}</td></tr>",
        i + 1, format_date(f.train_from), format_date(f.train_to), format_date(f.test_from),
        format_date(f.test_to), html_escape(params_text(f.chosen)),
        html_escape(optional_metric(f.train_metric, s.metric)),
        html_escape(optional_metric(f.test_metric, s.metric)));
  }
  return out + "</tbody></table></div>";
}

}  // namespace

HeatMap sweep_heat_map(const SweepResult& s) {
  HeatMap map;
  const bool two = s.axes.size() >= 2;
  const SweepAxis& columns = two ? s.axes[1] : s.axes[0];
  map.row_labels =
      two ? s.axes[0].values : std::vector<std::string>{std::string(sweep_metric_label(s.metric))};
  map.column_labels = columns.values;
  map.higher_is_better = higher_is_better(s.metric);
  map.aria_label = fmt::format("Heat map of {} over {} configuration(s)",
                               sweep_metric_label(s.metric), s.results.size());

  const std::size_t cols = columns.values.size();
  std::vector<const SweepRun*> best(map.row_labels.size() * cols, nullptr);
  std::optional<double> overall;
  for (const SweepRun& run : s.results) {
    const std::optional<double> v = metric_value(run.metrics, s.metric);
    if (!v) continue;
    const std::size_t cell = two ? run.index[0] * cols + run.index[1] : run.index[0];
    const SweepRun*& held = best[cell];
    if (!held || better(*v, *metric_value(held->metrics, s.metric), s.metric)) held = &run;
    if (!overall || better(*v, *overall, s.metric)) overall = v;
  }

  std::optional<double> low, high;
  for (std::size_t cell = 0; cell < best.size(); ++cell) {
    HeatCell c;
    if (const SweepRun* run = best[cell]) {
      c.value = metric_value(run->metrics, s.metric);
      c.text = metric_text(run->metrics, s.metric);
      c.best = c.value == overall;
      c.title = fmt::format("{}: {} {} (rank {})", params_text(run->params),
                            sweep_metric_label(s.metric), c.text, run->rank);
      low = low ? std::min(*low, *c.value) : *c.value;
      high = high ? std::max(*high, *c.value) : *c.value;
    } else {
      c.text = std::string(kMissingValue);
      const std::size_t r = cell / cols, col = cell % cols;
      Params where;
      if (two) where.emplace_back(s.axes[0].name, s.axes[0].values[r]);
      where.emplace_back(columns.name, columns.values[col]);
      c.title = params_text(where) + ": no result";
    }
    map.cells.push_back(std::move(c));
  }
  if (low && high) {
    map.worst_label = metric_number_text(map.higher_is_better ? *low : *high, s.metric);
    map.best_label = metric_number_text(map.higher_is_better ? *high : *low, s.metric);
  }
  return map;
}

std::string sweep_section_html(const SweepResult& s) {
  std::string out = "<section class=\"sweep\"><h2>Parameter sweep</h2>";
  std::string axes;
  for (const SweepAxis& axis : s.axes) {
    axes += (axes.empty() ? "" : " &times; ") + html_escape(axis.name) +
            fmt::format(" ({})", axis.values.size());
  }
  out += fmt::format("<p class=\"section-note\">{} configuration(s) over {}, ranked by {}.</p>",
                     s.results.size(), axes, html_escape(sweep_metric_label(s.metric)));
  out += "<figure class=\"card heat-card\"><figcaption>" + heat_caption(s) + "</figcaption>" +
         heat_map_svg(sweep_heat_map(s)) + "</figure>";
  out += "<h2 class=\"sub-h\">Ranked results</h2>" + ranked_table(s);
  if (!s.walk_forward.empty()) {
    out +=
        "<h2 class=\"sub-h\">Walk-forward check</h2><p class=\"section-note\">Parameters "
        "chosen on each training window, then measured on the test window that follows "
        "it.</p>" +
        walk_forward_table(s);
  }
  return out + "</section>";
}

}  // namespace stratus::report
