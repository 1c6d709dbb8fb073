// The benchmarks a backtest is measured against, funded with exactly the strategy's money and
// filled by the same SimulatedBroker rules (fill point, slippage, commissions, whole shares):
//
//   dca           dollar-cost averaging: on each funding session (the first session and each
//                 month's contribution session) all cash is spent in equal parts on the watchlist's
//                 symbols that have a close by then.
//   buy_and_hold  all the money the strategy receives over the period (starting cash and every
//                 contribution) invested the same way on the first session and held.
//
// Orders go in at the day's last replay instant, like the strategy's: with fill = "close" they
// fill at that session's close, with "next_open" at the next open. Prices are the closes of the
// last completed session: when no symbol has one yet (the data starts on the first session),
// the money waits for the first session on which one has.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backtest/backtest.h"

namespace stratus {

enum class Benchmark { kDollarCostAveraging, kBuyAndHold };

// "dca" or "buy_and_hold".
std::string_view benchmark_name(Benchmark benchmark);

struct BenchmarkRun {
  std::vector<AccountDay> days;  // One per session.
  std::vector<Fill> fills;
  std::map<std::string, Holding, std::less<>> holdings;
  Money cash;
};

// Replays `benchmark` over `sessions` (ascending, non-empty), funded by `flows` (ascending
// sessions of `sessions` with positive amounts, e.g. funding_schedule()). Errors: the data's or
// the calendar's.
Result<BenchmarkRun> run_benchmark(Benchmark benchmark, const std::vector<std::string>& symbols,
                                   const std::vector<MarketDay>& sessions,
                                   const std::vector<std::pair<Date, Money>>& flows,
                                   const MarketConfig& market, MarketData& data,
                                   const MarketCalendar& calendar, const FillModel& fill);

}  // namespace stratus
