// The backtest result document (docs/contracts/backtest-result.md): what `stratus backtest
// --json` prints, what `--out DIR` writes as result.json, and what the HTML report renders.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "backtest/backtest_outcome.h"
#include "config/config.h"

namespace stratus {

// The most symbols the result draws a price chart for (those the strategy spent most on).
inline constexpr std::size_t kMaxChartedSymbols = 24;

// The JSON of one account's measures ("metrics" of a strategy entry).
nlohmann::json account_metrics_json(const AccountMeasures& measures);

// Whether the result holds its "orders" (every order of the strategy: the bulk of a long run).
enum class ResultOrders { kIncluded, kLeftOut };

// The whole result (with kLeftOut, all but its "orders"). `data` is read again for the charts
// (closes, trailing highs) and the average closes of the positions. Errors: the data's.
Result<nlohmann::json> backtest_result_json(const Config& config, const BacktestOutcome& outcome,
                                            MarketData& data,
                                            ResultOrders orders = ResultOrders::kIncluded);

// Writes the compact text of the whole result, given the result without its orders and the
// orders: the same bytes as the complete result's dump(), without building each order as a JSON
// value, handed to `write` in pieces of about 1 MiB (so the text is never all in memory).
// REQUIRES: `result` is an object without "orders". Throws as dump() does.
void write_backtest_json(const nlohmann::json& result, const std::vector<OrderRecord>& orders,
                         const std::function<void(std::string_view)>& write);
// The same text, as one string.
std::string backtest_json_text(const nlohmann::json& result,
                               const std::vector<OrderRecord>& orders);

}  // namespace stratus
