// Split check: daily data that is not adjusted for splits shows a split as a one-day fall (2:1
// halves the price) or rise (a reverse split). A backtest on such data buys "dips" that never
// happened, so it warns of every one-day close-to-close move beyond these bounds.
#pragma once

#include <string>
#include <vector>

#include "domain/money.h"
#include "domain/result.h"
#include "domain/time.h"
#include "ports/market_data.h"

namespace stratus {

// A close below kSuspiciousFall or above kSuspiciousRise times the previous close.
inline constexpr double kSuspiciousFall = 0.6;  // -40%: a 3:2 split is -33%, 2:1 is -50%.
inline constexpr double kSuspiciousRise = 1.8;

struct DataWarning {
  std::string symbol;
  Date session;
  Money previous_close;
  Money close;
  double change = 0;  // close / previous_close - 1.
  std::string message;
};

// The suspicious one-day moves of `symbols` with sessions in [from, to], by symbol then session.
// Errors: the data's (NotFound for an unknown symbol).
Result<std::vector<DataWarning>> suspicious_moves(MarketData& data,
                                                  const std::vector<std::string>& symbols,
                                                  Date from, Date to);

}  // namespace stratus
