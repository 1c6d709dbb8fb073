// The Ledger rules shared by every ledger (see ledger_rules.h).
#include "ports/ledger_rules.h"

#include <string>
#include <utility>

namespace stratus {
namespace {

// The dollars `order` counts against its month (the table in sqlite_ledger.h).
Result<Money> counted_notional(const OrderRecord& order) {
  const Money avg = order.filled_avg_price.value_or(Money());
  auto filled = times(avg, order.filled_qty);
  auto open = times(order.limit_price, order.qty - order.filled_qty);
  if (!filled || !open) {
    return Error::invalid_input("notional of order " + order.client_order_id + " overflows (qty " +
                                order.qty.to_string() + ")");
  }
  switch (order.state) {
    case OrderState::kReserved:
    case OrderState::kSubmitted:
      return *times(order.limit_price, order.qty);  // Cannot overflow: checked at reservation.
    case OrderState::kPartiallyFilled:
      return *filled + *open;
    case OrderState::kFilled:
    case OrderState::kRejected:
    case OrderState::kCanceled:
      return *filled;
  }
  return *filled;
}

}  // namespace

std::optional<Money> times(Money price, Quantity qty) {
  std::int64_t units = 0;
  if (__builtin_mul_overflow(price.units(), qty.shares(), &units)) return std::nullopt;
  return Money::from_units(units);
}

Status validate_reservation(const ReservationRequest& r) {
  auto bad = [&](std::string message) {
    return Error::invalid_input(std::move(message), "reservation " + r.client_order_id);
  };
  if (r.client_order_id.empty()) return bad("client_order_id is empty");
  if (r.symbol.empty()) return bad("symbol is empty");
  if (r.desired.shares() <= 0) {
    return bad("desired quantity must be positive, got " + r.desired.to_string());
  }
  if (!r.price.is_positive()) return bad("price must be positive, got " + r.price.to_string());
  if (!times(r.price, r.desired)) {
    return bad("notional of " + r.desired.to_string() + " shares at " + r.price.to_string() +
               " overflows");
  }
  if (!is_month_of(r.month, r.session)) {
    return bad("month must be the month of session " + format_date(r.session) + " (" +
               format_month(r.session) + "), got \"" + r.month + "\"");
  }
  if (r.limits.monthly_shares.shares() < 0) {
    return bad("monthly share cap must not be negative, got " +
               r.limits.monthly_shares.to_string());
  }
  return {};
}

OrderRecord reserved_order(const ReservationRequest& request, const CapDecision& decision,
                           const CapUsage& usage) {
  OrderRecord order;
  order.client_order_id = request.client_order_id;
  order.run_id = request.run_id;
  order.symbol = request.symbol;
  order.month = request.month;
  order.session = request.session;
  order.qty = decision.qty;
  order.limit_price = request.price;
  order.notional = request.price * decision.qty.shares();
  order.state = OrderState::kReserved;
  order.reason = cap_decision_reason(decision, request.limits, usage);
  order.created_at = request.at;
  order.updated_at = request.at;
  return order;
}

Quantity counted_shares(const OrderRecord& order) {
  return order.state == OrderState::kRejected || order.state == OrderState::kCanceled
             ? order.filled_qty
             : order.qty;
}

Result<OrderRecord> apply_update(const OrderRecord& current, const OrderUpdate& update) {
  // The errors' context, built only for an error.
  const auto context = [&current] { return "order " + current.client_order_id; };
  if (update.filled_qty.shares() < 0) {
    return Error::invalid_input(
        "filled_qty must not be negative, got " + update.filled_qty.to_string(), context());
  }
  if (update.filled_avg_price && !update.filled_avg_price->is_positive()) {
    return Error::invalid_input(
        "filled_avg_price must be positive, got " + update.filled_avg_price->to_string(),
        context());
  }
  if (!is_allowed_transition(current.state, update.state)) {
    return Error::conflict("order \"" + current.client_order_id + "\" cannot move from " +
                           std::string(order_state_name(current.state)) + " -> " +
                           std::string(order_state_name(update.state)));
  }
  if (update.filled_qty < current.filled_qty) {
    return Error::conflict("filled_qty of order \"" + current.client_order_id +
                           "\" cannot shrink from " + current.filled_qty.to_string() + " to " +
                           update.filled_qty.to_string() + " (stale update?)");
  }

  OrderRecord next = current;
  next.state = update.state;
  if (!update.broker_order_id.empty()) next.broker_order_id = update.broker_order_id;
  next.filled_qty = update.filled_qty;
  if (update.filled_avg_price) next.filled_avg_price = update.filled_avg_price;
  if (update.filled_at) next.filled_at = update.filled_at;
  if (update.commission != Money()) next.commission = update.commission;
  if (!update.reason.empty()) next.reason = update.reason;

  if (next.filled_qty > next.qty) {
    return Error::invalid_input("filled_qty " + next.filled_qty.to_string() +
                                    " exceeds the order's qty " + next.qty.to_string(),
                                context());
  }
  if (!next.filled_qty.is_zero() && !next.filled_avg_price) {
    return Error::invalid_input(
        "a fill of " + next.filled_qty.to_string() + " share(s) needs filled_avg_price", context());
  }
  if ((next.state == OrderState::kFilled || next.state == OrderState::kPartiallyFilled) &&
      next.filled_qty.is_zero()) {
    return Error::invalid_input(std::string(order_state_name(next.state)) + " needs filled_qty > 0",
                                context());
  }
  STRATUS_ASSIGN_OR_RETURN(next.notional, counted_notional(next));
  return next;
}

bool same_content(const OrderRecord& a, const OrderRecord& b) {
  return a.state == b.state && a.broker_order_id == b.broker_order_id &&
         a.filled_qty == b.filled_qty && a.filled_avg_price == b.filled_avg_price &&
         a.filled_at == b.filled_at && a.commission == b.commission && a.reason == b.reason &&
         a.notional == b.notional;
}

nlohmann::json usage_event_json(const CapUsage& usage) {
  return {{"shares_used", usage.shares_used.shares()},
          {"symbol_spent", usage.symbol_spent.to_string()},
          {"total_spent", usage.total_spent.to_string()}};
}

nlohmann::json fill_event_json(const OrderRecord& order) {
  return {{"broker_order_id", order.broker_order_id},
          {"filled_qty", order.filled_qty.shares()},
          {"filled_avg_price", order.filled_avg_price
                                   ? nlohmann::json(order.filled_avg_price->to_string())
                                   : nlohmann::json()},
          {"filled_at", order.filled_at ? nlohmann::json(format_utc_timestamp(*order.filled_at))
                                        : nlohmann::json()},
          {"commission", order.commission.to_string()},
          {"notional", order.notional.to_string()},
          {"reason", order.reason}};
}

}  // namespace stratus
