// DynamoLedger: the Ledger port on one DynamoDB table (the key design and the write protocol
// are in dynamo_ledger.h).
#include "adapters/dynamodb/dynamo_ledger.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <tuple>
#include <utility>

#include "adapters/dynamodb/ledger_items.h"
#include "ports/ledger_rules.h"

namespace stratus::dynamodb {
namespace {

bool is_conflict(const Status& status) {
  return !status.ok() && status.error().code == ErrorCode::kConflict;
}

// A short random pause before retrying a lost race, growing with the attempt (at most ~30 ms),
// so that contenders spread out.
void back_off(int attempt) {
  thread_local std::minstd_rand random(std::random_device{}());
  const int ceiling_us = 500 << std::min(attempt, 6);
  std::uniform_int_distribution<int> pause(0, ceiling_us);
  std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
}

Error reused_id(const std::string& id, const std::string& symbol, Date session,
                const ReservationRequest& request) {
  return Error::conflict("client_order_id \"" + id + "\" is already reserved for " + symbol +
                         " on " + format_date(session) + ", not for " + request.symbol + " on " +
                         format_date(request.session));
}

Error contended(std::string_view what, int attempts) {
  return Error::unavailable(std::string(what) +
                            " kept changing under concurrent writers; gave up "
                            "after " +
                            std::to_string(attempts) + " attempts");
}

}  // namespace

struct DynamoLedger::Snapshot {
  std::string month;
  bool exists = false;       // Whether the cap item exists.
  std::int64_t version = 0;  // Its `ver` (0 when absent).
  Item reservations = Item::object();
};

DynamoLedger::DynamoLedger(DynamoClient& client, DynamoLedgerOptions options)
    : client_(&client), options_(std::move(options)) {}

TableSpec DynamoLedger::table_spec(const std::string& table) {
  return {table,
          std::string(kPartitionKey),
          "",
          {{std::string(kSymbolMonthIndex), "GSI1PK", "GSI1SK"},
           {std::string(kAllOrdersIndex), "GSI2PK", "GSI2SK"}}};
}

Status DynamoLedger::create_table(DynamoClient& client, const std::string& table) {
  return client.create_table(table_spec(table));
}

Result<DynamoLedger::Snapshot> DynamoLedger::read_month(std::string_view month) {
  Snapshot snapshot;
  snapshot.month = std::string(month);
  STRATUS_ASSIGN_OR_RETURN(auto item, client_->get_item(options_.table, key_of(cap_pk(month))));
  if (item) {
    snapshot.exists = true;
    STRATUS_ASSIGN_OR_RETURN(snapshot.version, get_n(*item, "ver", "cap item " + cap_pk(month)));
  }
  STRATUS_ASSIGN_OR_RETURN(snapshot.reservations, reservations_of(item, month));
  return snapshot;
}

Result<ReservationOutcome> DynamoLedger::reserve(const ReservationRequest& request) {
  STRATUS_RETURN_IF_ERROR(validate_reservation(request));
  const std::string& id = request.client_order_id;
  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    if (attempt > 0) back_off(attempt);
    STRATUS_ASSIGN_OR_RETURN(Snapshot snapshot, read_month(request.month));
    if (auto entry = snapshot.reservations.find(id); entry != snapshot.reservations.end()) {
      STRATUS_ASSIGN_OR_RETURN(auto map, get_m(snapshot.reservations, id, "cap item"));
      return existing_reservation(request, map);
    }
    // Not reserved this month; an order of another month may hold the id.
    STRATUS_ASSIGN_OR_RETURN(auto other, client_->get_item(options_.table, key_of(order_pk(id))));
    if (other) {
      STRATUS_ASSIGN_OR_RETURN(auto stored, read_order_item(*other));
      // Of this month: reserved by a concurrent caller since our read; read the month again.
      if (stored.order.month == request.month) continue;
      return reused_id(id, stored.order.symbol, stored.order.session, request);
    }

    ReservationOutcome outcome;
    STRATUS_ASSIGN_OR_RETURN(outcome.usage_before,
                             usage_of(snapshot.reservations, request.symbol, request.month));
    outcome.decision = decide_reservation(request.desired, request.price, request.limits,
                                          outcome.usage_before, request.policy);
    if (outcome.decision.qty.is_zero()) {
      outcome.kind = ReservationOutcome::Kind::kDenied;
      return outcome;
    }
    OrderRecord order = reserved_order(request, outcome.decision, outcome.usage_before);
    Status written = write_reservation(snapshot, order);
    if (is_conflict(written)) continue;  // The month changed since we read it: decide again.
    STRATUS_RETURN_IF_ERROR(written);

    outcome.kind = ReservationOutcome::Kind::kReserved;
    STRATUS_RETURN_IF_ERROR(write_reserved_order(order, &outcome));
    outcome.order = std::move(order);
    return outcome;
  }
  return contended("cap item " + cap_pk(request.month), options_.max_attempts);
}

Status DynamoLedger::write_reservation(const Snapshot& snapshot, const OrderRecord& order) {
  const AttributeValue entry = reservation_entry(order, 1);
  if (!snapshot.exists) {
    Item item = key_of(cap_pk(snapshot.month));
    item["type"] = s("cap");
    item["month"] = s(snapshot.month);
    item["ver"] = n(1);
    item["res"] = m({{order.client_order_id, entry}});
    PutItemRequest put{options_.table, std::move(item), "attribute_not_exists(#pk)", {}};
    put.placeholders.names = {{"#pk", kPartitionKey}};
    return client_->put_item(put);
  }
  UpdateItemRequest update;
  update.table = options_.table;
  update.key = key_of(cap_pk(snapshot.month));
  update.update = "SET #res.#id = :entry, #ver = :next";
  update.condition = "#ver = :seen AND attribute_not_exists(#res.#id)";
  update.placeholders.names = {{"#res", "res"}, {"#id", order.client_order_id}, {"#ver", "ver"}};
  update.placeholders.values = {
      {":entry", entry}, {":next", n(snapshot.version + 1)}, {":seen", n(snapshot.version)}};
  STRATUS_RETURN_IF_ERROR(client_->update_item(update));
  return {};
}

Status DynamoLedger::write_reserved_order(const OrderRecord& order,
                                          const ReservationOutcome* outcome) {
  nlohmann::json details = {{"run_id", order.run_id},
                            {"qty", order.qty.shares()},
                            {"price", order.limit_price.to_string()},
                            {"reason", order.reason}};
  if (outcome != nullptr) {
    details["clipped"] = outcome->decision.clipped;
    details["usage_before"] = usage_event_json(outcome->usage_before);
  } else {
    details["recovered"] = true;  // Written from the cap entry after an interrupted reserve.
  }
  const AttributeValue events = l(nlohmann::json::array(
      {event_value(std::nullopt, OrderState::kReserved, order.created_at, details)}));
  PutItemRequest put{options_.table, order_item(order, 1, events), "attribute_not_exists(#pk)", {}};
  put.placeholders.names = {{"#pk", kPartitionKey}};
  Status written = client_->put_item(put);
  if (!is_conflict(written)) return written;

  // Someone wrote this id first: fine if it is this reservation (completed from its entry by a
  // concurrent retry), otherwise the id belongs to another order and ours must go.
  STRATUS_ASSIGN_OR_RETURN(
      auto item, client_->get_item(options_.table, key_of(order_pk(order.client_order_id))));
  if (item) {
    STRATUS_ASSIGN_OR_RETURN(auto stored, read_order_item(*item));
    if (stored.order.symbol == order.symbol && stored.order.session == order.session) return {};
    STRATUS_RETURN_IF_ERROR(remove_entry(order));
    return Error::conflict("client_order_id \"" + order.client_order_id +
                           "\" is already used by an order for " + stored.order.symbol + " on " +
                           format_date(stored.order.session));
  }
  return Error::internal("order item " + order_pk(order.client_order_id) +
                         " was reported present, then not found");
}

Result<ReservationOutcome> DynamoLedger::existing_reservation(const ReservationRequest& request,
                                                              const Item& entry) {
  const std::string& id = request.client_order_id;
  STRATUS_ASSIGN_OR_RETURN(auto stored, read_reservation_entry(id, request.month, entry));
  if (stored.symbol != request.symbol || stored.session != request.session) {
    return reused_id(id, stored.symbol, stored.session, request);
  }
  STRATUS_ASSIGN_OR_RETURN(auto item, client_->get_item(options_.table, key_of(order_pk(id))));
  if (!item) {
    // A reservation interrupted between its two writes: complete it from the entry.
    STRATUS_RETURN_IF_ERROR(write_reserved_order(stored.reserved, nullptr));
    STRATUS_ASSIGN_OR_RETURN(item, client_->get_item(options_.table, key_of(order_pk(id))));
    if (!item) {
      return Error::internal("order item " + order_pk(id) + " is missing right after writing it");
    }
  }
  STRATUS_ASSIGN_OR_RETURN(auto current, read_order_item(*item));
  if (current.version > stored.version) {
    STRATUS_RETURN_IF_ERROR(sync_entry(current.order, current.version));
  }
  ReservationOutcome outcome;
  outcome.kind = ReservationOutcome::Kind::kAlreadyExists;
  outcome.order = std::move(current.order);
  return outcome;
}

Status DynamoLedger::sync_entry(const OrderRecord& order, std::int64_t version) {
  UpdateItemRequest update;
  update.table = options_.table;
  update.key = key_of(cap_pk(order.month));
  update.update =
      "SET #res.#id.#st = :st, #res.#id.#sh = :sh, #res.#id.#dl = :dl, #res.#id.#ver = :v, "
      "#ver = #ver + :one";
  update.condition = "#res.#id.#ver < :v";
  update.placeholders.names = {{"#res", "res"},    {"#id", order.client_order_id},
                               {"#st", "state"},   {"#sh", "shares"},
                               {"#dl", "dollars"}, {"#ver", "ver"}};
  update.placeholders.values = {{":st", s(order_state_name(order.state))},
                                {":sh", n(counted_shares(order).shares())},
                                {":dl", n(order.notional.units())},
                                {":v", n(version)},
                                {":one", n(1)}};
  auto written = client_->update_item(update);
  if (written.ok() || written.error().code == ErrorCode::kConflict) return {};  // Up to date.
  return Error{written.error().code, written.error().message,
               "order " + order.client_order_id + " is " +
                   std::string(order_state_name(order.state)) +
                   " but its month's cap entry is not updated yet; repeat the update"};
}

Status DynamoLedger::remove_entry(const OrderRecord& order) {
  UpdateItemRequest update;
  update.table = options_.table;
  update.key = key_of(cap_pk(order.month));
  update.update = "REMOVE #res.#id SET #ver = #ver + :one";
  update.condition = "attribute_exists(#res.#id)";
  update.placeholders.names = {{"#res", "res"}, {"#id", order.client_order_id}, {"#ver", "ver"}};
  update.placeholders.values = {{":one", n(1)}};
  auto written = client_->update_item(update);
  if (written.ok() || written.error().code == ErrorCode::kConflict) return {};
  return written.error();
}

Result<OrderRecord> DynamoLedger::update(std::string_view client_order_id,
                                         const OrderUpdate& update) {
  const Item key = key_of(order_pk(client_order_id));
  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    if (attempt > 0) back_off(attempt);
    STRATUS_ASSIGN_OR_RETURN(auto item, client_->get_item(options_.table, key));
    if (!item) {
      return Error::not_found("no order with client_order_id \"" + std::string(client_order_id) +
                              "\" in the ledger");
    }
    STRATUS_ASSIGN_OR_RETURN(auto stored, read_order_item(*item));
    const OrderRecord& current = stored.order;
    STRATUS_ASSIGN_OR_RETURN(OrderRecord next, apply_update(current, update));
    if (same_content(current, next)) {
      // A pure repeat writes nothing, but finishes a previous update whose cap write failed.
      STRATUS_RETURN_IF_ERROR(sync_entry(current, stored.version));
      return current;
    }
    next.updated_at = update.at;

    STRATUS_ASSIGN_OR_RETURN(auto history,
                             get_l(*item, "events", "order item " + current.client_order_id));
    history.push_back(event_value(current.state, next.state, update.at, fill_event_json(next)));
    PutItemRequest put{options_.table,
                       order_item(next, stored.version + 1, l(std::move(history))),
                       "#ver = :seen",
                       {}};
    put.placeholders.names = {{"#ver", "ver"}};
    put.placeholders.values = {{":seen", n(stored.version)}};
    Status written = client_->put_item(put);
    if (is_conflict(written)) continue;  // Changed meanwhile: check the transition again.
    STRATUS_RETURN_IF_ERROR(written);
    STRATUS_RETURN_IF_ERROR(sync_entry(next, stored.version + 1));
    return next;
  }
  return contended("order item " + order_pk(client_order_id), options_.max_attempts);
}

Result<std::optional<OrderRecord>> DynamoLedger::find(std::string_view client_order_id) {
  STRATUS_ASSIGN_OR_RETURN(auto item,
                           client_->get_item(options_.table, key_of(order_pk(client_order_id))));
  if (!item) return std::optional<OrderRecord>();
  STRATUS_ASSIGN_OR_RETURN(auto stored, read_order_item(*item));
  return std::optional<OrderRecord>(std::move(stored.order));
}

Result<std::vector<OrderRecord>> DynamoLedger::orders(const OrderFilter& filter) {
  QueryRequest query;
  query.table = options_.table;
  query.limit = options_.page_size;
  query.key_condition = "#pk = :pk";
  std::vector<std::string> filters;
  auto& names = query.placeholders.names;
  auto& values = query.placeholders.values;
  if (filter.symbol && filter.month) {
    query.index = std::string(kSymbolMonthIndex);
    names["#pk"] = "GSI1PK";
    values[":pk"] = s(symbol_month_pk(*filter.symbol, *filter.month));
  } else {
    query.index = std::string(kAllOrdersIndex);
    names["#pk"] = "GSI2PK";
    values[":pk"] = s(kAllOrdersPartition);
    if (filter.month) {
      query.key_condition += " AND begins_with(#sk, :month)";
      names["#sk"] = "GSI2SK";
      values[":month"] = s(*filter.month + "-");
    }
    if (filter.symbol) {
      filters.push_back("#sym = :sym");
      names["#sym"] = "sym";
      values[":sym"] = s(*filter.symbol);
    }
  }
  if (filter.open_only) {
    filters.push_back("#st IN (:reserved, :submitted, :partial)");
    names["#st"] = "state";
    values[":reserved"] = s(order_state_name(OrderState::kReserved));
    values[":submitted"] = s(order_state_name(OrderState::kSubmitted));
    values[":partial"] = s(order_state_name(OrderState::kPartiallyFilled));
  }
  for (const auto& f : filters) {
    query.filter += (query.filter.empty() ? "" : " AND ") + f;
  }
  STRATUS_ASSIGN_OR_RETURN(auto items, client_->query_all(std::move(query)));
  std::vector<OrderRecord> out;
  out.reserve(items.size());
  for (const auto& item : items) {
    STRATUS_ASSIGN_OR_RETURN(auto stored, read_order_item(item));
    out.push_back(std::move(stored.order));
  }
  // The index keys already sort by session then id; sorting again costs little and keeps the
  // promise whatever order pages arrive in.
  std::stable_sort(out.begin(), out.end(), [](const OrderRecord& a, const OrderRecord& b) {
    return std::tie(a.session, a.client_order_id) < std::tie(b.session, b.client_order_id);
  });
  return out;
}

Result<CapUsage> DynamoLedger::usage(std::string_view symbol, std::string_view month) {
  STRATUS_ASSIGN_OR_RETURN(Snapshot snapshot, read_month(month));
  return usage_of(snapshot.reservations, symbol, month);
}

}  // namespace stratus::dynamodb
