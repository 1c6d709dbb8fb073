// check-limits: does each signal's purchase fit the monthly caps and budgets, and what the
// account can spend? Fitting purchases are reserved atomically in the ledger under a
// deterministic client_order_id, so two concurrent runs can never both take the last share and a
// re-run never reserves twice.
#pragma once

#include "config/config.h"
#include "functions/run_document.h"
#include "ports/broker.h"
#include "ports/ledger.h"

namespace stratus {

class CheckLimits final : public DocumentStep {
 public:
  // REQUIRES: every reference outlives the step. The broker is asked only for its buying power.
  CheckLimits(const Config& config, Ledger& ledger, Broker& broker)
      : config_(config), ledger_(ledger), broker_(broker) {}

  std::string_view name() const override { return "check-limits"; }

  // Input: the envelope, "market.session" and "signals" (symbol, price, qty).
  // Output adds "orders" (reserved or already reserved: client_order_id, symbol, qty,
  // requested_qty, price, state, cap {month, limit, used_before, used_after}, note, and bound_by
  // when a limit clipped it) and "declined" (symbol, requested_qty, reason, bound_by: the limit
  // that left no room, or "trading_disabled"). With limits.trading_enabled = false every signal
  // is declined and nothing is reserved.
  //
  // Buying power: with limits.check_buying_power and at least one signal, the broker's
  // available_buying_power() is read once, and "buying_power" {broker, available} is added
  // (available null when the broker does not limit spending or could not say; then "error"
  // {code, message} says why, and the run goes on without the check: the broker still refuses
  // what it cannot cover). Signals are taken in order; each is held within what is left after
  // the purchases reserved before it in this run (qty x price), clipped or declined as
  // limits.on_exceed says.
  // Takes the signals from the verdicts when they are held as values, and holds the declined
  // purchases as values (run_document.h).
  Status run_in_chain(RunDocument& doc) override;

 private:
  const Config& config_;
  Ledger& ledger_;
  Broker& broker_;
};

}  // namespace stratus
