// SqliteOutbox: the Outbox port on SQLite (see sqlite_outbox.h for the contracts, schema.cc for
// the table and its units).
#include "adapters/sqlite/sqlite_outbox.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "adapters/sqlite/schema.h"
#include "ports/outbox_order.h"

namespace stratus {
namespace {

constexpr std::string_view kEntryColumns =
    "sink, event_id, payload, created_at, attempts, next_attempt_at, delivered_at, last_error";
constexpr std::string_view kOldestFirst = " ORDER BY created_at, order_key, event_id, sink";

std::string pair_name(std::string_view sink, std::string_view event_id) {
  return "outbox entry (" + std::string(sink) + ", " + std::string(event_id) + ")";
}

Status validate_pair(std::string_view sink, std::string_view event_id) {
  if (sink.empty()) return Error::invalid_input("outbox: expected a sink name, got \"\"");
  if (event_id.empty()) {
    return Error::invalid_input("outbox: expected an event id for sink \"" + std::string(sink) +
                                "\", got \"\"");
  }
  return {};
}

Result<Timestamp> read_time(const Statement& row, int column, std::string_view name,
                            const OutboxEntry& entry) {
  auto t = parse_utc_timestamp(row.column_text(column));
  if (!t.ok()) {
    return Error::internal(pair_name(entry.sink, entry.event_id) + " has a bad " +
                           std::string(name) + ": " + t.error().message);
  }
  return *t;
}

// Reads one row selected with kEntryColumns.
Result<OutboxEntry> read_entry(const Statement& row) {
  OutboxEntry entry;
  entry.sink = row.column_text(0);
  entry.event_id = row.column_text(1);
  entry.payload = row.column_text(2);
  STRATUS_ASSIGN_OR_RETURN(entry.created_at, read_time(row, 3, "created_at", entry));
  entry.attempts = static_cast<int>(row.column_int64(4));
  STRATUS_ASSIGN_OR_RETURN(entry.next_attempt_at, read_time(row, 5, "next_attempt_at", entry));
  if (!row.is_null(6)) {
    STRATUS_ASSIGN_OR_RETURN(Timestamp delivered, read_time(row, 6, "delivered_at", entry));
    entry.delivered_at = delivered;
  }
  entry.last_error = row.column_text(7);
  return entry;
}

Result<std::vector<OutboxEntry>> read_entries(Statement& select) {
  std::vector<OutboxEntry> out;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
    if (!row) break;
    STRATUS_ASSIGN_OR_RETURN(auto entry, read_entry(select));
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

Result<std::unique_ptr<SqliteOutbox>> SqliteOutbox::open(const std::filesystem::path& path,
                                                         const Clock& clock,
                                                         DatabaseOptions options) {
  STRATUS_ASSIGN_OR_RETURN(auto db, open_stratus_database(path, clock, options));
  return std::unique_ptr<SqliteOutbox>(new SqliteOutbox(std::move(db)));
}

Result<Database*> SqliteOutbox::checked_db() {
  if (!schema_checked_) {
    STRATUS_RETURN_IF_ERROR(require_stratus_schema(*db_));
    schema_checked_ = true;
  }
  return db_;
}

Status SqliteOutbox::require_entry(Database& db, std::string_view sink, std::string_view event_id) {
  STRATUS_ASSIGN_OR_RETURN(auto select,
                           db.prepare("SELECT 1 FROM outbox WHERE sink = ?1 AND event_id = ?2"));
  select.bind(1, sink).bind(2, event_id);
  STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
  if (!row) return Error::not_found("no " + pair_name(sink, event_id));
  return {};
}

Result<bool> SqliteOutbox::enqueue(std::string_view sink, std::string_view event_id,
                                   std::string_view payload, Timestamp at) {
  STRATUS_RETURN_IF_ERROR(validate_pair(sink, event_id));
  if (payload.empty()) {
    return Error::invalid_input("outbox: expected a payload for (" + std::string(sink) + ", " +
                                std::string(event_id) + "), got \"\"");
  }
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  // RETURNING yields a row only when the insert happened (not when the pair existed).
  STRATUS_ASSIGN_OR_RETURN(
      auto insert,
      db->prepare("INSERT INTO outbox (sink, event_id, order_key, payload, created_at, "
                  "next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
                  "ON CONFLICT (sink, event_id) DO NOTHING RETURNING 1"));
  insert.bind(1, sink)
      .bind(2, event_id)
      .bind(3, outbox_order_key(event_id))
      .bind(4, payload)
      .bind(5, format_utc_timestamp(at));
  STRATUS_ASSIGN_OR_RETURN(bool added, insert.step());
  STRATUS_RETURN_IF_ERROR(insert.run());  // Finishes the statement (commits it).
  return added;
}

Result<std::vector<OutboxEntry>> SqliteOutbox::due(std::string_view sink, Timestamp now,
                                                   std::size_t limit) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(auto select,
                           db->prepare("SELECT " + std::string(kEntryColumns) +
                                       " FROM outbox WHERE sink = ?1 AND delivered_at IS NULL"
                                       " AND next_attempt_at <= ?2" +
                                       std::string(kOldestFirst) + " LIMIT ?3"));
  const auto capped = static_cast<std::int64_t>(
      std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max()));
  select.bind(1, sink).bind(2, format_utc_timestamp(now)).bind(3, capped);
  return read_entries(select);
}

Result<bool> SqliteOutbox::claim(std::string_view sink, std::string_view event_id, Timestamp now,
                                 Timestamp lease_until) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  // One conditional UPDATE: of concurrent claimers, SQLite's write lock lets exactly one see the
  // entry still due; RETURNING yields a row only when this statement changed it.
  STRATUS_ASSIGN_OR_RETURN(
      auto update, db->prepare("UPDATE outbox SET next_attempt_at = ?4, attempts = attempts + 1"
                               " WHERE sink = ?1 AND event_id = ?2 AND delivered_at IS NULL"
                               " AND next_attempt_at <= ?3 RETURNING 1"));
  update.bind(1, sink)
      .bind(2, event_id)
      .bind(3, format_utc_timestamp(now))
      .bind(4, format_utc_timestamp(lease_until));
  STRATUS_ASSIGN_OR_RETURN(bool claimed, update.step());
  STRATUS_RETURN_IF_ERROR(update.run());
  if (claimed) return true;
  STRATUS_RETURN_IF_ERROR(require_entry(*db, sink, event_id));
  return false;
}

Status SqliteOutbox::mark_delivered(std::string_view sink, std::string_view event_id,
                                    Timestamp at) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(auto update,
                           db->prepare("UPDATE outbox SET delivered_at = ?3 WHERE sink = ?1 AND "
                                       "event_id = ?2 AND delivered_at IS NULL RETURNING 1"));
  update.bind(1, sink).bind(2, event_id).bind(3, format_utc_timestamp(at));
  STRATUS_ASSIGN_OR_RETURN(bool changed, update.step());
  STRATUS_RETURN_IF_ERROR(update.run());
  if (changed) return {};
  return require_entry(*db, sink, event_id);  // Delivered before: nothing to do.
}

Status SqliteOutbox::mark_failed(std::string_view sink, std::string_view event_id,
                                 std::string_view error, Timestamp next_attempt_at) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(
      auto update,
      db->prepare("UPDATE outbox SET last_error = ?3, next_attempt_at = ?4 WHERE sink = ?1 AND "
                  "event_id = ?2 AND delivered_at IS NULL RETURNING 1"));
  update.bind(1, sink)
      .bind(2, event_id)
      .bind(3, error)
      .bind(4, format_utc_timestamp(next_attempt_at));
  STRATUS_ASSIGN_OR_RETURN(bool changed, update.step());
  STRATUS_RETURN_IF_ERROR(update.run());
  if (changed) return {};
  return require_entry(*db, sink, event_id);  // Delivered: no effect.
}

Result<std::vector<OutboxEntry>> SqliteOutbox::pending() {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(auto select, db->prepare("SELECT " + std::string(kEntryColumns) +
                                                    " FROM outbox WHERE delivered_at IS NULL" +
                                                    std::string(kOldestFirst)));
  return read_entries(select);
}

Result<std::optional<OutboxEntry>> SqliteOutbox::find(std::string_view sink,
                                                      std::string_view event_id) {
  STRATUS_ASSIGN_OR_RETURN(Database * db, checked_db());
  STRATUS_ASSIGN_OR_RETURN(auto select,
                           db->prepare("SELECT " + std::string(kEntryColumns) +
                                       " FROM outbox WHERE sink = ?1 AND event_id = ?2"));
  select.bind(1, sink).bind(2, event_id);
  STRATUS_ASSIGN_OR_RETURN(bool row, select.step());
  if (!row) return std::optional<OutboxEntry>();
  STRATUS_ASSIGN_OR_RETURN(auto entry, read_entry(select));
  return std::optional<OutboxEntry>(std::move(entry));
}

}  // namespace stratus
