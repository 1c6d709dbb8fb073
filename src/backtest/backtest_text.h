// The terminal summary of a backtest result (docs/contracts/backtest-result.md): the period and
// settings, the strategy's metrics beside the benchmarks', what the chain did, the largest
// positions and the data warnings.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace stratus {

// REQUIRES: `result` as backtest_result_json() writes it. `color`: ANSI styles for a terminal.
std::string render_backtest_text(const nlohmann::json& result, bool color);

// A ratio as a percentage with two decimals ("12.34%"), or "-" for null.
std::string percent_text(const nlohmann::json& ratio);

}  // namespace stratus
