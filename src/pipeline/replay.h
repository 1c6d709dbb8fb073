// Replays: the instants at which a replay of history runs the chain on a session. Shared by
// `stratus run --from --to` and the backtest, so both decide at exactly the same times.
#pragma once

#include <vector>

#include "config/config.h"
#include "ports/market_calendar.h"

namespace stratus {

// The instants at which a replay runs `day`: those of market.run_times that fall inside the
// session's trading window [close - window_minutes_before_close, close) (exactly what a live
// schedule would trade at). When none does (a close earlier than every scheduled time), the
// first run time, so the replay shows why it skipped. REQUIRES: day.is_session; run_times not
// empty (the config loader guarantees it).
std::vector<Timestamp> replay_instants(const MarketConfig& market, const MarketDay& day);

}  // namespace stratus
