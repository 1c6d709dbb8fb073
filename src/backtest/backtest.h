// The backtest: replays every session of a period through the five trading-day functions of a
// SimulatedWorld, at the instants a live schedule would run them (pipeline/replay.h), and keeps
// the account's day-by-day record. There is no second implementation of the strategy: what it
// decides is what `stratus run` decides on the same data.
//
// A day: the month's contribution (and, on the first session, the starting cash) is deposited
// before the open; open orders are settled as the clock reaches the open; the chain runs at each
// replay instant; at the close, due orders are settled and the account is valued at the
// closes known then (a symbol without a bar that day keeps its last close). After the last
// session, execute runs once more at its close so that the ledger learns the last fills.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "adapters/clock/settable_clock.h"
#include "backtest/fill_model.h"
#include "backtest/holdings_valuation.h"
#include "backtest/performance.h"
#include "backtest/simulated_broker.h"
#include "config/config.h"
#include "ports/event_sink.h"
#include "ports/ledger.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

// The account at one session's close.
struct AccountDay {
  Date session;
  Money cash;
  Money holdings_value;  // Shares at the session's closes.
  Money equity;          // cash + holdings_value.
  Money flow;            // Deposited that day (starting cash, contribution).
};

// What the chain did over the period, counted from its run documents.
struct ChainCounts {
  std::size_t sessions = 0;
  std::size_t runs = 0;
  std::size_t skipped_runs = 0;  // Runs that market-check ended (outside the trading window).
  std::size_t signals = 0;
  std::size_t reserved = 0;       // New reservations (orders sent to the broker).
  std::size_t clipped = 0;        // Reservations cut to fit a cap or budget.
  std::size_t declined = 0;       // Signals a cap, budget or the kill switch stopped entirely.
  std::size_t short_of_cash = 0;  // Signals the buying power cut (clipped) or stopped (declined).
  std::size_t rejected = 0;       // Orders the broker refused (e.g. insufficient buying power).
  std::size_t filtered = 0;       // Symbols an entry filter or tier condition held back.
  std::size_t audit_events = 0;   // Events record appended.
};

// How money arrives in the account.
struct FundingPlan {
  Money starting_cash;         // On the first session.
  Money monthly_contribution;  // On each contribution session of the period (the first
                               // session's month included when its session is in the period).
  int contribution_day = 1;    // 1..28.
};

struct BacktestSettings {
  Date from;
  Date to;
  FundingPlan funding;
  FillModel fill;
};

// Reports progress: `done` of `total` sessions replayed.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

struct BacktestRun {
  std::vector<MarketDay> sessions;
  std::vector<AccountDay> days;            // One per session.
  std::vector<OrderRecord> orders;         // The ledger at the end, by session then id.
  std::vector<BrokerOrder> broker_orders;  // Every order the broker received.
  std::vector<Fill> fills;
  std::map<std::string, Holding, std::less<>> holdings;
  Money cash;
  ChainCounts counts;
};

// The sessions of [from, to] on which money arrives, and how much (first session: the starting
// cash; then each month's contribution session). Exposed for the benchmarks, which fund
// themselves identically.
std::vector<std::pair<Date, Money>> funding_schedule(const std::vector<MarketDay>& sessions,
                                                     const FundingPlan& plan);

// The first session of each month on or after `day` of that month (a month whose sessions all
// come before `day` has none), in order.
std::vector<Date> monthly_sessions(const std::vector<MarketDay>& sessions, int day);

// The money arriving on sessions, in order (funding_schedule's result).
using FundingFlows = std::vector<std::pair<Date, Money>>;

// A simulated account's day, shared by the backtest and its benchmarks. open_account_day: when
// `*next` is `day`'s deposit, deposits it (recorded in `account.flow`) and advances `next`; then
// settles, at the open, what fills there. Returns whether money arrived. close_account_day:
// settles, at the close, what fills there and fills in cash, holdings_value (valued by
// `valuation`) and equity. Both set `clock` to the instant they settle at. Errors: the broker's and
// the data's.
Result<bool> open_account_day(SimulatedBroker& broker, SettableClock& clock, const MarketDay& day,
                              FundingFlows::const_iterator& next, FundingFlows::const_iterator end,
                              AccountDay& account);
Status close_account_day(SimulatedBroker& broker, SettableClock& clock,
                         HoldingsValuation& valuation, const MarketDay& day, AccountDay& account);

// Runs the backtest. InvalidInput when to < from or the period has no session; a run of the chain
// that fails ends the backtest with that run's error (naming its instant).
Result<BacktestRun> run_backtest(const Config& config, const MarketCalendar& calendar,
                                 MarketData& data, EventSink& audit,
                                 const BacktestSettings& settings, const ProgressFn& progress = {});

}  // namespace stratus
