// SimulatedWorld: the five trading-day functions (market-check, evaluate, check-limits, execute,
// record), built as `stratus run` builds them from the same Config, over simulated adapters: a
// settable clock, the market data given, an in-memory ledger, a SimulatedBroker (the account) and
// the audit sink given. Remote sinks are never attached: a backtest sends nothing anywhere.
#pragma once

#include <array>
#include <memory>
#include <string_view>

#include "adapters/clock/settable_clock.h"
#include "adapters/memory/memory_ledger.h"
#include "backtest/simulated_broker.h"
#include "config/config.h"
#include "pipeline/local_runner.h"
#include "ports/event_sink.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

class SimulatedWorld final : public StepProvider {
 public:
  // REQUIRES: config, calendar, data and audit outlive the world.
  SimulatedWorld(const Config& config, const MarketCalendar& calendar, MarketData& data,
                 EventSink& audit, FillModel fill, Timestamp start);
  ~SimulatedWorld() override;

  // The chain step called `name`; InvalidInput for an unknown name.
  Result<Step*> step(std::string_view name) override;

  SettableClock& clock() { return clock_; }
  SimulatedBroker& broker() { return broker_; }
  MemoryLedger& ledger() { return ledger_; }

 private:
  const Config& config_;
  const MarketCalendar& calendar_;
  MarketData& data_;
  EventSink& audit_;
  SettableClock clock_;
  MemoryLedger ledger_;
  SimulatedBroker broker_;
  std::array<std::unique_ptr<Step>, 5> steps_;
};

}  // namespace stratus
