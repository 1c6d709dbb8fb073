#include "ports/ledger.h"

namespace stratus {

std::string_view order_state_name(OrderState state) {
  switch (state) {
    case OrderState::kReserved:
      return "reserved";
    case OrderState::kSubmitted:
      return "submitted";
    case OrderState::kPartiallyFilled:
      return "partially_filled";
    case OrderState::kFilled:
      return "filled";
    case OrderState::kRejected:
      return "rejected";
    case OrderState::kCanceled:
      return "canceled";
  }
  return "unknown";
}

Result<OrderState> parse_order_state(std::string_view name) {
  for (auto s : {OrderState::kReserved, OrderState::kSubmitted, OrderState::kPartiallyFilled,
                 OrderState::kFilled, OrderState::kRejected, OrderState::kCanceled}) {
    if (order_state_name(s) == name) return s;
  }
  return Error::invalid_input(
      "expected an order state (reserved, submitted, partially_filled, filled, rejected, "
      "canceled), got \"" +
      std::string(name) + "\"");
}

bool is_terminal(OrderState state) {
  return state == OrderState::kFilled || state == OrderState::kRejected ||
         state == OrderState::kCanceled;
}

bool is_allowed_transition(OrderState from, OrderState to) {
  if (from == to) return true;
  switch (from) {
    case OrderState::kReserved:
      return to == OrderState::kSubmitted || to == OrderState::kRejected;
    case OrderState::kSubmitted:
      return to == OrderState::kPartiallyFilled || to == OrderState::kFilled ||
             to == OrderState::kRejected || to == OrderState::kCanceled;
    case OrderState::kPartiallyFilled:
      return to == OrderState::kFilled || to == OrderState::kCanceled;
    default:
      return false;
  }
}

}  // namespace stratus
