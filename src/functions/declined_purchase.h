// DeclinedPurchase: a signal check-limits declined, as a value. Inside one process the chain
// hands these on as they are (run_document.h); the entry of "declined" is made from one only
// when the whole document is asked for, and is then exactly the entry check-limits documents
// (functions/check_limits.h).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/caps.h"
#include "domain/quantity.h"

namespace stratus {

struct DeclinedPurchase {
  std::string symbol;
  Quantity requested;
  // limits.trading_enabled = false: declined before any limit was consulted.
  bool trading_disabled = false;
  // Otherwise the ledger's decision (decision.binding: the limit that left no room) and what it
  // was decided on: the limits, and the month's usage before it. The entry's reason
  // (cap_decision_reason) and cap {limit, month, used_before, used_after = used_before} are made
  // from them.
  std::string month;
  CapLimits limits;
  CapUsage usage;
  CapDecision decision;

  // "trading_disabled", or the binding limit's name (binding_limit_name).
  std::string_view bound_by() const;
  // The entry of "declined", members in key order.
  nlohmann::json to_json() const;
};

}  // namespace stratus
