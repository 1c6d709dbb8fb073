// HoldingsValuation: what an account's holdings are worth at the closes known on a day. A backtest
// values every holding at every close; each symbol is read through a CloseReader made the first
// time it is valued and kept, so that no name is looked up again from day to day.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "backtest/simulated_broker.h"
#include "domain/money.h"
#include "domain/result.h"
#include "domain/time.h"
#include "ports/market_data.h"

namespace stratus {

class HoldingsValuation {
 public:
  // REQUIRES: `data` outlives this object.
  explicit HoldingsValuation(MarketData& data) : data_(data) {}

  // The sum over `holdings` of shares x the symbol's latest close on or before `session`.
  // Errors: Internal naming the symbol when a holding has no close by then (it was bought on a
  // price the data does not have); otherwise the data's.
  Result<Money> value(const std::map<std::string, Holding, std::less<>>& holdings, Date session);

 private:
  MarketData& data_;
  // One reader per symbol valued so far, ascending by symbol (as a holdings map iterates).
  std::vector<std::pair<std::string, std::unique_ptr<CloseReader>>> readers_;
};

}  // namespace stratus
