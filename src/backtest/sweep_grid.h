// The parameter grid of `stratus sweep`: which settings of a profile vary, over which values, and
// how one combination turns the profile's Config into the Config that is backtested.
//
// Parameters (NAME=VALUES; values separated by ',' or, when any contains a ',', by ';'):
//   tierN_drop        tier N's drop in percent (N from 1), e.g. tier1_drop=5,10,15
//   tierN_qty         tier N's shares
//   monthly_share_cap the per-symbol monthly share cap (per-symbol overrides are kept)
//   monthly_budget_per_symbol / monthly_budget_total / max_order_notional
//                     dollars, or "none"
//   window_sessions   the 52-week high's window in sessions (min_sessions follows it down)
//   filter            an entry-filter rule, or "none", e.g. filter=none;rsi(14) < 30;rsi(14) < 40
//   fill              "close" or "next_open"
//   slippage_bps      basis points
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "domain/result.h"

namespace stratus {

struct SweepAxis {
  std::string name;
  std::vector<std::string> values;  // In the order given; at least one.
};

// One value per axis, in the axes' order.
using SweepParams = std::vector<std::pair<std::string, std::string>>;

// Parses "NAME=V1,V2,...". InvalidInput naming the text and what was expected: no '=', an
// unknown parameter (listing the known ones), no value, a value repeated, or a value that does
// not parse for its parameter (checked against a default Config).
Result<SweepAxis> parse_sweep_axis(const std::string& text);

// Every combination of the axes' values, the last axis varying fastest.
std::vector<SweepParams> sweep_combinations(const std::vector<SweepAxis>& axes);

// `base` with `params` applied. InvalidInput for a combination that makes no valid plan (tier
// drops that do not increase, a tier N beyond the profile's tiers), naming the parameters.
Result<Config> apply_sweep_params(const Config& base, const SweepParams& params);

}  // namespace stratus
