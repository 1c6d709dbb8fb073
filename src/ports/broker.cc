#include "ports/broker.h"

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

}  // namespace stratus
