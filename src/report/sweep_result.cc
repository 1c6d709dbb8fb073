// Reading the sweep document (see sweep_result.h).
#include "report/sweep_result.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "report/backtest_format.h"

namespace stratus::report {
namespace {

struct MetricInfo {
  SweepMetric metric;
  std::string_view name;
  std::string_view label;
};

constexpr std::array<MetricInfo, 10> kMetrics = {{
    {SweepMetric::kTotalReturn, "total_return", "Total return"},
    {SweepMetric::kAnnualisedReturn, "annualised_return", "Annualised return"},
    {SweepMetric::kXirr, "xirr", "XIRR"},
    {SweepMetric::kMaxDrawdown, "max_drawdown", "Max drawdown"},
    {SweepMetric::kVolatility, "volatility", "Volatility"},
    {SweepMetric::kSharpe, "sharpe", "Sharpe"},
    {SweepMetric::kSortino, "sortino", "Sortino"},
    {SweepMetric::kCashIdle, "cash_idle", "Cash idle"},
    {SweepMetric::kFinalEquity, "final_equity", "Final equity"},
    {SweepMetric::kProfit, "profit", "Profit"},
}};

double dollars(Money m) {
  return static_cast<double>(m.units()) / static_cast<double>(Money::kUnitsPerDollar);
}

// An object of string values, in the document's order.
Result<Params> read_params(const JsonField& field) {
  if (!field.json().is_object()) return field.error("an object of parameter values");
  Params out;
  for (const auto& [key, value] : field.json().items()) {
    STRATUS_ASSIGN_OR_RETURN(JsonField member, field.member(key));
    STRATUS_ASSIGN_OR_RETURN(std::string text, member.as<std::string>());
    out.emplace_back(key, std::move(text));
  }
  return out;
}

Result<SweepAxis> read_axis(const JsonField& a) {
  SweepAxis out;
  STRATUS_ASSIGN_OR_RETURN(out.name, a.at<std::string>("name"));
  STRATUS_ASSIGN_OR_RETURN(JsonField values, a.member("values"));
  STRATUS_ASSIGN_OR_RETURN(std::size_t n, values.array_size());
  if (n == 0) return values.error("at least one value");
  for (std::size_t i = 0; i < n; ++i) {
    STRATUS_ASSIGN_OR_RETURN(std::string value, values.element(i).as<std::string>());
    if (std::find(out.values.begin(), out.values.end(), value) != out.values.end()) {
      return values.element(i).error("a value not listed before");
    }
    out.values.push_back(std::move(value));
  }
  return out;
}

Result<SweepRun> read_run(const JsonField& r, const std::vector<SweepAxis>& axes) {
  SweepRun out;
  STRATUS_ASSIGN_OR_RETURN(out.rank, r.at<std::int64_t>("rank"));
  STRATUS_ASSIGN_OR_RETURN(JsonField params, r.member("params"));
  for (const SweepAxis& axis : axes) {
    STRATUS_ASSIGN_OR_RETURN(JsonField field, params.member(axis.name));
    STRATUS_ASSIGN_OR_RETURN(std::string value, field.as<std::string>());
    const auto at = std::find(axis.values.begin(), axis.values.end(), value);
    if (at == axis.values.end()) {
      std::string listed;
      for (const std::string& v : axis.values) listed += (listed.empty() ? "" : ", ") + v;
      return field.error("one of the axis's values (" + listed + ")");
    }
    out.index.push_back(static_cast<std::size_t>(at - axis.values.begin()));
    out.params.emplace_back(axis.name, std::move(value));
  }
  STRATUS_ASSIGN_OR_RETURN(JsonField metrics, r.member("metrics"));
  STRATUS_ASSIGN_OR_RETURN(out.metrics, read_account_metrics(metrics));
  return out;
}

Result<WalkForwardFold> read_fold(const JsonField& f) {
  WalkForwardFold out;
  STRATUS_ASSIGN_OR_RETURN(JsonField train, f.member("train"));
  STRATUS_ASSIGN_OR_RETURN(out.train_from, train.at<Date>("from"));
  STRATUS_ASSIGN_OR_RETURN(out.train_to, train.at<Date>("to"));
  STRATUS_ASSIGN_OR_RETURN(JsonField test, f.member("test"));
  STRATUS_ASSIGN_OR_RETURN(out.test_from, test.at<Date>("from"));
  STRATUS_ASSIGN_OR_RETURN(out.test_to, test.at<Date>("to"));
  STRATUS_ASSIGN_OR_RETURN(JsonField chosen, f.member("chosen"));
  STRATUS_ASSIGN_OR_RETURN(out.chosen, read_params(chosen));
  STRATUS_ASSIGN_OR_RETURN(out.train_metric, f.at<std::optional<double>>("train_metric"));
  STRATUS_ASSIGN_OR_RETURN(out.test_metric, f.at<std::optional<double>>("test_metric"));
  return out;
}

}  // namespace

std::optional<SweepMetric> sweep_metric_named(std::string_view name) {
  for (const MetricInfo& info : kMetrics) {
    if (info.name == name) return info.metric;
  }
  return std::nullopt;
}

std::string_view sweep_metric_label(SweepMetric metric) {
  for (const MetricInfo& info : kMetrics) {
    if (info.metric == metric) return info.label;
  }
  return "";
}

bool higher_is_better(SweepMetric metric) {
  return metric != SweepMetric::kMaxDrawdown && metric != SweepMetric::kVolatility &&
         metric != SweepMetric::kCashIdle;
}

std::optional<double> metric_value(const AccountMetrics& m, SweepMetric metric) {
  switch (metric) {
    case SweepMetric::kTotalReturn:
      return m.total_return;
    case SweepMetric::kAnnualisedReturn:
      return m.annualised_return;
    case SweepMetric::kXirr:
      return m.xirr;
    case SweepMetric::kMaxDrawdown:
      return m.max_drawdown.depth;
    case SweepMetric::kVolatility:
      return m.volatility;
    case SweepMetric::kSharpe:
      return m.sharpe;
    case SweepMetric::kSortino:
      return m.sortino;
    case SweepMetric::kCashIdle:
      return m.cash_idle;
    case SweepMetric::kFinalEquity:
      return dollars(m.final_equity.value);
    case SweepMetric::kProfit:
      return dollars(m.profit.value);
  }
  return std::nullopt;
}

std::string metric_text(const AccountMetrics& m, SweepMetric metric) {
  switch (metric) {
    case SweepMetric::kFinalEquity:
      return cents_text(m.final_equity);
    case SweepMetric::kProfit:
      return cents_text(m.profit);
    default:
      break;
  }
  const std::optional<double> value = metric_value(m, metric);
  if (!value) return std::string(kMissingValue);
  return metric_number_text(*value, metric);
}

std::string metric_number_text(double value, SweepMetric metric) {
  switch (metric) {
    case SweepMetric::kSharpe:
    case SweepMetric::kSortino:
      return ratio_text(value);
    case SweepMetric::kMaxDrawdown:
      return percent_text(-value);
    case SweepMetric::kFinalEquity:
    case SweepMetric::kProfit:
      return money_text(Money::from_units(static_cast<std::int64_t>(std::llround(value * 100.0)) *
                                          (Money::kUnitsPerDollar / 100)));
    default:
      return percent_text(value);
  }
}

Result<SweepResult> read_sweep_result(const nlohmann::json& json) {
  const JsonField doc(json);
  SweepResult out;
  STRATUS_ASSIGN_OR_RETURN(JsonField version, doc.member("version"));
  if (version.json() != 1) return version.error("1");
  STRATUS_ASSIGN_OR_RETURN(JsonField kind, doc.member("kind"));
  if (kind.json() != "sweep") return kind.error("\"sweep\"");
  STRATUS_ASSIGN_OR_RETURN(JsonField metric, doc.member("metric"));
  STRATUS_ASSIGN_OR_RETURN(out.metric_name, metric.as<std::string>());
  const std::optional<SweepMetric> known = sweep_metric_named(out.metric_name);
  if (!known) {
    std::string names;
    for (const MetricInfo& info : kMetrics) {
      names += (names.empty() ? "" : ", ") + std::string(info.name);
    }
    return metric.error("one of " + names);
  }
  out.metric = *known;

  STRATUS_ASSIGN_OR_RETURN(JsonField axes, doc.member("axes"));
  STRATUS_ASSIGN_OR_RETURN(std::size_t axis_count, axes.array_size());
  if (axis_count == 0) return axes.error("at least one axis");
  for (std::size_t i = 0; i < axis_count; ++i) {
    STRATUS_ASSIGN_OR_RETURN(SweepAxis axis, read_axis(axes.element(i)));
    for (const SweepAxis& before : out.axes) {
      if (before.name == axis.name) return axes.element(i).error("an axis not named before");
    }
    out.axes.push_back(std::move(axis));
  }

  STRATUS_ASSIGN_OR_RETURN(JsonField results, doc.member("results"));
  STRATUS_ASSIGN_OR_RETURN(std::size_t result_count, results.array_size());
  for (std::size_t i = 0; i < result_count; ++i) {
    STRATUS_ASSIGN_OR_RETURN(SweepRun run, read_run(results.element(i), out.axes));
    out.results.push_back(std::move(run));
  }
  std::stable_sort(out.results.begin(), out.results.end(),
                   [](const SweepRun& a, const SweepRun& b) { return a.rank < b.rank; });

  STRATUS_ASSIGN_OR_RETURN(std::optional<JsonField> folds, doc.optional_member("walk_forward"));
  if (folds) {
    STRATUS_ASSIGN_OR_RETURN(std::size_t fold_count, folds->array_size());
    for (std::size_t i = 0; i < fold_count; ++i) {
      STRATUS_ASSIGN_OR_RETURN(WalkForwardFold fold, read_fold(folds->element(i)));
      // The axes' parameters first, in the axes' order.
      const auto axis_index = [&](const std::string& name) {
        std::size_t at = 0;
        while (at < out.axes.size() && out.axes[at].name != name) ++at;
        return at;
      };
      std::stable_sort(fold.chosen.begin(), fold.chosen.end(), [&](const auto& a, const auto& b) {
        return axis_index(a.first) < axis_index(b.first);
      });
      out.walk_forward.push_back(std::move(fold));
    }
  }
  return out;
}

}  // namespace stratus::report
