// The backtest report as ONE self-contained HTML page, rendered from the backtest result document
// alone (docs/contracts/backtest-result.md): a header with the period, data and settings (and a
// warnings box when the data looks suspicious), the strategy's metrics against its benchmarks
// with the best of each row highlighted, the chain's activity, the equity curves with the money
// paid in, the drawdowns, one chart per bought symbol (close, 52-week high, buys) in a responsive
// grid, the positions, and optionally a parameter sweep (a heat map and the ranked results).
// Inline CSS and SVG only: no script, no font file, no request of any kind; it opens from a file
// with no network. Money is shown with the document's digits ("$41,234.56"), fractions as
// percentages with 2 decimals, a null as an em dash; every text is escaped.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus::report {

// The page of `backtest` (kind "backtest"), with a sweep section when `sweep` is given (a sweep
// document, see sweep_result.h).
// REQUIRES nothing of the JSON beyond what the contracts state; a missing or malformed field is
// an InvalidInput error whose context is its JSON pointer (e.g. "/strategies/0/metrics/xirr";
// for a field of the sweep, "sweep: /axes/0/name"), never a crash.
// Guarantees: the page holds one <svg class="lc" data-chart="equity"> with a polyline of one
// point per session for each account and for the money paid in, one data-chart="drawdown"
// with one per account, and one data-chart="symbol" per entry of "charts" with one
// <circle class="buy ..."> per buy.
Result<std::string> render_backtest_html(const nlohmann::json& backtest,
                                         const nlohmann::json* sweep = nullptr);

// A page with only the sweep of `sweep` (kind "sweep"); errors as above, without the prefix.
Result<std::string> render_sweep_html(const nlohmann::json& sweep);

}  // namespace stratus::report
