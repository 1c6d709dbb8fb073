#include "backtest/backtest_outcome.h"

namespace stratus {

Result<BacktestSettings> backtest_settings(const Config& config, Date from, Date to) {
  const BacktestConfig& b = config.backtest;
  BacktestSettings settings;
  settings.from = from;
  settings.to = to;
  settings.funding = FundingPlan{.starting_cash = b.starting_cash,
                                 .monthly_contribution = b.monthly_contribution,
                                 .contribution_day = b.contribution_day};
  STRATUS_ASSIGN_OR_RETURN(settings.fill.point, parse_fill_point(b.fill));
  settings.fill.slippage_bps = b.slippage_bps;
  settings.fill.commission_per_order = b.commission_per_order;
  settings.fill.commission_per_share = b.commission_per_share;
  return settings;
}

Result<BacktestOutcome> backtest_with_benchmarks(const Config& config,
                                                 const MarketCalendar& calendar, MarketData& data,
                                                 EventSink& audit, const BacktestSettings& settings,
                                                 DataDescription description,
                                                 const ProgressFn& progress) {
  BacktestOutcome out;
  out.settings = settings;
  out.risk_free_rate = static_cast<double>(config.backtest.risk_free_rate.units()) /
                       static_cast<double>(Percent::kUnitsPerPercent * 100);
  out.data = std::move(description);
  STRATUS_ASSIGN_OR_RETURN(out.strategy,
                           run_backtest(config, calendar, data, audit, settings, progress));
  const auto flows = funding_schedule(out.strategy.sessions, settings.funding);
  STRATUS_ASSIGN_OR_RETURN(out.dca, run_benchmark(Benchmark::kDollarCostAveraging, config.watchlist,
                                                  out.strategy.sessions, flows, config.market, data,
                                                  calendar, settings.fill));
  STRATUS_ASSIGN_OR_RETURN(
      out.buy_and_hold,
      run_benchmark(Benchmark::kBuyAndHold, config.watchlist, out.strategy.sessions, flows,
                    config.market, data, calendar, settings.fill));
  STRATUS_ASSIGN_OR_RETURN(out.warnings,
                           suspicious_moves(data, config.watchlist, settings.from, settings.to));
  out.strategy_measures =
      measure_account(out.strategy.days, out.strategy.fills, out.risk_free_rate);
  out.dca_measures = measure_account(out.dca.days, out.dca.fills, out.risk_free_rate);
  out.buy_and_hold_measures =
      measure_account(out.buy_and_hold.days, out.buy_and_hold.fills, out.risk_free_rate);
  return out;
}

}  // namespace stratus
