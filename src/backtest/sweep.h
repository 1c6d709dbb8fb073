// The sweep: one backtest of the profile per combination of parameter values (sweep_grid.h), run
// in parallel (each on its own simulated world over the shared, read-only market data), ranked
// by a metric; and walk-forward validation: the period cut into consecutive segments, the best
// combination of each segment chosen on it and then measured on the next one, beside how every
// combination did there, so a user sees how much of a ranking was luck.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "backtest/account_metrics.h"
#include "backtest/sweep_grid.h"
#include "config/config.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

// The metrics a sweep ranks by, as named in the result document.
inline constexpr std::string_view kSweepMetrics[] = {
    "xirr",         "total_return", "annualised_return", "sharpe", "sortino",
    "max_drawdown", "volatility",   "cash_idle",         "profit", "final_equity"};

// InvalidInput naming `name` and the choices when it is not one of kSweepMetrics.
Status check_sweep_metric(std::string_view name);
// The metric's value (the drawdown as its positive depth; money in dollars); nullopt when it
// does not exist (an XIRR without a root, a Sharpe ratio of a flat curve).
std::optional<double> sweep_metric_value(const AccountMeasures& m, std::string_view metric);
// False for the metrics where less is better: max_drawdown, volatility, cash_idle.
bool sweep_higher_is_better(std::string_view metric);

struct SweepRun {
  SweepParams params;
  std::string invalid;  // Why the combination makes no valid plan; empty when it ran.
  AccountMeasures measures;
  int rank = 0;  // 1 = best by the metric; 0 for an invalid combination.
};

// Reports progress: `done` of `total` backtests finished. Called from the worker threads, one
// call at a time.
using SweepProgress = std::function<void(std::size_t done, std::size_t total)>;

struct SweepRequest {
  std::vector<SweepAxis> axes;  // At least one.
  std::string metric = "xirr";
  Date from;
  Date to;
  unsigned jobs = 1;     // Worker threads, >= 1.
  int walk_forward = 0;  // Folds; 0: none. Each fold trains on one segment, tests on the next.
};

struct WalkForwardFold {
  Date train_from, train_to, test_from, test_to;
  SweepParams chosen;  // The best combination on the training segment.
  std::optional<double> train_metric;
  std::optional<double> test_metric;
  int test_rank = 0;                  // The chosen combination's rank on the test segment.
  std::size_t test_ranked = 0;        // How many combinations were ranked there.
  std::optional<double> test_median;  // The median metric of every combination on the test.
};

struct SweepOutcome {
  std::vector<SweepRun> runs;  // Ranked, best first; invalid combinations last.
  std::vector<WalkForwardFold> folds;
  AccountMeasures dca;  // The benchmarks over the whole period, for scale.
  AccountMeasures buy_and_hold;
  std::size_t backtests = 0;  // Backtests run in all.
};

// Runs the sweep. Errors: InvalidInput for an unknown metric, no axis, or a period too short for
// the folds (each segment needs 20 sessions); a backtest's own error (naming its parameters).
Result<SweepOutcome> run_sweep(const Config& base, const MarketCalendar& calendar, MarketData& data,
                               const SweepRequest& request, const SweepProgress& progress = {});

// The sweep document (src/report/sweep_result.h states its shape; "benchmarks" and each fold's
// "test_rank", "test_ranked", "test_median" are extras).
nlohmann::json sweep_result_json(const SweepRequest& request, const SweepOutcome& outcome);

}  // namespace stratus
