// evaluate: for each watched symbol, how far the last completed close is below its N-session
// high, and which quantity tier that drop reaches. Uses only sessions that closed at or before
// the run's time: never a bar from the future.
#pragma once

#include "config/config.h"
#include "functions/step.h"
#include "ports/clock.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

class Evaluate final : public Step {
 public:
  Evaluate(const Config& config, const MarketCalendar& calendar, MarketData& data,
           const Clock& clock)
      : config_(config), calendar_(calendar), data_(data), clock_(clock) {}

  std::string_view name() const override { return "evaluate"; }

  // Input: the envelope. run.at must not be later than the clock (that would be look-ahead).
  // Output adds "evaluation" {as_of_session, window_sessions, high_basis}, "signals" (symbols
  // whose drop reaches a tier: price, high_52w, drop_pct, tier, qty) and "passed" (every other
  // watched symbol with a code and a reason: below_first_tier, no_data, stale_data,
  // insufficient_history, data_error). One symbol's data problem never stops the others.
  Result<Json> run(const Json& doc) override;

 private:
  Json evaluate_symbol(const std::string& symbol, const MarketDay& as_of, bool& is_signal);

  const Config& config_;
  const MarketCalendar& calendar_;
  MarketData& data_;
  const Clock& clock_;
};

}  // namespace stratus
