// A whole backtest: the strategy's replay, the two benchmarks funded identically, the data's
// split warnings and every account's measures. What `stratus backtest` reports.
#pragma once

#include <string>
#include <vector>

#include "backtest/account_metrics.h"
#include "backtest/backtest.h"
#include "backtest/benchmarks.h"
#include "backtest/split_check.h"

namespace stratus {

// Where the bars came from, for the report.
struct DataDescription {
  std::string source;                  // A path, or "alpaca (feed iex)".
  std::size_t symbols = 0;             // Held by the source (0: not known).
  std::size_t bars = 0;                // Held by the source (0: not known).
  std::string adjustment = "unknown";  // "unknown" (CSV), or Alpaca's raw/split/dividend/all.
};

struct BacktestOutcome {
  BacktestSettings settings;
  double risk_free_rate = 0;  // Annual, as a fraction.
  DataDescription data;
  std::vector<DataWarning> warnings;
  BacktestRun strategy;
  BenchmarkRun dca;
  BenchmarkRun buy_and_hold;
  AccountMeasures strategy_measures;
  AccountMeasures dca_measures;
  AccountMeasures buy_and_hold_measures;
};

// Runs run_backtest(), then both benchmarks over the same sessions and money, then measures all
// three. Errors: run_backtest()'s, the benchmarks', the split check's.
Result<BacktestOutcome> backtest_with_benchmarks(const Config& config,
                                                 const MarketCalendar& calendar, MarketData& data,
                                                 EventSink& audit, const BacktestSettings& settings,
                                                 DataDescription description,
                                                 const ProgressFn& progress = {});

// The FillModel and funding of config.backtest for the period [from, to]. InvalidInput for a
// fill name that does not parse (the config loader admits only valid ones).
Result<BacktestSettings> backtest_settings(const Config& config, Date from, Date to);

}  // namespace stratus
