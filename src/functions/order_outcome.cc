#include "functions/order_outcome.h"

#include <string>

namespace stratus {
namespace {

std::string state_of(const Json& order) {
  if (!order.is_object() || !order.contains("state") || !order["state"].is_string()) return "";
  return order["state"].get<std::string>();
}

}  // namespace

bool order_placed(const Json& order) {
  const std::string state = state_of(order);
  return !order.contains("error") &&
         (state == "submitted" || state == "partially_filled" || state == "filled");
}

bool order_refused(const Json& order) {
  return order.is_object() && (order.contains("error") || state_of(order) == "rejected");
}

bool order_went_wrong(const Json& order) {
  return order_refused(order) || state_of(order) == "canceled";
}

}  // namespace stratus
