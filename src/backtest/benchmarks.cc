#include "backtest/benchmarks.h"

#include "adapters/clock/settable_clock.h"
#include "pipeline/replay.h"

namespace stratus {
namespace {

// Spends the broker's buying power in equal parts on the symbols with a close by `completed`,
// in whole shares whose estimated cost (as the broker estimates it) fits each part. Returns
// whether any symbol had a close (false: nothing could be priced yet, try again later).
Result<bool> buy_equal_parts(SimulatedBroker& broker, MarketData& data,
                             const std::vector<std::string>& symbols, Date completed, Date session,
                             const FillModel& fill, std::size_t& sequence) {
  std::vector<std::pair<std::string, Money>> priced;
  for (const std::string& symbol : symbols) {
    STRATUS_ASSIGN_OR_RETURN(const std::vector<DailyBar> last,
                             data.daily_bars(symbol, completed, 1));
    if (!last.empty()) priced.emplace_back(symbol, last.back().close);
  }
  if (priced.empty()) return false;
  const std::int64_t part =
      broker.buying_power().units() / static_cast<std::int64_t>(priced.size());
  for (const auto& [symbol, close] : priced) {
    const Money per_share = close.adjusted_by_bps(fill.slippage_bps) + fill.commission_per_share;
    const std::int64_t budget = part - fill.commission_per_order.units();
    if (budget <= 0 || !per_share.is_positive()) continue;
    const std::int64_t shares = budget / per_share.units();
    if (shares <= 0) continue;
    OrderRequest request;
    request.client_order_id =
        "bench-" + symbol + "-" + format_date(session) + "-" + std::to_string(++sequence);
    request.symbol = symbol;
    request.qty = Quantity(shares);
    auto placed = broker.submit(request);
    // A refusal (e.g. buying power) leaves the money in cash, as it would with a real broker.
    if (!placed.ok() && placed.error().code != ErrorCode::kRejected) return placed.error();
  }
  return true;
}

}  // namespace

std::string_view benchmark_name(Benchmark benchmark) {
  return benchmark == Benchmark::kBuyAndHold ? "buy_and_hold" : "dca";
}

Result<BenchmarkRun> run_benchmark(Benchmark benchmark, const std::vector<std::string>& symbols,
                                   const std::vector<MarketDay>& sessions,
                                   const std::vector<std::pair<Date, Money>>& flows,
                                   const MarketConfig& market, MarketData& data,
                                   const MarketCalendar& calendar, const FillModel& fill) {
  std::vector<std::pair<Date, Money>> deposits = flows;
  if (benchmark == Benchmark::kBuyAndHold && !deposits.empty()) {
    Money total;
    for (const auto& [session, amount] : flows) total += amount;
    deposits = {{sessions.front().date, total}};
  }
  SettableClock clock(sessions.front().open);
  SimulatedBroker broker(data, calendar, clock, fill);
  HoldingsValuation valuation(data);
  BenchmarkRun run;
  auto next = deposits.cbegin();
  std::size_t sequence = 0;
  bool to_invest = false;  // Money arrived that could not be priced yet.
  for (const MarketDay& day : sessions) {
    AccountDay account;
    STRATUS_ASSIGN_OR_RETURN(const bool funded,
                             open_account_day(broker, clock, day, next, deposits.cend(), account));
    if (funded || to_invest) {
      const Timestamp at = replay_instants(market, day).back();
      clock.set(at);
      STRATUS_ASSIGN_OR_RETURN(const MarketDay completed, calendar.last_completed_session(at));
      STRATUS_ASSIGN_OR_RETURN(
          const bool priced,
          buy_equal_parts(broker, data, symbols, completed.date, day.date, fill, sequence));
      to_invest = !priced;
    }
    STRATUS_RETURN_IF_ERROR(close_account_day(broker, clock, valuation, day, account));
    run.days.push_back(account);
  }
  run.fills = broker.fills();
  run.holdings = broker.holdings();
  run.cash = broker.cash();
  return run;
}

}  // namespace stratus
