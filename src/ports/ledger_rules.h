// The Ledger rules every ledger applies in memory before it writes: what a reservation request
// must hold, how an OrderUpdate turns one record into the next, and what an order counts against
// its month (sqlite_ledger.h states the counting table). SqliteLedger and DynamoLedger both use
// them; the shared contract suite (tests/ledger/ledger_contract_test.cc) checks the behaviour.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/result.h"
#include "ports/ledger.h"

namespace stratus {

// `price * qty`, or nullopt on overflow.
std::optional<Money> times(Money price, Quantity qty);

// InvalidInput (naming the field, value and what was expected) for an empty client_order_id or
// symbol, a desire or price that is not positive, a notional that overflows, a month that is not
// the session's, or a negative share cap.
Status validate_reservation(const ReservationRequest& request);

// The record a reservation writes: state reserved, qty from `decision`, notional qty * price, and
// as its reason why a limit clipped it (cap_decision_reason with the limits and `usage` it was
// decided on).
OrderRecord reserved_order(const ReservationRequest& request, const CapDecision& decision,
                           const CapUsage& usage);

// Shares an order counts against its month: qty, or filled_qty once rejected or canceled.
Quantity counted_shares(const OrderRecord& order);

// `current` after `update`, with its notional recomputed (updated_at left as it was).
// Conflict for a forbidden transition ("cannot move from reserved -> filled", naming the id) or a
// shrinking filled_qty; InvalidInput for a negative filled_qty, a non-positive average price,
// more shares filled than ordered, fills without an average price, or (partially_)filled
// without shares.
Result<OrderRecord> apply_update(const OrderRecord& current, const OrderUpdate& update);

// The details an order event records: the cap usage a reservation saw, and an order's fill
// state after an update. The same shape in every ledger's history.
nlohmann::json usage_event_json(const CapUsage& usage);
nlohmann::json fill_event_json(const OrderRecord& order);

// Whether `a` and `b` agree on everything an update can change (a pure repeat).
bool same_content(const OrderRecord& a, const OrderRecord& b);

}  // namespace stratus
