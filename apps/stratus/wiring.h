// Wiring: the composition root. Builds the adapters the configuration names, lazily, so a
// command or a single step touches only what it needs (invoke market-check opens no database).
#pragma once

#include <memory>
#include <string_view>

#include "adapters/sqlite/database.h"
#include "config/config.h"
#include "functions/step.h"
#include "pipeline/local_runner.h"
#include "ports/broker.h"
#include "ports/clock.h"
#include "ports/event_sink.h"
#include "ports/ledger.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

class Wiring final : public StepProvider {
 public:
  // REQUIRES: config and clock outlive this object.
  Wiring(const Config& config, const Clock& clock);
  ~Wiring() override;

  // The step called `name`, with its adapters. InvalidInput for an unknown name.
  Result<Step*> step(std::string_view name) override;

  Result<const MarketCalendar*> calendar();
  Result<MarketData*> market_data();
  Result<Ledger*> ledger();
  Result<Broker*> broker();
  Result<EventSink*> audit();

 private:
  Result<Database*> database();

  const Config& config_;
  const Clock& clock_;
  std::unique_ptr<MarketCalendar> calendar_;
  std::unique_ptr<MarketData> market_data_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<Broker> broker_;
  std::unique_ptr<EventSink> audit_;
  std::unique_ptr<Step> steps_[5];
};

}  // namespace stratus
