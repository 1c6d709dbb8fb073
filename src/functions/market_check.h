// market-check: is the exchange open at the run's time, and is the run inside the trading
// window (the last N minutes before the session's close)? If not, the chain ends here with a
// recorded "skipped: <reason>".
#pragma once

#include "config/config.h"
#include "functions/step.h"
#include "ports/market_calendar.h"

namespace stratus {

class MarketCheck final : public Step {
 public:
  MarketCheck(const MarketConfig& config, const MarketCalendar& calendar)
      : config_(config), calendar_(calendar) {}

  std::string_view name() const override { return "market-check"; }

  // Input: the envelope (version, run.id, run.profile, run.at).
  // Output adds "market": {calendar, holidays_checked, date, is_session, open, close,
  // early_close, window_start, in_window, status} and, when the run may not trade, "skipped".
  // InvalidInput when run.at is outside the calendar's range.
  Result<Json> run(const Json& doc) override;

 private:
  const MarketConfig& config_;
  const MarketCalendar& calendar_;
};

}  // namespace stratus
