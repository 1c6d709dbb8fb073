// Broker port: where orders go. Implementations: the paper broker (sim), Alpaca (later).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

enum class OrderType { kMarket, kLimit };
enum class TimeInForce { kDay, kGtc };

struct OrderRequest {
  std::string client_order_id;  // Deterministic; at most 48 characters. The idempotency key.
  std::string symbol;
  Quantity qty;
  OrderType type = OrderType::kMarket;
  std::optional<Money> limit_price;  // Required for kLimit.
  TimeInForce time_in_force = TimeInForce::kDay;
};

enum class BrokerOrderStatus {
  kAccepted,
  kPartiallyFilled,
  kFilled,
  kCanceled,
  kRejected,
  kExpired
};

std::string_view broker_order_status_name(BrokerOrderStatus status);

struct BrokerOrder {
  std::string broker_order_id;
  std::string client_order_id;
  std::string symbol;
  Quantity qty;
  Quantity filled_qty;
  std::optional<Money> filled_avg_price;
  Money commission;
  BrokerOrderStatus status = BrokerOrderStatus::kAccepted;
  Timestamp submitted_at;
  std::optional<Timestamp> filled_at;
  std::string reason;  // Why it was rejected, canceled or expired; empty otherwise.
};

// Why a broker must refuse `request` before looking at anything else: an empty or over-long
// client_order_id (domain/order_id.h), an empty symbol, a quantity that is not positive, or a limit
// order without a positive limit price. Empty when the request is well formed.
std::string malformed_request_reason(const OrderRequest& request);

class Broker {
 public:
  virtual ~Broker() = default;

  virtual std::string_view name() const = 0;

  // Submits a buy order. Errors: Conflict when the client_order_id was already used (the order
  // exists: look it up), Rejected when the broker refuses it, Ambiguous when it may or may not
  // have been placed, Unavailable when it certainly was not.
  virtual Result<BrokerOrder> submit(const OrderRequest& request) = 0;

  // The broker's current view of the order with this client_order_id, or nullopt if the broker
  // has no such order.
  virtual Result<std::optional<BrokerOrder>> find_by_client_order_id(
      std::string_view client_order_id) = 0;

  // What the account can spend on new buy orders now: its cash (or, at Alpaca, its buying power)
  // less what open orders hold. nullopt when this broker does not limit spending. The answer is
  // a snapshot for a pre-trade check: the broker still refuses an order it cannot cover. Errors:
  // as find_by_client_order_id's.
  virtual Result<std::optional<Money>> available_buying_power() = 0;
};

}  // namespace stratus
