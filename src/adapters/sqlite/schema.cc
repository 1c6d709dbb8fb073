// The Stratus schema, as an ordered list of migrations. Units, for every table:
//   money     INTEGER, units of 1/10,000 dollar (Money::units()), never REAL
//   quantity  INTEGER, whole shares
//   instants  TEXT, ISO-8601 UTC with a Z ("2015-08-24T19:45:00Z"); sorts chronologically
//   dates     TEXT, "2015-08-24"; months TEXT, "2015-08" (New York month of the session)
// A released migration is never edited: change the schema by appending a new one.
#include "adapters/sqlite/schema.h"

#include <array>

namespace stratus {
namespace {

// Version 1: the ledger. `orders` holds one row per client_order_id; `order_events` the history
// of every state change (from_state is NULL for the reservation itself).
constexpr std::string_view kLedgerTables = R"sql(
CREATE TABLE orders (
  client_order_id  TEXT    NOT NULL PRIMARY KEY,
  run_id           TEXT    NOT NULL,
  symbol           TEXT    NOT NULL,
  month            TEXT    NOT NULL,
  session          TEXT    NOT NULL,
  qty              INTEGER NOT NULL CHECK (qty > 0),
  limit_price      INTEGER NOT NULL CHECK (limit_price > 0),
  notional         INTEGER NOT NULL CHECK (notional >= 0),
  state            TEXT    NOT NULL CHECK (state IN ('reserved', 'submitted', 'partially_filled',
                                                     'filled', 'rejected', 'canceled')),
  broker_order_id  TEXT    NOT NULL DEFAULT '',
  filled_qty       INTEGER NOT NULL DEFAULT 0 CHECK (filled_qty >= 0 AND filled_qty <= qty),
  filled_avg_price INTEGER CHECK (filled_avg_price IS NULL OR filled_avg_price > 0),
  filled_at        TEXT,
  commission       INTEGER NOT NULL DEFAULT 0,
  reason           TEXT    NOT NULL DEFAULT '',
  created_at       TEXT    NOT NULL,
  updated_at       TEXT    NOT NULL
);
CREATE INDEX orders_by_symbol_month ON orders (symbol, month);
CREATE INDEX orders_by_month ON orders (month);
CREATE TABLE order_events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  client_order_id TEXT    NOT NULL REFERENCES orders (client_order_id),
  from_state      TEXT,
  to_state        TEXT    NOT NULL,
  at              TEXT    NOT NULL,
  details         TEXT    NOT NULL
);
CREATE INDEX order_events_by_order ON order_events (client_order_id, id);
)sql";

// Version 2: the paper broker's orders. broker_order_id is "paper-" followed by seq.
constexpr std::string_view kPaperOrders = R"sql(
CREATE TABLE paper_orders (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  client_order_id  TEXT    NOT NULL UNIQUE,
  symbol           TEXT    NOT NULL,
  qty              INTEGER NOT NULL CHECK (qty > 0),
  order_type       TEXT    NOT NULL CHECK (order_type IN ('market', 'limit')),
  limit_price      INTEGER CHECK (limit_price IS NULL OR limit_price > 0),
  time_in_force    TEXT    NOT NULL CHECK (time_in_force IN ('day', 'gtc')),
  status           TEXT    NOT NULL CHECK (status IN ('accepted', 'partially_filled', 'filled',
                                                      'canceled', 'rejected', 'expired')),
  filled_qty       INTEGER NOT NULL DEFAULT 0,
  filled_avg_price INTEGER,
  commission       INTEGER NOT NULL DEFAULT 0,
  submitted_at     TEXT    NOT NULL,
  filled_at        TEXT,
  reason           TEXT    NOT NULL DEFAULT '',
  updated_at       TEXT    NOT NULL
);
)sql";

// Version 3: the outbox (ports/outbox.h): audit events waiting for, or delivered to, a remote
// sink, one row per (sink, event_id). order_key is outbox_order_key(event_id)
// (ports/outbox_order.h): entries are offered by created_at, order_key, event_id. A claimed
// entry's next_attempt_at is the end of its lease. The partial index holds undelivered rows only.
constexpr std::string_view kOutbox = R"sql(
CREATE TABLE outbox (
  sink             TEXT    NOT NULL CHECK (sink <> ''),
  event_id         TEXT    NOT NULL CHECK (event_id <> ''),
  order_key        TEXT    NOT NULL,
  payload          TEXT    NOT NULL,
  created_at       TEXT    NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at  TEXT    NOT NULL,
  delivered_at     TEXT,
  last_error       TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (sink, event_id)
);
CREATE INDEX outbox_pending ON outbox (sink, created_at, order_key, event_id)
  WHERE delivered_at IS NULL;
)sql";

constexpr std::array kMigrations = {
    Migration{1, "ledger: orders and order_events", kLedgerTables},
    Migration{2, "paper broker: paper_orders", kPaperOrders},
    Migration{3, "outbox: events for remote sinks", kOutbox},
};

}  // namespace

std::span<const Migration> stratus_migrations() { return kMigrations; }

Result<std::unique_ptr<Database>> open_stratus_database(const std::filesystem::path& path,
                                                        const Clock& clock,
                                                        DatabaseOptions options) {
  STRATUS_ASSIGN_OR_RETURN(auto db, Database::open(path, options));
  STRATUS_RETURN_IF_ERROR(db->migrate(stratus_migrations(), clock.now()));
  return db;
}

Status require_stratus_schema(Database& db) {
  STRATUS_ASSIGN_OR_RETURN(const int version, db.schema_version());
  const int latest = static_cast<int>(kMigrations.size());
  if (version == latest) return {};
  if (version > latest) {
    return Error::invalid_input("database schema version " + std::to_string(version) +
                                    " is newer than this build of Stratus knows (" +
                                    std::to_string(latest) + ")",
                                db.path());
  }
  return Error::internal("database schema version is " + std::to_string(version) + ", expected " +
                             std::to_string(latest) +
                             ": open the file with open_stratus_database(), which migrates it",
                         db.path());
}

}  // namespace stratus
