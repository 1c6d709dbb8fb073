// Encoding of the DynamoDB ledger's order and cap items (see ledger_items.h, dynamo_ledger.h).
#include "adapters/dynamodb/ledger_items.h"

#include <utility>

#include "ports/ledger_rules.h"

namespace stratus::dynamodb {
namespace {

void put_text(Item& item, const char* name, const std::string& text) {
  if (!text.empty()) item[name] = s(text);
}

Result<Timestamp> read_time(const Item& item, const char* name, std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto text, get_s(item, name, what));
  auto t = parse_utc_timestamp(text);
  if (!t.ok()) {
    return Error::internal(std::string(what) + ": attribute \"" + name +
                           "\": " + t.error().message);
  }
  return *t;
}

Result<Date> read_date(const Item& item, const char* name, std::string_view what) {
  STRATUS_ASSIGN_OR_RETURN(auto text, get_s(item, name, what));
  auto d = parse_date(text);
  if (!d.ok()) {
    return Error::internal(std::string(what) + ": attribute \"" + name +
                           "\": " + d.error().message);
  }
  return *d;
}

}  // namespace

std::string order_pk(std::string_view client_order_id) {
  return "ORDER#" + std::string(client_order_id);
}
std::string cap_pk(std::string_view month) { return "CAP#" + std::string(month); }
std::string symbol_month_pk(std::string_view symbol, std::string_view month) {
  return "SYMBOL#" + std::string(symbol) + "#MONTH#" + std::string(month);
}
std::string session_sort_key(const OrderRecord& order) {
  return format_date(order.session) + "#" + order.client_order_id;
}
Item key_of(std::string pk) { return {{std::string(kPartitionKey), s(pk)}}; }

AttributeValue event_value(std::optional<OrderState> from, OrderState to, Timestamp at,
                           const nlohmann::json& details) {
  Item event = {{"to", s(order_state_name(to))},
                {"at", s(format_utc_timestamp(at))},
                {"details", s(details.dump())}};
  if (from) event["from"] = s(order_state_name(*from));
  return m(std::move(event));
}

Item order_item(const OrderRecord& o, std::int64_t version, const AttributeValue& events) {
  Item item = key_of(order_pk(o.client_order_id));
  item["type"] = s("order");
  item["GSI1PK"] = s(symbol_month_pk(o.symbol, o.month));
  item["GSI1SK"] = s(session_sort_key(o));
  item["GSI2PK"] = s(kAllOrdersPartition);
  item["GSI2SK"] = s(session_sort_key(o));
  item["id"] = s(o.client_order_id);
  put_text(item, "run", o.run_id);
  item["sym"] = s(o.symbol);
  item["month"] = s(o.month);
  item["session"] = s(format_date(o.session));
  item["qty"] = n(o.qty.shares());
  item["price"] = n(o.limit_price.units());
  item["notional"] = n(o.notional.units());
  item["state"] = s(order_state_name(o.state));
  put_text(item, "broker", o.broker_order_id);
  item["filled"] = n(o.filled_qty.shares());
  if (o.filled_avg_price) item["avg"] = n(o.filled_avg_price->units());
  if (o.filled_at) item["filled_at"] = s(format_utc_timestamp(*o.filled_at));
  item["commission"] = n(o.commission.units());
  put_text(item, "reason", o.reason);
  item["created"] = s(format_utc_timestamp(o.created_at));
  item["updated"] = s(format_utc_timestamp(o.updated_at));
  item["ver"] = n(version);
  item["events"] = events;
  return item;
}

Result<StoredOrder> read_order_item(const Item& item) {
  StoredOrder out;
  OrderRecord& o = out.order;
  STRATUS_ASSIGN_OR_RETURN(o.client_order_id, get_s(item, "id", "order item"));
  const std::string what = "order item " + o.client_order_id;
  STRATUS_ASSIGN_OR_RETURN(auto run, find_s(item, "run", what));
  o.run_id = run.value_or("");
  STRATUS_ASSIGN_OR_RETURN(o.symbol, get_s(item, "sym", what));
  STRATUS_ASSIGN_OR_RETURN(o.month, get_s(item, "month", what));
  STRATUS_ASSIGN_OR_RETURN(o.session, read_date(item, "session", what));
  STRATUS_ASSIGN_OR_RETURN(auto qty, get_n(item, "qty", what));
  o.qty = Quantity(qty);
  STRATUS_ASSIGN_OR_RETURN(auto price, get_n(item, "price", what));
  o.limit_price = Money::from_units(price);
  STRATUS_ASSIGN_OR_RETURN(auto notional, get_n(item, "notional", what));
  o.notional = Money::from_units(notional);
  STRATUS_ASSIGN_OR_RETURN(auto state_name, get_s(item, "state", what));
  auto state = parse_order_state(state_name);
  if (!state.ok()) return Error::internal(what + ": " + state.error().message);
  o.state = *state;
  STRATUS_ASSIGN_OR_RETURN(auto broker, find_s(item, "broker", what));
  o.broker_order_id = broker.value_or("");
  STRATUS_ASSIGN_OR_RETURN(auto filled, get_n(item, "filled", what));
  o.filled_qty = Quantity(filled);
  STRATUS_ASSIGN_OR_RETURN(auto avg, find_n(item, "avg", what));
  if (avg) o.filled_avg_price = Money::from_units(*avg);
  if (item.contains("filled_at")) {
    STRATUS_ASSIGN_OR_RETURN(auto filled_at, read_time(item, "filled_at", what));
    o.filled_at = filled_at;
  }
  STRATUS_ASSIGN_OR_RETURN(auto commission, get_n(item, "commission", what));
  o.commission = Money::from_units(commission);
  STRATUS_ASSIGN_OR_RETURN(auto reason, find_s(item, "reason", what));
  o.reason = reason.value_or("");
  STRATUS_ASSIGN_OR_RETURN(o.created_at, read_time(item, "created", what));
  STRATUS_ASSIGN_OR_RETURN(o.updated_at, read_time(item, "updated", what));
  STRATUS_ASSIGN_OR_RETURN(out.version, get_n(item, "ver", what));
  return out;
}

AttributeValue reservation_entry(const OrderRecord& o, std::int64_t version) {
  Item entry = {{"sym", s(o.symbol)},
                {"session", s(format_date(o.session))},
                {"qty", n(o.qty.shares())},
                {"price", n(o.limit_price.units())},
                {"at", s(format_utc_timestamp(o.created_at))},
                {"state", s(order_state_name(o.state))},
                {"shares", n(counted_shares(o).shares())},
                {"dollars", n(o.notional.units())},
                {"ver", n(version)}};
  put_text(entry, "run", o.run_id);
  // The reason a reservation was clipped; later reasons (rejections) live on the order item.
  if (o.state == OrderState::kReserved) put_text(entry, "reason", o.reason);
  return m(std::move(entry));
}

Result<StoredEntry> read_reservation_entry(std::string_view client_order_id, std::string_view month,
                                           const Item& entry) {
  const std::string what =
      "reservation " + std::string(client_order_id) + " in cap item " + cap_pk(month);
  StoredEntry out;
  STRATUS_ASSIGN_OR_RETURN(out.symbol, get_s(entry, "sym", what));
  STRATUS_ASSIGN_OR_RETURN(out.session, read_date(entry, "session", what));
  STRATUS_ASSIGN_OR_RETURN(auto shares, get_n(entry, "shares", what));
  out.shares = Quantity(shares);
  STRATUS_ASSIGN_OR_RETURN(auto dollars, get_n(entry, "dollars", what));
  out.dollars = Money::from_units(dollars);
  STRATUS_ASSIGN_OR_RETURN(out.version, get_n(entry, "ver", what));

  OrderRecord& o = out.reserved;
  o.client_order_id = std::string(client_order_id);
  STRATUS_ASSIGN_OR_RETURN(auto run, find_s(entry, "run", what));
  o.run_id = run.value_or("");
  o.symbol = out.symbol;
  o.month = std::string(month);
  o.session = out.session;
  STRATUS_ASSIGN_OR_RETURN(auto qty, get_n(entry, "qty", what));
  o.qty = Quantity(qty);
  STRATUS_ASSIGN_OR_RETURN(auto price, get_n(entry, "price", what));
  o.limit_price = Money::from_units(price);
  o.notional = o.limit_price * qty;
  o.state = OrderState::kReserved;
  STRATUS_ASSIGN_OR_RETURN(auto reason, find_s(entry, "reason", what));
  o.reason = reason.value_or("");
  STRATUS_ASSIGN_OR_RETURN(o.created_at, read_time(entry, "at", what));
  o.updated_at = o.created_at;
  return out;
}

Result<Item> reservations_of(const std::optional<Item>& cap_item, std::string_view month) {
  if (!cap_item) return Item::object();
  return get_m(*cap_item, "res", "cap item " + cap_pk(month));
}

Result<CapUsage> usage_of(const Item& reservations, std::string_view symbol,
                          std::string_view month) {
  CapUsage usage;
  for (const auto& [id, value] : reservations.items()) {
    STRATUS_ASSIGN_OR_RETURN(auto entry, get_m(reservations, id, "cap item " + cap_pk(month)));
    STRATUS_ASSIGN_OR_RETURN(auto stored, read_reservation_entry(id, month, entry));
    usage.total_spent += stored.dollars;
    if (stored.symbol == symbol) {
      usage.shares_used = usage.shares_used + stored.shares;
      usage.symbol_spent += stored.dollars;
    }
  }
  return usage;
}

}  // namespace stratus::dynamodb
