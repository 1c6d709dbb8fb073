// SqliteLedger: the Ledger port on SQLite (see sqlite_ledger.h for the contracts and the
// counting rules, schema.cc for the tables and units).
#include "adapters/sqlite/sqlite_ledger.h"

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

#include "adapters/sqlite/schema.h"
#include "ports/ledger_rules.h"

namespace stratus {
namespace {

constexpr std::string_view kOrderColumns =
    "client_order_id, run_id, symbol, month, session, qty, limit_price, notional, state, "
    "broker_order_id, filled_qty, filled_avg_price, filled_at, commission, reason, created_at, "
    "updated_at";

Error corrupt(std::string_view id, std::string_view column, const Error& error) {
  return Error::internal("orders row \"" + std::string(id) + "\" has a bad " + std::string(column) +
                         ": " + error.message);
}

// Reads one `orders` row selected with kOrderColumns.
Result<OrderRecord> read_order(const Statement& row) {
  OrderRecord order;
  order.client_order_id = row.column_text(0);
  order.run_id = row.column_text(1);
  order.symbol = row.column_text(2);
  order.month = row.column_text(3);
  auto session = parse_date(row.column_text(4));
  if (!session.ok()) return corrupt(order.client_order_id, "session", session.error());
  order.session = *session;
  order.qty = Quantity(row.column_int64(5));
  order.limit_price = Money::from_units(row.column_int64(6));
  order.notional = Money::from_units(row.column_int64(7));
  auto state = parse_order_state(row.column_text(8));
  if (!state.ok()) return corrupt(order.client_order_id, "state", state.error());
  order.state = *state;
  order.broker_order_id = row.column_text(9);
  order.filled_qty = Quantity(row.column_int64(10));
  if (auto avg = row.column_optional_int64(11)) order.filled_avg_price = Money::from_units(*avg);
  if (auto at = row.column_optional_text(12)) {
    auto filled_at = parse_utc_timestamp(*at);
    if (!filled_at.ok()) return corrupt(order.client_order_id, "filled_at", filled_at.error());
    order.filled_at = *filled_at;
  }
  order.commission = Money::from_units(row.column_int64(13));
  order.reason = row.column_text(14);
  auto created = parse_utc_timestamp(row.column_text(15));
  if (!created.ok()) return corrupt(order.client_order_id, "created_at", created.error());
  order.created_at = *created;
  auto updated = parse_utc_timestamp(row.column_text(16));
  if (!updated.ok()) return corrupt(order.client_order_id, "updated_at", updated.error());
  order.updated_at = *updated;
  return order;
}

Result<std::optional<OrderRecord>> find_order(Database& db, std::string_view id) {
  STRATUS_ASSIGN_OR_RETURN(auto select, db.prepare("SELECT " + std::string(kOrderColumns) +
                                                   " FROM orders WHERE client_order_id = ?1"));
  select.bind(1, id);
  STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
  if (!row) return std::optional<OrderRecord>();
  STRATUS_ASSIGN_OR_RETURN(auto order, read_order(select));
  return std::optional<OrderRecord>(std::move(order));
}

// The month's usage, read in one statement (a consistent snapshot).
Result<CapUsage> read_usage(Database& db, std::string_view symbol, std::string_view month) {
  STRATUS_ASSIGN_OR_RETURN(
      auto select,
      db.prepare("SELECT"
                 " COALESCE(SUM(CASE WHEN symbol = ?1 THEN"
                 "   CASE WHEN state IN ('rejected', 'canceled') THEN filled_qty ELSE qty END"
                 " END), 0),"
                 " COALESCE(SUM(CASE WHEN symbol = ?1 THEN notional END), 0),"
                 " COALESCE(SUM(notional), 0)"
                 " FROM orders WHERE month = ?2"));
  select.bind(1, symbol).bind(2, month);
  STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
  CapUsage usage;
  if (row) {
    usage.shares_used = Quantity(select.column_int64(0));
    usage.symbol_spent = Money::from_units(select.column_int64(1));
    usage.total_spent = Money::from_units(select.column_int64(2));
  }
  return usage;
}

Status insert_event(Database& db, std::string_view id, std::optional<OrderState> from,
                    OrderState to, Timestamp at, const nlohmann::json& details) {
  STRATUS_ASSIGN_OR_RETURN(
      auto insert, db.prepare("INSERT INTO order_events (client_order_id, from_state, to_state, "
                              "at, details) VALUES (?1, ?2, ?3, ?4, ?5)"));
  insert.bind(1, id);
  if (from) {
    insert.bind(2, order_state_name(*from));
  } else {
    insert.bind_null(2);
  }
  insert.bind(3, order_state_name(to)).bind(4, format_utc_timestamp(at)).bind(5, details.dump());
  return insert.run();
}

std::optional<std::int64_t> units_of(const std::optional<Money>& money) {
  if (!money) return std::nullopt;
  return money->units();
}

std::optional<std::string> text_of(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return format_utc_timestamp(*t);
}

}  // namespace

Result<std::unique_ptr<SqliteLedger>> SqliteLedger::open(const std::filesystem::path& path,
                                                         const Clock& clock,
                                                         DatabaseOptions options) {
  STRATUS_ASSIGN_OR_RETURN(auto db, open_stratus_database(path, clock, options));
  return std::unique_ptr<SqliteLedger>(new SqliteLedger(std::move(db)));
}

Result<Database*> SqliteLedger::checked_db() {
  if (!schema_checked_) {
    STRATUS_RETURN_IF_ERROR(require_stratus_schema(*db_));
    schema_checked_ = true;
  }
  return db_;
}

Result<ReservationOutcome> SqliteLedger::reserve(const ReservationRequest& request) {
  STRATUS_RETURN_IF_ERROR(validate_reservation(request));
  STRATUS_ASSIGN_OR_RETURN(Database * checked, checked_db());
  Database& db = *checked;
  STRATUS_ASSIGN_OR_RETURN(auto tx, db.begin_immediate());

  ReservationOutcome outcome;
  STRATUS_ASSIGN_OR_RETURN(auto existing, find_order(db, request.client_order_id));
  if (existing) {
    if (existing->symbol != request.symbol || existing->session != request.session) {
      return Error::conflict("client_order_id \"" + request.client_order_id +
                             "\" is already reserved for " + existing->symbol + " on " +
                             format_date(existing->session) + ", not for " + request.symbol +
                             " on " + format_date(request.session));
    }
    outcome.kind = ReservationOutcome::Kind::kAlreadyExists;
    outcome.order = std::move(existing);
    return outcome;  // Nothing written; the guard rolls the read-only transaction back.
  }

  STRATUS_ASSIGN_OR_RETURN(outcome.usage_before, read_usage(db, request.symbol, request.month));
  outcome.decision = decide_reservation(request.desired, request.price, request.limits,
                                        outcome.usage_before, request.policy);
  if (outcome.decision.qty.is_zero()) {
    outcome.kind = ReservationOutcome::Kind::kDenied;
    return outcome;
  }

  OrderRecord order = reserved_order(request, outcome.decision, outcome.usage_before);

  STRATUS_ASSIGN_OR_RETURN(
      auto insert,
      db.prepare("INSERT INTO orders (client_order_id, run_id, symbol, month, session, qty, "
                 "limit_price, notional, state, reason, created_at, updated_at) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
  insert.bind(1, order.client_order_id)
      .bind(2, order.run_id)
      .bind(3, order.symbol)
      .bind(4, order.month)
      .bind(5, format_date(order.session))
      .bind(6, order.qty.shares())
      .bind(7, order.limit_price.units())
      .bind(8, order.notional.units())
      .bind(9, order_state_name(order.state))
      .bind(10, order.reason)
      .bind(11, format_utc_timestamp(order.created_at))
      .bind(12, format_utc_timestamp(order.updated_at));
  STRATUS_RETURN_IF_ERROR(insert.run());
  STRATUS_RETURN_IF_ERROR(insert_event(db, order.client_order_id, std::nullopt,
                                       OrderState::kReserved, request.at,
                                       {{"run_id", request.run_id},
                                        {"desired", request.desired.shares()},
                                        {"qty", order.qty.shares()},
                                        {"price", request.price.to_string()},
                                        {"clipped", outcome.decision.clipped},
                                        {"reason", order.reason},
                                        {"usage_before", usage_event_json(outcome.usage_before)}}));
  STRATUS_RETURN_IF_ERROR(tx.commit());

  outcome.kind = ReservationOutcome::Kind::kReserved;
  outcome.order = std::move(order);
  return outcome;
}

Result<OrderRecord> SqliteLedger::update(std::string_view client_order_id,
                                         const OrderUpdate& update) {
  STRATUS_ASSIGN_OR_RETURN(Database * checked, checked_db());
  Database& db = *checked;
  STRATUS_ASSIGN_OR_RETURN(auto tx, db.begin_immediate());
  STRATUS_ASSIGN_OR_RETURN(auto found, find_order(db, client_order_id));
  if (!found) {
    return Error::not_found("no order with client_order_id \"" + std::string(client_order_id) +
                            "\" in the ledger");
  }
  const OrderRecord& current = *found;
  STRATUS_ASSIGN_OR_RETURN(OrderRecord next, apply_update(current, update));

  if (same_content(current, next)) return current;  // A pure repeat: nothing to record.
  next.updated_at = update.at;

  STRATUS_ASSIGN_OR_RETURN(
      auto write, db.prepare("UPDATE orders SET state = ?2, broker_order_id = ?3, filled_qty = ?4, "
                             "filled_avg_price = ?5, filled_at = ?6, commission = ?7, reason = ?8, "
                             "notional = ?9, updated_at = ?10 WHERE client_order_id = ?1"));
  write.bind(1, next.client_order_id)
      .bind(2, order_state_name(next.state))
      .bind(3, next.broker_order_id)
      .bind(4, next.filled_qty.shares())
      .bind(5, units_of(next.filled_avg_price))
      .bind(6, text_of(next.filled_at))
      .bind(7, next.commission.units())
      .bind(8, next.reason)
      .bind(9, next.notional.units())
      .bind(10, format_utc_timestamp(next.updated_at));
  STRATUS_RETURN_IF_ERROR(write.run());
  STRATUS_RETURN_IF_ERROR(insert_event(db, next.client_order_id, current.state, next.state,
                                       update.at, fill_event_json(next)));
  STRATUS_RETURN_IF_ERROR(tx.commit());
  return next;
}

Result<std::optional<OrderRecord>> SqliteLedger::find(std::string_view client_order_id) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  return find_order(*db, client_order_id);
}

Result<std::vector<OrderRecord>> SqliteLedger::orders(const OrderFilter& filter) {
  std::string sql = "SELECT " + std::string(kOrderColumns) + " FROM orders WHERE 1 = 1";
  if (filter.symbol) sql += " AND symbol = ?1";
  if (filter.month) sql += " AND month = ?2";
  if (filter.open_only) sql += " AND state IN ('reserved', 'submitted', 'partially_filled')";
  sql += " ORDER BY session, client_order_id";
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(auto select, db->prepare(sql));
  if (filter.symbol) select.bind(1, *filter.symbol);
  if (filter.month) select.bind(2, *filter.month);
  std::vector<OrderRecord> out;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
    if (!row) break;
    STRATUS_ASSIGN_OR_RETURN(auto order, read_order(select));
    out.push_back(std::move(order));
  }
  return out;
}

Result<CapUsage> SqliteLedger::usage(std::string_view symbol, std::string_view month) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  return read_usage(*db, symbol, month);
}

}  // namespace stratus
