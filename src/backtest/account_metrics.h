// The measures of one simulated account (the strategy's or a benchmark's): the performance of
// its equity curve and what it did to get there.
#pragma once

#include <span>
#include <vector>

#include "backtest/backtest.h"
#include "backtest/performance.h"

namespace stratus {

struct AccountMeasures {
  PerformanceMetrics performance;
  std::size_t buys = 0;  // Filled orders.
  std::int64_t shares_bought = 0;
  Money commissions;
  // Mean of cash / equity over the sessions with positive equity: the share of the money that
  // sat idle. 0 when no session has equity.
  double cash_idle = 0;
  Money final_cash;
};

// The equity curve of `days` as performance.h takes it.
std::vector<EquityPoint> equity_points(std::span<const AccountDay> days);

// REQUIRES: days ascending by session.
AccountMeasures measure_account(std::span<const AccountDay> days, std::span<const Fill> fills,
                                double risk_free_rate);

}  // namespace stratus
