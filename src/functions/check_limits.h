// check-limits: does each signal's purchase fit the monthly caps and budgets? Fitting
// purchases are reserved atomically in the ledger under a deterministic client_order_id, so two
// concurrent runs can never both take the last share and a re-run never reserves twice.
#pragma once

#include "config/config.h"
#include "functions/step.h"
#include "ports/ledger.h"

namespace stratus {

class CheckLimits final : public Step {
 public:
  CheckLimits(const Config& config, Ledger& ledger) : config_(config), ledger_(ledger) {}

  std::string_view name() const override { return "check-limits"; }

  // Input: the envelope, "market.session" and "signals" (symbol, price, qty).
  // Output adds "orders" (reserved or already reserved: client_order_id, symbol, qty,
  // requested_qty, price, state, cap {month, limit, used_before, used_after}, note) and
  // "declined" (symbol, requested_qty, reason). With limits.trading_enabled = false every
  // signal is declined and nothing is reserved.
  Result<Json> run(const Json& doc) override;
  Result<Json> run(Json&& doc) override;

 private:
  const Config& config_;
  Ledger& ledger_;
};

}  // namespace stratus
