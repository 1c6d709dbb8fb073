#include "ports/broker.h"

#include "domain/order_id.h"

namespace stratus {

std::string_view broker_order_status_name(BrokerOrderStatus status) {
  switch (status) {
    case BrokerOrderStatus::kAccepted:
      return "accepted";
    case BrokerOrderStatus::kPartiallyFilled:
      return "partially_filled";
    case BrokerOrderStatus::kFilled:
      return "filled";
    case BrokerOrderStatus::kCanceled:
      return "canceled";
    case BrokerOrderStatus::kRejected:
      return "rejected";
    case BrokerOrderStatus::kExpired:
      return "expired";
  }
  return "unknown";
}

std::string malformed_request_reason(const OrderRequest& request) {
  if (request.client_order_id.empty()) return "client_order_id is empty";
  if (request.client_order_id.size() > kMaxClientOrderIdLength) {
    return "client_order_id is longer than " + std::to_string(kMaxClientOrderIdLength) +
           " characters";
  }
  if (request.symbol.empty()) return "symbol is empty";
  if (request.qty.shares() <= 0) {
    return "qty must be a positive number of shares, got " + request.qty.to_string();
  }
  if (request.type == OrderType::kLimit &&
      (!request.limit_price || !request.limit_price->is_positive())) {
    return "a limit order needs a positive limit_price";
  }
  return "";
}

}  // namespace stratus
