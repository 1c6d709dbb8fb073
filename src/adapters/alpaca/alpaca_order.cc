#include "adapters/alpaca/alpaca_order.h"

#include <algorithm>
#include <array>

namespace stratus {
namespace {

constexpr std::array<std::string_view, 9> kOpenStatuses = {
    "new",     "accepted",  "pending_new",    "accepted_for_bidding", "held",
    "stopped", "suspended", "pending_cancel", "pending_replace"};

}  // namespace

Status validate_alpaca_order_request(const OrderRequest& request) {
  if (request.client_order_id.empty()) return Error::rejected("client_order_id is empty");
  if (request.client_order_id.size() > kAlpacaMaxClientOrderId) {
    return Error::rejected("client_order_id \"" + request.client_order_id + "\" has " +
                           std::to_string(request.client_order_id.size()) +
                           " characters; at most 48 are allowed");
  }
  if (request.symbol.empty()) return Error::rejected("symbol is empty");
  if (request.qty.shares() <= 0) {
    return Error::rejected("qty = " + request.qty.to_string() + ": expected at least 1 share");
  }
  if (request.type == OrderType::kLimit) {
    if (!request.limit_price || !request.limit_price->is_positive()) {
      return Error::rejected("a limit order needs a positive limit_price");
    }
    const Money price = *request.limit_price;
    if (price >= Money::from_dollars(1) && price.units() % 100 != 0) {
      return Error::rejected("limit_price = " + price.to_string() +
                             ": Alpaca accepts whole cents for prices of $1 or more");
    }
  }
  return {};
}

Json alpaca_order_body(const OrderRequest& request) {
  Json body = {{"symbol", request.symbol},
               {"qty", request.qty.to_string()},
               {"side", "buy"},
               {"type", request.type == OrderType::kLimit ? "limit" : "market"},
               {"time_in_force", request.time_in_force == TimeInForce::kGtc ? "gtc" : "day"},
               {"client_order_id", request.client_order_id}};
  if (request.type == OrderType::kLimit) body["limit_price"] = request.limit_price->to_string();
  return body;
}

Result<BrokerOrderStatus> map_alpaca_status(std::string_view status, std::string_view time_in_force,
                                            Quantity qty, Quantity filled_qty) {
  const auto open = [&] {
    return filled_qty.shares() > 0 ? BrokerOrderStatus::kPartiallyFilled
                                   : BrokerOrderStatus::kAccepted;
  };
  const auto done_for_day = [&] {
    return time_in_force == "day" ? BrokerOrderStatus::kExpired : open();
  };
  if (std::find(kOpenStatuses.begin(), kOpenStatuses.end(), status) != kOpenStatuses.end()) {
    return open();
  }
  if (status == "partially_filled") return BrokerOrderStatus::kPartiallyFilled;
  if (status == "filled") return BrokerOrderStatus::kFilled;
  if (status == "done_for_day") return done_for_day();
  if (status == "calculated") {
    return filled_qty >= qty ? BrokerOrderStatus::kFilled : done_for_day();
  }
  if (status == "canceled" || status == "replaced") return BrokerOrderStatus::kCanceled;
  if (status == "expired") return BrokerOrderStatus::kExpired;
  if (status == "rejected") return BrokerOrderStatus::kRejected;
  return Error::invalid_input("field \"status\" = \"" + std::string(status) +
                              "\": expected one of Alpaca's order statuses");
}

Result<BrokerOrder> parse_alpaca_order(const Json& order) {
  if (!order.is_object()) return Error::invalid_input("the order is not a JSON object");
  BrokerOrder out;
  STRATUS_ASSIGN_OR_RETURN(out.broker_order_id, string_field(order, "id"));
  STRATUS_ASSIGN_OR_RETURN(out.client_order_id, string_field(order, "client_order_id"));
  STRATUS_ASSIGN_OR_RETURN(out.symbol, string_field(order, "symbol"));
  if (out.broker_order_id.empty()) return Error::invalid_input("field \"id\" is empty");
  STRATUS_ASSIGN_OR_RETURN(const auto qty_text, optional_string_field(order, "qty"));
  if (!qty_text) {
    return Error::invalid_input(
        "field \"qty\" is null: expected whole shares (Stratus never places notional orders)");
  }
  STRATUS_ASSIGN_OR_RETURN(out.qty, whole_shares_field(order, "qty"));
  STRATUS_ASSIGN_OR_RETURN(out.filled_qty, whole_shares_field(order, "filled_qty"));
  STRATUS_ASSIGN_OR_RETURN(out.filled_avg_price, optional_money_field(order, "filled_avg_price"));
  if (out.filled_qty.shares() > 0 && !out.filled_avg_price) {
    return Error::invalid_input("field \"filled_avg_price\" is null although filled_qty = " +
                                out.filled_qty.to_string());
  }
  if (out.filled_qty > out.qty) {
    return Error::invalid_input("field \"filled_qty\" = " + out.filled_qty.to_string() +
                                " is more than qty = " + out.qty.to_string());
  }
  STRATUS_ASSIGN_OR_RETURN(const std::string status, string_field(order, "status"));
  STRATUS_ASSIGN_OR_RETURN(const std::string time_in_force, string_field(order, "time_in_force"));
  STRATUS_ASSIGN_OR_RETURN(out.status,
                           map_alpaca_status(status, time_in_force, out.qty, out.filled_qty));

  STRATUS_ASSIGN_OR_RETURN(const Timestamp created_at, time_field(order, "created_at"));
  STRATUS_ASSIGN_OR_RETURN(const auto submitted_at, optional_time_field(order, "submitted_at"));
  out.submitted_at = submitted_at ? *submitted_at : created_at;
  STRATUS_ASSIGN_OR_RETURN(out.filled_at, optional_time_field(order, "filled_at"));
  STRATUS_ASSIGN_OR_RETURN(const auto updated_at, optional_time_field(order, "updated_at"));
  if (!out.filled_at && out.filled_qty.shares() > 0) out.filled_at = updated_at;

  switch (out.status) {
    case BrokerOrderStatus::kCanceled:
    case BrokerOrderStatus::kExpired:
    case BrokerOrderStatus::kRejected: {
      out.reason = "Alpaca order status \"" + status + "\"";
      STRATUS_ASSIGN_OR_RETURN(const auto replaced_by, optional_string_field(order, "replaced_by"));
      if (replaced_by) out.reason += " (replaced by order " + *replaced_by + ")";
      break;
    }
    default:
      break;
  }
  return out;
}

}  // namespace stratus
