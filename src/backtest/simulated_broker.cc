// SimulatedBroker: see simulated_broker.h for the account, buying-power and fill rules.
#include "backtest/simulated_broker.h"

#include <algorithm>
#include <cassert>

namespace stratus {
namespace {

Error rejected(std::string message, const OrderRequest& request) {
  return Error::rejected(std::move(message), "simulated order " + request.client_order_id);
}

}  // namespace

SimulatedBroker::SimulatedBroker(MarketData& data, const MarketCalendar& calendar,
                                 const Clock& clock, FillModel model)
    : data_(data), calendar_(calendar), clock_(clock), model_(model) {
  assert(model_.slippage_bps >= 0);
  assert(model_.commission_per_order >= Money() && model_.commission_per_share >= Money());
}

void SimulatedBroker::deposit(Money amount) {
  assert(amount.is_positive());
  cash_ += amount;
}

Result<BrokerOrder> SimulatedBroker::submit(const OrderRequest& request) {
  if (const std::string why = malformed_request_reason(request); !why.empty()) {
    return rejected(why, request);
  }
  if (by_client_id_.count(request.client_order_id) > 0) {
    return Error::conflict("client_order_id must be unique: \"" + request.client_order_id +
                               "\" was already submitted; look up the existing order",
                           "simulated order " + request.client_order_id);
  }

  const Timestamp now = clock_.now();
  // Orders already decided by now no longer hold buying power.
  STRATUS_RETURN_IF_ERROR(settle(now));
  STRATUS_ASSIGN_OR_RETURN(const MarketDay completed, calendar_.last_completed_session(now));
  const Status last = data_.daily_bars_into(request.symbol, completed.date, 1, bar_);
  if (!last.ok()) {
    if (last.error().code == ErrorCode::kNotFound) {
      return rejected("unknown symbol \"" + request.symbol + "\"", request);
    }
    return last.error();
  }
  if (bar_.empty()) {
    return rejected(
        "no price for " + request.symbol + " on or before " + format_date(completed.date), request);
  }
  const Money reference =
      request.type == OrderType::kLimit ? *request.limit_price : bar_.back().close;
  const Money estimate = reference.adjusted_by_bps(model_.slippage_bps) * request.qty.shares() +
                         commission_of(model_, request.qty.shares());
  if (estimate > buying_power()) {
    return rejected("insufficient buying power: the order needs about " + estimate.to_string() +
                        ", " + buying_power().to_string() + " is available",
                    request);
  }

  BrokerOrder order;
  order.broker_order_id = "sim-" + std::to_string(orders_.size() + 1);
  order.client_order_id = request.client_order_id;
  order.symbol = request.symbol;
  order.qty = request.qty;
  order.status = BrokerOrderStatus::kAccepted;
  order.submitted_at = now;
  Terms terms{.type = request.type,
              .limit = request.limit_price,
              .time_in_force = request.time_in_force,
              .estimate = estimate,
              .candidate = std::nullopt};

  by_client_id_.emplace(order.client_order_id, orders_.size());
  open_.push_back(orders_.size());
  orders_.push_back(order);
  terms_.push_back(std::move(terms));
  committed_ += estimate;
  return order;
}

Result<std::optional<Money>> SimulatedBroker::available_buying_power() {
  STRATUS_RETURN_IF_ERROR(settle(clock_.now()));
  return std::optional<Money>(buying_power());
}

Result<MarketDay> SimulatedBroker::fill_session(Timestamp submitted_at, Date after_session) const {
  if (after_session != Date{}) return calendar_.next_session(after_session);
  const Date day = new_york_date(submitted_at);
  STRATUS_ASSIGN_OR_RETURN(MarketDay today, calendar_.day(day));
  const Timestamp cutoff = model_.point == FillPoint::kClose ? today.close : today.open;
  if (today.is_session && submitted_at < cutoff) return today;
  return calendar_.next_session(day);
}

Result<SimulatedBroker::Decision> SimulatedBroker::decide(const BrokerOrder& order, Terms& terms,
                                                          Timestamp now) {
  const Decision waiting;  // kAccepted.
  while (true) {
    if (!terms.candidate) {
      STRATUS_ASSIGN_OR_RETURN(terms.candidate, fill_session(order.submitted_at, Date{}));
    }
    const MarketDay& day = *terms.candidate;
    if (now < day.open) return waiting;
    STRATUS_RETURN_IF_ERROR(data_.daily_bars_into(order.symbol, day.date, 1, bar_));
    const std::vector<DailyBar>& bars = bar_;
    const bool traded = !bars.empty() && bars.back().session == day.date;

    std::optional<Decision> outcome;
    if (!traded) {
      if (now < day.close) return waiting;
      outcome = Decision{BrokerOrderStatus::kExpired, Money(), day.close,
                         "no bar for " + order.symbol + " on " + format_date(day.date)};
    } else {
      const DailyBar& bar = bars.back();
      const bool at_open = model_.point == FillPoint::kNextOpen && bar.open.has_value();
      const Money point = at_open ? *bar.open : bar.close;
      const Timestamp point_at = at_open ? day.open : day.close;
      const Money slipped = point.adjusted_by_bps(model_.slippage_bps);
      if (terms.type == OrderType::kMarket || point <= *terms.limit) {
        if (now < point_at) return waiting;
        const Money price =
            terms.type == OrderType::kMarket ? slipped : std::min(slipped, *terms.limit);
        return Decision{BrokerOrderStatus::kFilled, price, point_at, ""};
      }
      // A limit above the point's price: reached during the session is known only at its close.
      if (now < day.close) return waiting;
      const Money low = bar.low.value_or(bar.close);
      if (model_.point == FillPoint::kNextOpen && low <= *terms.limit) {
        return Decision{BrokerOrderStatus::kFilled, *terms.limit, day.close, ""};
      }
      outcome = Decision{
          BrokerOrderStatus::kExpired, Money(), day.close,
          "limit " + terms.limit->to_string() + " not reached in session " + format_date(day.date)};
    }
    if (terms.time_in_force == TimeInForce::kDay) return *outcome;
    // Good till canceled: try the next session.
    STRATUS_ASSIGN_OR_RETURN(terms.candidate, fill_session(order.submitted_at, day.date));
  }
}

void SimulatedBroker::book(std::size_t index, const Decision& decision) {
  BrokerOrder& order = orders_[index];
  committed_ -= terms_[index].estimate;
  order.status = decision.status;
  order.reason = decision.reason;
  if (decision.status != BrokerOrderStatus::kFilled) return;

  const Money commission = commission_of(model_, order.qty.shares());
  const Money cost = decision.price * order.qty.shares() + commission;
  if (cost > cash_) {
    order.status = BrokerOrderStatus::kCanceled;
    order.reason = "insufficient buying power at the fill: it costs " + cost.to_string() + ", " +
                   cash_.to_string() + " is held";
    return;
  }
  cash_ -= cost;
  order.filled_qty = order.qty;
  order.filled_avg_price = decision.price;
  order.filled_at = decision.at;
  order.commission = commission;
  Holding& holding = holdings_[order.symbol];
  holding.shares += order.qty;
  holding.cost += cost;
  fills_.push_back(Fill{order.client_order_id, order.symbol, order.qty, decision.price, commission,
                        decision.at});
}

Status SimulatedBroker::settle(Timestamp now) {
  const std::size_t first = settled_at_ == now ? settled_orders_ : 0;
  settled_at_.reset();  // Set again only when every open order has been looked at.
  for (auto it = open_.begin(); it != open_.end();) {
    const std::size_t index = *it;
    if (index < first) {  // Still waiting: it was open after the last settle at `now`.
      ++it;
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(const Decision decision, decide(orders_[index], terms_[index], now));
    if (decision.status == BrokerOrderStatus::kAccepted) {
      ++it;
      continue;
    }
    book(index, decision);
    it = open_.erase(it);
  }
  settled_at_ = now;
  settled_orders_ = orders_.size();
  return {};
}

Result<std::optional<BrokerOrder>> SimulatedBroker::find_by_client_order_id(
    std::string_view client_order_id) {
  STRATUS_RETURN_IF_ERROR(settle(clock_.now()));
  const auto found = by_client_id_.find(std::string(client_order_id));
  if (found == by_client_id_.end()) return std::optional<BrokerOrder>();
  return std::optional<BrokerOrder>(orders_[found->second]);
}

}  // namespace stratus
