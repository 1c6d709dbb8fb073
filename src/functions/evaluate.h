// evaluate: for each watched symbol, how far the price is below its N-session high, and which
// quantity tier that drop reaches. The price is the last completed close, or (evaluate.price =
// "latest_trade") the data source's latest trade when it falls between that close and the run's
// time. Uses only sessions that closed at or before the run's time: never a bar or a trade from
// the future.
#pragma once

#include <memory>
#include <vector>

#include "config/config.h"
#include "functions/entry_rules.h"
#include "functions/run_document.h"
#include "functions/symbol_verdict.h"
#include "ports/clock.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

class Evaluate final : public DocumentStep {
 public:
  Evaluate(const Config& config, const MarketCalendar& calendar, MarketData& data,
           const Clock& clock)
      : config_(config), calendar_(calendar), data_(data), clock_(clock), rules_(config.evaluate) {}

  std::string_view name() const override { return "evaluate"; }

  // Input: the envelope. run.at must not be later than the clock (that would be look-ahead).
  // Output adds "evaluation" {as_of_session, window_sessions, high_basis, price}, "signals"
  // (symbols whose drop reaches a tier: price, high_52w, drop_pct, tier, qty; with
  // price = "latest_trade" also price_source and price_at or price_note) and "passed" (every other
  // watched symbol with a code and a reason: below_first_tier, no_data, stale_data,
  // insufficient_history, data_error, filter_not_met, tier_conditions_not_met). One symbol's
  // data problem never stops the others.
  // With an entry filter or tier conditions (evaluate.filter, tiers[].when), every symbol with
  // enough data also reports "indicators" (each indicator and field the rules read, by canonical
  // text, with its value at the last completed session; null while warming up), "filter"
  // {rule, result: "true" | "false" | "unknown"} and, when a reached tier's condition decided
  // the quantity, "tier_conditions" [{tier_drop_pct, when, result}]. Only "true" buys: a rule
  // whose indicators are still warming up is "unknown" and does not buy.
  // Holds the verdicts as values (run_document.h); "evaluation" is written into the fields.
  Status run_in_chain(RunDocument& doc) override;

 private:
  // Fills `verdict` (as default-constructed) with what `symbol`'s data says on `as_of`; its
  // drawdown comes from `drawdown` (the symbol's reader).
  void evaluate_symbol(const std::string& symbol, DrawdownReader& drawdown, const MarketDay& as_of,
                       Timestamp at, SymbolVerdict& verdict);
  // Replaces the close in `reading` by the latest trade when that trade is newer than the last
  // close and not later than `at` (raising the high if the trade is above it); writes
  // price_source, and price_at or a price_note saying why the close was kept, into `facts`.
  void use_latest_trade(const std::string& symbol, const MarketDay& as_of, Timestamp at,
                        DrawdownReading& reading, Json& facts);
  // The drawdown reader of each watched symbol for the configuration as it is now, in watchlist
  // order: the ones made before unless the watchlist, window or basis has changed since.
  const std::vector<std::unique_ptr<DrawdownReader>>& drawdown_readers();

  const Config& config_;
  const MarketCalendar& calendar_;
  MarketData& data_;
  const Clock& clock_;
  EntryRules rules_;
  std::vector<DailyBar> bars_;  // One symbol's indicator history, reused from symbol to symbol.
  // The drawdown readers drawdown_readers() made last, and what they were made for.
  struct DrawdownReaders {
    std::vector<std::string> watchlist;
    std::size_t window = 0;
    HighBasis basis = HighBasis::kClose;
    std::vector<std::unique_ptr<DrawdownReader>> readers;
  };
  DrawdownReaders drawdown_readers_;
};

}  // namespace stratus
