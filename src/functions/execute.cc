#include "functions/execute.h"

#include <set>
#include <utility>
#include <vector>

#include "functions/document.h"
#include "functions/json_object.h"
#include "functions/run_document.h"
#include "support/failpoint.h"

namespace stratus {
namespace {

OrderState ledger_state_for(BrokerOrderStatus status) {
  switch (status) {
    case BrokerOrderStatus::kAccepted:
      return OrderState::kSubmitted;
    case BrokerOrderStatus::kPartiallyFilled:
      return OrderState::kPartiallyFilled;
    case BrokerOrderStatus::kFilled:
      return OrderState::kFilled;
    case BrokerOrderStatus::kRejected:
      return OrderState::kRejected;
    case BrokerOrderStatus::kCanceled:
    case BrokerOrderStatus::kExpired:
      return OrderState::kCanceled;
  }
  return OrderState::kSubmitted;
}

Json error_json(const Error& e) {
  return {{"code", error_code_name(e.code)}, {"message", e.to_string()}};
}

Json order_json(const OrderRecord& order) {
  JsonObject j;  // Members in key order.
  if (!order.broker_order_id.empty()) j.with("broker_order_id", order.broker_order_id);
  j.with("client_order_id", order.client_order_id);
  if (order.filled_qty.shares() > 0 && order.filled_avg_price) {
    JsonObject fill;
    if (order.filled_at) fill.with("at", format_utc_timestamp(*order.filled_at));
    fill.with("avg_price", order.filled_avg_price->to_string())
        .with("commission", order.commission.to_string())
        .with("qty", order.filled_qty.shares());
    j.with("fill", fill.take());
  }
  j.with("qty", order.qty.shares());
  // Why it was rejected or canceled (the ledger's reason of a live order is its clip note).
  if (!order.reason.empty() &&
      (order.state == OrderState::kRejected || order.state == OrderState::kCanceled)) {
    j.with("reason", order.reason);
  }
  j.with("state", order_state_name(order.state)).with("symbol", order.symbol);
  return j.take();
}

}  // namespace

OrderStyle order_style_of(const Config& config) {
  OrderStyle style;
  if (config.broker.kind == "alpaca") {
    style.type = config.alpaca.order_type;
    style.limit_offset_bps = config.alpaca.limit_offset_bps;
    style.time_in_force = config.alpaca.time_in_force;
  }
  return style;
}

Money buy_limit_price(Money reference, int offset_bps) {
  const Money raised = reference.adjusted_by_bps(offset_bps);
  constexpr std::int64_t kCent = Money::kUnitsPerDollar / 100;
  if (raised.units() < Money::kUnitsPerDollar) return raised;
  return Money::from_units(raised.units() / kCent * kCent);
}

Result<OrderRecord> Execute::apply(const OrderRecord& snapshot, const BrokerOrder& seen) {
  // Another run may have moved the order since `snapshot` was read: start from the ledger's
  // current view, and let the ledger's view win whenever a transition turns out to be stale.
  STRATUS_ASSIGN_OR_RETURN(const auto latest, ledger_.find(snapshot.client_order_id));
  const OrderRecord& order = latest ? *latest : snapshot;
  auto ledger_view = [&]() -> Result<OrderRecord> {
    STRATUS_ASSIGN_OR_RETURN(const auto now, ledger_.find(order.client_order_id));
    if (!now) return Error::internal("order " + order.client_order_id + " left the ledger");
    return *now;
  };

  OrderUpdate update;
  update.state = ledger_state_for(seen.status);
  update.broker_order_id = seen.broker_order_id;
  update.filled_qty = seen.filled_qty;
  update.filled_avg_price = seen.filled_avg_price;
  update.filled_at = seen.filled_at;
  update.commission = seen.commission;
  update.reason = seen.reason;
  update.at = clock_.now();
  if (update.state == order.state && update.filled_qty == order.filled_qty &&
      update.broker_order_id == order.broker_order_id) {
    return order;  // Nothing new.
  }
  if (order.state == OrderState::kReserved && update.state != OrderState::kSubmitted &&
      update.state != OrderState::kRejected) {
    // The broker has moved past "accepted" already; record the submission first.
    OrderUpdate submitted = update;
    submitted.state = OrderState::kSubmitted;
    submitted.filled_qty = Quantity(0);
    submitted.filled_avg_price.reset();
    submitted.filled_at.reset();
    submitted.commission = Money();
    auto step = ledger_.update(order.client_order_id, submitted);
    if (!step.ok()) {
      if (step.error().code == ErrorCode::kConflict) return ledger_view();
      return step.error();
    }
  }
  auto applied = ledger_.update(order.client_order_id, update);
  if (!applied.ok() && applied.error().code == ErrorCode::kConflict) return ledger_view();
  return applied;
}

Result<BrokerOrder> Execute::place(const OrderRecord& order) {
  OrderRequest request;
  request.client_order_id = order.client_order_id;
  request.symbol = order.symbol;
  request.qty = order.qty;
  request.type = style_.type;
  request.time_in_force = style_.time_in_force;
  if (style_.type == OrderType::kLimit) {
    request.limit_price = buy_limit_price(order.limit_price, style_.limit_offset_bps);
  }
  Error last = Error::internal("order " + order.client_order_id + " was never sent");
  for (int round = 0; round < kMaxPlacementRounds; ++round) {
    STRATUS_FAILPOINT("execute.before_submit");  // Crash tests: nothing at the broker yet.
    auto submitted = broker_.submit(request);
    STRATUS_FAILPOINT("execute.after_submit");  // Crash tests: answered, not yet recorded.
    if (submitted.ok()) return submitted;
    last = submitted.error();
    if (last.code != ErrorCode::kConflict && last.code != ErrorCode::kAmbiguous) return last;
    // Conflict: another run placed it first. Ambiguous: it may have been placed. Either way the
    // broker's own record decides: adopt the order if it exists; if it does not, nothing was
    // placed and sending it again under the same client_order_id is safe (the broker refuses a
    // second order with that id).
    auto found = broker_.find_by_client_order_id(order.client_order_id);
    if (!found.ok()) return last.code == ErrorCode::kConflict ? found.error() : last;
    if (found->has_value()) return std::move(**found);
    if (last.code == ErrorCode::kConflict) return last;  // Refused as a duplicate, yet unknown.
  }
  return last;
}

Result<Json> Execute::advance(const OrderRecord& order, Date session) {
  if (is_terminal(order.state)) return order_json(order);

  auto seen = broker_.find_by_client_order_id(order.client_order_id);
  if (!seen.ok()) {
    Json j = order_json(order);
    j["error"] = error_json(seen.error());
    return j;
  }
  if (!seen->has_value() && order.state != OrderState::kReserved) {
    Json j = order_json(order);
    j["error"] = error_json(Error::internal("the broker has no order " + order.client_order_id +
                                            " that the ledger shows as " +
                                            std::string(order_state_name(order.state))));
    return j;
  }

  std::optional<BrokerOrder> current = std::move(seen).value();
  if (!current && order.session < session) {
    // Reserved in an earlier session and never placed (a run died in between): buying now
    // would act on a stale signal. It stays reserved, counted against its month, and reported.
    Json j = order_json(order);
    j["error"] = error_json(Error::conflict(
        "reserved in session " + format_date(order.session) +
        " but never placed; not submitting it late (it still counts against its month's cap)"));
    return j;
  }
  if (!current) {
    auto placed = place(order);
    if (!placed.ok()) {
      if (placed.error().code == ErrorCode::kRejected ||
          placed.error().code == ErrorCode::kInvalidInput) {
        OrderUpdate rejected;
        rejected.state = OrderState::kRejected;
        rejected.reason = placed.error().to_string();
        rejected.at = clock_.now();
        STRATUS_ASSIGN_OR_RETURN(const OrderRecord after,
                                 ledger_.update(order.client_order_id, rejected));
        return order_json(after);
      }
      // Unavailable, or still Ambiguous after reconciling: leave it reserved; the next run
      // looks it up first.
      Json j = order_json(order);
      j["error"] = error_json(placed.error());
      return j;
    }
    current = std::move(placed).value();
  }
  STRATUS_ASSIGN_OR_RETURN(const OrderRecord after, apply(order, *current));
  STRATUS_FAILPOINT("execute.after_record");  // Crash tests: the ledger has the answer.
  return order_json(after);
}

Result<Json> Execute::run(const Json& doc) { return run(Json(doc)); }

Status Execute::run_in_chain(RunDocument& doc) { return run_on_fields(*this, doc); }

Result<Json> Execute::run(Json&& doc) {
  STRATUS_RETURN_IF_ERROR(check_envelope(doc));
  if (is_skipped(doc)) return std::move(doc);
  STRATUS_ASSIGN_OR_RETURN(const Json* orders, require_array(doc, "/orders"));
  STRATUS_ASSIGN_OR_RETURN(const Timestamp at, run_at(doc));
  const Date session = new_york_date(at);

  std::vector<Json> results;
  results.reserve(orders->size());
  std::set<std::string> in_this_run;
  for (std::size_t i = 0; i < orders->size(); ++i) {
    const std::string pointer = "/orders/" + std::to_string(i) + "/client_order_id";
    STRATUS_ASSIGN_OR_RETURN(const std::string id, require_string(doc, pointer));
    STRATUS_ASSIGN_OR_RETURN(const auto record, ledger_.find(id));
    if (!record) {
      return Error::invalid_input(
          "field " + pointer + " = \"" + id + "\": no such reservation in the ledger", "event");
    }
    STRATUS_ASSIGN_OR_RETURN(Json result, advance(*record, session));
    results.push_back(std::move(result));
    in_this_run.insert(id);
  }

  OrderFilter open;
  open.open_only = true;
  STRATUS_ASSIGN_OR_RETURN(const std::vector<OrderRecord> earlier, ledger_.orders(open));
  Json reconciled = Json::array();
  for (const OrderRecord& order : earlier) {
    if (in_this_run.count(order.client_order_id) > 0) continue;
    STRATUS_ASSIGN_OR_RETURN(Json result, advance(order, session));
    if (result.value("state", "") != order_state_name(order.state) || result.contains("error")) {
      result["previous_state"] = order_state_name(order.state);
      result["session"] = format_date(order.session);
      reconciled.push_back(std::move(result));
    }
  }

  // Taken over only now: an error above leaves `doc` as it was.
  Json out = std::move(doc);
  Json& out_orders = out["orders"];
  for (std::size_t i = 0; i < results.size(); ++i) {
    Json& entry = out_orders[i];
    for (auto& [key, value] : results[i].items()) entry[key] = std::move(value);
  }
  out["reconciled"] = std::move(reconciled);
  return out;
}

}  // namespace stratus
