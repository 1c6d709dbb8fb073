// PaperBroker: the simulated broker on the Stratus SQLite file (see paper_broker.h for the fill
// rule, schema.cc for the paper_orders table and its units).
#include "adapters/paper/paper_broker.h"

#include <algorithm>
#include <cassert>
#include <string>
#include <utility>

#include "adapters/sqlite/schema.h"

namespace stratus {
namespace {

constexpr std::string_view kColumns =
    "seq, client_order_id, symbol, qty, order_type, limit_price, time_in_force, status, "
    "filled_qty, filled_avg_price, commission, submitted_at, filled_at, reason";

std::string_view type_name(OrderType type) {
  return type == OrderType::kLimit ? "limit" : "market";
}

std::string_view tif_name(TimeInForce tif) { return tif == TimeInForce::kGtc ? "gtc" : "day"; }

Result<BrokerOrderStatus> parse_status(std::string_view name) {
  for (auto s : {BrokerOrderStatus::kAccepted, BrokerOrderStatus::kPartiallyFilled,
                 BrokerOrderStatus::kFilled, BrokerOrderStatus::kCanceled,
                 BrokerOrderStatus::kRejected, BrokerOrderStatus::kExpired}) {
    if (broker_order_status_name(s) == name) return s;
  }
  return Error::internal("paper_orders has an unknown status \"" + std::string(name) + "\"");
}

std::string broker_order_id(std::int64_t seq) { return "paper-" + std::to_string(seq); }

Error rejected(std::string message, const OrderRequest& request) {
  return Error::rejected(std::move(message), "paper order " + request.client_order_id);
}

}  // namespace

struct PaperBroker::Stored {
  BrokerOrder order;
  OrderType type = OrderType::kMarket;
  std::optional<Money> limit_price;
  TimeInForce time_in_force = TimeInForce::kDay;
};

// What an accepted order has become as of some instant. kAccepted: nothing yet.
struct PaperBroker::Decision {
  BrokerOrderStatus status = BrokerOrderStatus::kAccepted;
  std::optional<Money> price;  // For kFilled.
  Timestamp at;                // When it filled or expired.
  std::string reason;          // For kExpired.
};

PaperBroker::PaperBroker(Database& db, MarketData& data, const MarketCalendar& calendar,
                         const Clock& clock, PaperBrokerOptions options)
    : db_(db), data_(data), calendar_(calendar), clock_(clock), options_(options) {
  assert(options_.slippage_bps >= 0);
  assert(options_.commission_per_order >= Money());
}

Result<Database*> PaperBroker::checked_db() {
  if (!schema_checked_) {
    STRATUS_RETURN_IF_ERROR(require_stratus_schema(db_));
    schema_checked_ = true;
  }
  return &db_;
}

Result<std::optional<PaperBroker::Stored>> PaperBroker::load(std::string_view client_order_id) {
  STRATUS_ASSIGN_OR_RETURN(auto select,
                           db_.prepare("SELECT " + std::string(kColumns) +
                                       " FROM paper_orders WHERE client_order_id = ?1"));
  select.bind(1, client_order_id);
  STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
  if (!row) return std::optional<Stored>();

  const std::string context = "paper_orders row \"" + std::string(client_order_id) + "\"";
  Stored stored;
  BrokerOrder& o = stored.order;
  o.broker_order_id = broker_order_id(select.column_int64(0));
  o.client_order_id = select.column_text(1);
  o.symbol = select.column_text(2);
  o.qty = Quantity(select.column_int64(3));
  stored.type = select.column_text(4) == "limit" ? OrderType::kLimit : OrderType::kMarket;
  if (auto limit = select.column_optional_int64(5)) stored.limit_price = Money::from_units(*limit);
  stored.time_in_force = select.column_text(6) == "gtc" ? TimeInForce::kGtc : TimeInForce::kDay;
  auto status = parse_status(select.column_text(7));
  if (!status.ok()) return status.error().within(context);
  o.status = *status;
  o.filled_qty = Quantity(select.column_int64(8));
  if (auto avg = select.column_optional_int64(9)) o.filled_avg_price = Money::from_units(*avg);
  o.commission = Money::from_units(select.column_int64(10));
  auto submitted = parse_utc_timestamp(select.column_text(11));
  if (!submitted.ok()) return submitted.error().within(context);
  o.submitted_at = *submitted;
  if (auto at = select.column_optional_text(12)) {
    auto filled_at = parse_utc_timestamp(*at);
    if (!filled_at.ok()) return filled_at.error().within(context);
    o.filled_at = *filled_at;
  }
  o.reason = select.column_text(13);
  return std::optional<Stored>(std::move(stored));
}

Result<BrokerOrder> PaperBroker::submit(const OrderRequest& request) {
  if (const std::string why = malformed_request_reason(request); !why.empty()) {
    return rejected(why, request);
  }

  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  const std::string duplicate =
      "client_order_id must be unique: \"" + request.client_order_id +
      "\" was already submitted to the paper broker; look up the existing order";
  STRATUS_ASSIGN_OR_RETURN(auto existing, load(request.client_order_id));
  if (existing) return Error::conflict(duplicate, "paper order " + request.client_order_id);

  const Timestamp now = clock_.now();
  auto known = data_.daily_bars(request.symbol, new_york_date(now), 1);
  if (!known.ok()) {
    if (known.error().code == ErrorCode::kNotFound) {
      return rejected("unknown symbol \"" + request.symbol + "\": " + known.error().message,
                      request);
    }
    return known.error();
  }

  std::optional<std::int64_t> limit_units;
  if (request.type == OrderType::kLimit && request.limit_price) {
    limit_units = request.limit_price->units();
  }
  STRATUS_ASSIGN_OR_RETURN(auto tx, db->begin_immediate());
  STRATUS_ASSIGN_OR_RETURN(
      auto insert,
      db->prepare("INSERT INTO paper_orders (client_order_id, symbol, qty, order_type, "
                  "limit_price, time_in_force, status, submitted_at, updated_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'accepted', ?7, ?7)"));
  insert.bind(1, request.client_order_id)
      .bind(2, request.symbol)
      .bind(3, request.qty.shares())
      .bind(4, type_name(request.type))
      .bind(5, limit_units)
      .bind(6, tif_name(request.time_in_force))
      .bind(7, format_utc_timestamp(now));
  auto inserted = insert.run();
  if (!inserted.ok()) {
    // Another process inserted the same id between our look-up and our insert.
    if (inserted.error().code == ErrorCode::kConflict) {
      return Error::conflict(duplicate, "paper order " + request.client_order_id);
    }
    return inserted.error();
  }
  const std::int64_t seq = db->last_insert_rowid();
  STRATUS_RETURN_IF_ERROR(tx.commit());

  BrokerOrder order;
  order.broker_order_id = broker_order_id(seq);
  order.client_order_id = request.client_order_id;
  order.symbol = request.symbol;
  order.qty = request.qty;
  order.status = BrokerOrderStatus::kAccepted;
  order.submitted_at = now;
  return order;
}

Result<PaperBroker::Decision> PaperBroker::decide(const Stored& stored, Timestamp now) {
  const BrokerOrder& order = stored.order;
  Decision waiting;  // kAccepted.

  // Bars strictly after `after` are candidates: the submission day's own session only when the
  // order came in before its open.
  const Date submitted_day = new_york_date(order.submitted_at);
  STRATUS_ASSIGN_OR_RETURN(const MarketDay first_day, calendar_.day(submitted_day));
  Date after = (first_day.is_session && order.submitted_at < first_day.open)
                   ? submitted_day - std::chrono::days{1}
                   : submitted_day;

  while (true) {
    STRATUS_ASSIGN_OR_RETURN(const std::optional<DailyBar> bar,
                             data_.first_bar_after(order.symbol, after));
    if (!bar) return waiting;  // The data has no price after the order yet.
    STRATUS_ASSIGN_OR_RETURN(const MarketDay day, calendar_.day(bar->session));
    if (!day.is_session) {
      return Error::internal("market data has a bar for " + order.symbol + " on " +
                             format_date(bar->session) + ", which the " +
                             std::string(calendar_.name()) + " calendar says is not a session (" +
                             day.closed_reason + ")");
    }
    if (now < day.open) return waiting;

    // The first price the data has after the order, and when it was known.
    const Money first = bar->open.value_or(bar->close);
    const Timestamp first_at = bar->open ? day.open : day.close;
    const Money slipped = first.adjusted_by_bps(options_.slippage_bps);

    if (stored.type == OrderType::kMarket) {
      if (now < first_at) return waiting;
      return Decision{BrokerOrderStatus::kFilled, slipped, first_at, ""};
    }

    const Money limit = stored.limit_price.value_or(Money());
    if (first <= limit) {
      if (now < first_at) return waiting;
      return Decision{BrokerOrderStatus::kFilled, std::min(slipped, limit), first_at, ""};
    }
    // Whether the limit was reached during the session is known only once it has closed.
    if (now < day.close) return waiting;
    const Money low = bar->low.value_or(bar->close);
    if (low <= limit) return Decision{BrokerOrderStatus::kFilled, limit, day.close, ""};
    if (stored.time_in_force == TimeInForce::kDay) {
      return Decision{BrokerOrderStatus::kExpired, std::nullopt, day.close,
                      "limit " + limit.to_string() + " not reached in session " +
                          format_date(bar->session) + " (low " + low.to_string() +
                          "); time_in_force day"};
    }
    after = bar->session;  // Good till canceled: try the next session.
  }
}

Result<std::optional<BrokerOrder>> PaperBroker::find_by_client_order_id(
    std::string_view client_order_id) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(auto stored, load(client_order_id));
  if (!stored) return std::optional<BrokerOrder>();
  if (stored->order.status != BrokerOrderStatus::kAccepted) {
    return std::optional<BrokerOrder>(std::move(stored->order));
  }

  STRATUS_ASSIGN_OR_RETURN(const Decision decision, decide(*stored, clock_.now()));
  if (decision.status == BrokerOrderStatus::kAccepted) {
    return std::optional<BrokerOrder>(std::move(stored->order));
  }

  // Persist the decision. The decision is a function of the order and the data, so concurrent
  // deciders write the same thing; only the first write (still 'accepted') takes effect.
  const bool filled = decision.status == BrokerOrderStatus::kFilled;
  STRATUS_ASSIGN_OR_RETURN(
      auto write,
      db->prepare("UPDATE paper_orders SET status = ?2, filled_qty = ?3, filled_avg_price = ?4, "
                  "commission = ?5, filled_at = ?6, reason = ?7, updated_at = ?8 "
                  "WHERE client_order_id = ?1 AND status = 'accepted'"));
  write.bind(1, client_order_id)
      .bind(2, broker_order_status_name(decision.status))
      .bind(3, filled ? stored->order.qty.shares() : std::int64_t{0})
      .bind(4, decision.price ? std::optional<std::int64_t>(decision.price->units()) : std::nullopt)
      .bind(5, filled ? options_.commission_per_order.units() : std::int64_t{0})
      .bind(6,
            filled ? std::optional<std::string>(format_utc_timestamp(decision.at)) : std::nullopt)
      .bind(7, decision.reason)
      .bind(8, format_utc_timestamp(decision.at));
  STRATUS_RETURN_IF_ERROR(write.run());

  STRATUS_ASSIGN_OR_RETURN(auto reloaded, load(client_order_id));
  if (!reloaded) {
    return Error::internal("paper order \"" + std::string(client_order_id) +
                           "\" vanished while being filled");
  }
  return std::optional<BrokerOrder>(std::move(reloaded->order));
}

}  // namespace stratus
