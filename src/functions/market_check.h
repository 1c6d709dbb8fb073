// market-check: is the exchange open at the run's time, and is the run inside the trading
// window (the last N minutes before the session's close)? If not, the chain ends here with a
// recorded "skipped: <reason>".
#pragma once

#include "config/config.h"
#include "functions/step.h"
#include "ports/calendar_witness.h"
#include "ports/market_calendar.h"

namespace stratus {

class MarketCheck final : public Step {
 public:
  // `witness`, when given, is asked about the session before a run may trade (see run()).
  MarketCheck(const MarketConfig& config, const MarketCalendar& calendar,
              CalendarWitness* witness = nullptr)
      : config_(config), calendar_(calendar), witness_(witness) {}

  std::string_view name() const override { return "market-check"; }

  // Input: the envelope (version, run.id, run.profile, run.at).
  // Output adds "market": {calendar, holidays_checked, date, is_session, open, close,
  // early_close, window_start, in_window, status} and, when the run may not trade, "skipped".
  // InvalidInput when run.at is outside the calendar's range.
  // With a witness, a run inside the window also gets "market.cross_check" {source, status:
  // "agrees" | "unavailable", error?}: the run trades on the exchange calendar when the witness
  // is unreachable (Unavailable), fails with the witness's error for any other failure (keys
  // refused, bad endpoint), and fails with Conflict (nothing traded; the failure is recorded)
  // when it disagrees on whether this is a session or on its open or close.
  Result<Json> run(const Json& doc) override;

 private:
  // Compares the witness's view of `day` with the calendar's; records the outcome in `market`.
  Status cross_check(const MarketDay& day, Json& market);

  const MarketConfig& config_;
  const MarketCalendar& calendar_;
  CalendarWitness* witness_;
};

}  // namespace stratus
