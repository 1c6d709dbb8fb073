// Ledger port: the durable record of orders and the atomic keeper of monthly caps.
// Implementations: SQLite (local), DynamoDB (AWS, later). Both must pass
// tests/ledger/ledger_contract_test.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/caps.h"
#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

// An order's life in the ledger. Allowed transitions:
//   reserved -> submitted | rejected
//   submitted -> partially_filled | filled | rejected | canceled
//   partially_filled -> partially_filled | filled | canceled
// Setting the current state again is allowed (idempotent) and changes only fill details.
enum class OrderState { kReserved, kSubmitted, kPartiallyFilled, kFilled, kRejected, kCanceled };

std::string_view order_state_name(OrderState state);
Result<OrderState> parse_order_state(std::string_view name);
bool is_terminal(OrderState state);
bool is_allowed_transition(OrderState from, OrderState to);

struct OrderRecord {
  std::string client_order_id;
  std::string run_id;  // The run that reserved it.
  std::string symbol;
  std::string month;  // New York month of the session, "2015-08".
  Date session;
  Quantity qty;       // Reserved quantity.
  Money limit_price;  // The reference price the reservation was costed at.
  Money notional;     // qty * price until filled; filled_qty * avg price after.
  OrderState state = OrderState::kReserved;
  std::string broker_order_id;
  Quantity filled_qty;
  std::optional<Money> filled_avg_price;
  std::optional<Timestamp> filled_at;
  Money commission;
  std::string reason;  // Why rejected/canceled, or why clipped.
  Timestamp created_at;
  Timestamp updated_at;
};

struct ReservationRequest {
  std::string client_order_id;
  std::string run_id;
  std::string symbol;
  std::string month;
  Date session;
  Quantity desired;
  Money price;
  CapLimits limits;
  ExceedPolicy policy = ExceedPolicy::kClip;
  Timestamp at;
};

struct ReservationOutcome {
  enum class Kind {
    kReserved,       // A new reservation was written (possibly clipped).
    kAlreadyExists,  // This client_order_id was reserved before; nothing new was written.
    kDenied,         // Nothing fits; nothing was written.
  };
  Kind kind = Kind::kDenied;
  std::optional<OrderRecord> order;  // Set for kReserved and kAlreadyExists.
  CapDecision decision;              // The decision taken (for kReserved and kDenied).
  CapUsage usage_before;             // Usage seen inside the atomic section.
};

// A change of an order's state, as learnt from the broker.
struct OrderUpdate {
  OrderState state = OrderState::kSubmitted;
  std::string broker_order_id;
  Quantity filled_qty;
  std::optional<Money> filled_avg_price;
  std::optional<Timestamp> filled_at;
  Money commission;
  std::string reason;
  Timestamp at;
};

struct OrderFilter {
  std::optional<std::string> symbol;
  std::optional<std::string> month;
  bool open_only = false;  // Only reserved, submitted, partially_filled.
};

class Ledger {
 public:
  virtual ~Ledger() = default;

  // Atomically: if `client_order_id` exists, returns it (kAlreadyExists) without counting it
  // again; otherwise reads the month's usage, decides with decide_reservation, and writes a
  // reservation when qty > 0. Two concurrent callers can never both take the last share.
  virtual Result<ReservationOutcome> reserve(const ReservationRequest& request) = 0;

  // Applies `update` if it is an allowed transition (or a repeat of the current state), records
  // it in the order's history and returns the new record. Conflict for a forbidden transition;
  // NotFound for an unknown id. Moving to rejected/canceled releases the unfilled shares.
  virtual Result<OrderRecord> update(std::string_view client_order_id,
                                     const OrderUpdate& update) = 0;

  virtual Result<std::optional<OrderRecord>> find(std::string_view client_order_id) = 0;

  // Orders matching the filter, by session then client_order_id.
  virtual Result<std::vector<OrderRecord>> orders(const OrderFilter& filter) = 0;

  // The month's usage for `symbol` (and all symbols, for the total budget).
  virtual Result<CapUsage> usage(std::string_view symbol, std::string_view month) = 0;
};

}  // namespace stratus
