// The backtest result document (docs/contracts/backtest-result.md): what `stratus backtest
// --json` prints, what `--out DIR` writes as result.json, and what the HTML report renders.
#pragma once

#include <nlohmann/json.hpp>

#include "backtest/backtest_outcome.h"
#include "config/config.h"

namespace stratus {

// The most symbols the result draws a price chart for (those the strategy spent most on).
inline constexpr std::size_t kMaxChartedSymbols = 24;

// The JSON of one account's measures ("metrics" of a strategy entry).
nlohmann::json account_metrics_json(const AccountMeasures& measures);

// The whole result. `data` is read again for the charts (closes, trailing highs) and the average
// closes of the positions. Errors: the data's.
Result<nlohmann::json> backtest_result_json(const Config& config, const BacktestOutcome& outcome,
                                            MarketData& data);

}  // namespace stratus
