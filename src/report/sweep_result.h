// The sweep document (`stratus sweep`: one backtest per combination of parameter values, ranked
// by a metric, with an optional walk-forward check) as the HTML report reads it, validated:
//   {"version": 1, "kind": "sweep", "metric": "xirr",
//    "axes": [{"name": "tier1_drop_pct", "values": ["5", "10"]}, ...],
//    "results": [{"rank": 1, "params": {"tier1_drop_pct": "10", ...}, "metrics": {...}}, ...],
//    "walk_forward": [{"train": {"from": D, "to": D}, "test": {"from": D, "to": D},
//                      "chosen": {"tier1_drop_pct": "10"}, "train_metric": 0.12,
//                      "test_metric": 0.05}]}          (walk_forward may be absent)
// "metrics" has the keys of a strategy's metrics in the backtest result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.h"
#include "domain/time.h"
#include "report/backtest_result.h"

namespace stratus::report {

// The metrics a sweep can rank by.
enum class SweepMetric {
  kTotalReturn,
  kAnnualisedReturn,
  kXirr,
  kMaxDrawdown,
  kVolatility,
  kSharpe,
  kSortino,
  kCashIdle,
  kFinalEquity,
  kProfit,
};

// The metric named `name` ("xirr", "max_drawdown", ...), if any.
std::optional<SweepMetric> sweep_metric_named(std::string_view name);
// For people: "XIRR", "Max drawdown", ...
std::string_view sweep_metric_label(SweepMetric metric);
// Whether a larger value is better (false for drawdown, volatility and idle cash).
bool higher_is_better(SweepMetric metric);
// The metric's value in `m` as a number (money in dollars, the drawdown's depth as a positive
// fraction); nullopt when it does not exist.
std::optional<double> metric_value(const AccountMetrics& m, SweepMetric metric);
// The metric's value in `m` for people: a percentage, a ratio with 2 decimals, or dollars.
std::string metric_text(const AccountMetrics& m, SweepMetric metric);
// A value of the metric (as metric_value gives it) for people.
std::string metric_number_text(double value, SweepMetric metric);

using Params = std::vector<std::pair<std::string, std::string>>;  // In the axes' order.

struct SweepAxis {
  std::string name;
  std::vector<std::string> values;  // Non-empty.
};

struct SweepRun {
  std::int64_t rank = 0;
  Params params;                   // One value per axis, each one of the axis's values.
  std::vector<std::size_t> index;  // params as indexes into each axis's values.
  AccountMetrics metrics;
};

struct WalkForwardFold {
  Date train_from, train_to, test_from, test_to;
  Params chosen;  // The axes' parameters in the axes' order, then any others by name.
  std::optional<double> train_metric, test_metric;
};

struct SweepResult {
  SweepMetric metric = SweepMetric::kXirr;
  std::string metric_name;
  std::vector<SweepAxis> axes;    // At least one.
  std::vector<SweepRun> results;  // Sorted by rank.
  std::vector<WalkForwardFold> walk_forward;
};

// The document `doc` as a SweepResult; otherwise an InvalidInput error whose context is the JSON
// pointer of the first field at fault.
Result<SweepResult> read_sweep_result(const nlohmann::json& doc);

}  // namespace stratus::report
