// execute: sends each reserved order to the broker exactly once and records every state change
// in the ledger. Looks an order up by its client_order_id before (re)submitting, so a retry, a
// re-run or a crash between "reserved" and "submitted" can never place it twice. Also brings
// earlier open orders up to date (fills of yesterday's orders).
#pragma once

#include "config/config.h"
#include "functions/step.h"
#include "ports/broker.h"
#include "ports/clock.h"
#include "ports/ledger.h"

namespace stratus {

// How execute sends an order. A limit order's price is the reservation's reference price
// raised by limit_offset_bps, rounded down to a whole cent at $1.00 and above (US equities
// trade in pennies there; below $1.00, to 1/10,000), so a buy never pays more than that.
struct OrderStyle {
  OrderType type = OrderType::kMarket;
  int limit_offset_bps = 0;
  TimeInForce time_in_force = TimeInForce::kDay;
};

// How a profile sends orders: the [alpaca] order settings with broker.kind = "alpaca", else
// market day orders (the paper broker's).
OrderStyle order_style_of(const Config& config);

// The limit price of a buy at `reference` raised by `offset_bps`, as OrderStyle describes.
Money buy_limit_price(Money reference, int offset_bps);

class Execute final : public Step {
 public:
  // How many times one run sends an order whose outcome stayed ambiguous.
  static constexpr int kMaxPlacementRounds = 3;

  Execute(Ledger& ledger, Broker& broker, const Clock& clock, OrderStyle style = {})
      : ledger_(ledger), broker_(broker), clock_(clock), style_(style) {}

  std::string_view name() const override { return "execute"; }

  // Input: the envelope and "orders" (client_order_id of reservations in the ledger).
  // Output: each order gains its new "state", "broker_order_id", "fill" when (partly) filled,
  // "reason" when rejected or canceled, and "error" (code, message) when the broker could not
  // be reached, or stayed ambiguous through kMaxPlacementRounds lookups and resubmissions —
  // the order then stays as it is in the ledger and is reconciled by the next run.
  // Adds "reconciled": earlier open orders whose state changed in this run.
  // Errors: only ledger failures (the ledger is the source of truth).
  Result<Json> run(const Json& doc) override;
  Result<Json> run(Json&& doc) override;
  // Reads neither "signals" nor "passed": verdicts held as values stay aside (run_document.h).
  Status run_in_chain(RunDocument& doc) override;

 private:
  // Drives one ledger order forward as far as the broker allows; returns what happened. A
  // reservation from before `session` that the broker never received is not submitted late.
  Result<Json> advance(const OrderRecord& order, Date session);
  // Submits a reservation the broker does not know. After an Ambiguous answer (or a Conflict)
  // it reconciles at once: looks the client_order_id up, adopts the order if the broker has it,
  // and resubmits under the same id if not, at most kMaxPlacementRounds times. Errors:
  // Rejected/InvalidInput (refused: release), Unavailable or Ambiguous (unknown: keep reserved).
  Result<BrokerOrder> place(const OrderRecord& order);
  // Applies the broker's view of an order to the ledger, starting from the ledger's current
  // state (another run may have moved it since `snapshot` was read).
  Result<OrderRecord> apply(const OrderRecord& snapshot, const BrokerOrder& seen);

  Ledger& ledger_;
  Broker& broker_;
  const Clock& clock_;
  OrderStyle style_;
};

}  // namespace stratus
