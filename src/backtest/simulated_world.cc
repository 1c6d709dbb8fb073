#include "backtest/simulated_world.h"

#include "functions/check_limits.h"
#include "functions/evaluate.h"
#include "functions/execute.h"
#include "functions/market_check.h"
#include "functions/record.h"
#include "pipeline/chain.h"

namespace stratus {

SimulatedWorld::SimulatedWorld(const Config& config, const MarketCalendar& calendar,
                               MarketData& data, EventSink& audit, FillModel fill, Timestamp start)
    : config_(config),
      calendar_(calendar),
      data_(data),
      audit_(audit),
      clock_(start),
      broker_(data, calendar, clock_, fill) {}

SimulatedWorld::~SimulatedWorld() = default;

Result<Step*> SimulatedWorld::step(std::string_view name) {
  std::size_t index = 0;
  while (index < kTradingDayChain.size() && kTradingDayChain[index].name != name) ++index;
  if (index == kTradingDayChain.size()) {
    return Error::invalid_input("unknown step \"" + std::string(name) + "\"");
  }
  std::unique_ptr<Step>& slot = steps_[index];
  if (slot) return slot.get();
  if (name == "market-check") {
    slot = std::make_unique<MarketCheck>(config_.market, calendar_, nullptr);
  } else if (name == "evaluate") {
    slot = std::make_unique<Evaluate>(config_, calendar_, data_, clock_);
  } else if (name == "check-limits") {
    slot = std::make_unique<CheckLimits>(config_, ledger_, broker_);
  } else if (name == "execute") {
    slot = std::make_unique<Execute>(ledger_, broker_, clock_, order_style_of(config_));
  } else {
    RecordOptions options{.alert_on = config_.alerts.on};
    slot = std::make_unique<Record>(audit_, clock_, std::move(options));
  }
  return slot.get();
}

}  // namespace stratus
