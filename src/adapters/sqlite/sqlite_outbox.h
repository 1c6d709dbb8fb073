// SqliteOutbox: the Outbox port (ports/outbox.h) in the Stratus SQLite file, table `outbox`
// (schema.cc, version 3), beside the ledger. Every change is one statement, atomic on its own
// (a conditional UPDATE or an INSERT ... ON CONFLICT DO NOTHING), so threads and processes that
// share the file never both claim an entry; committed (WAL, synchronous) before the call returns.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "adapters/sqlite/database.h"
#include "ports/clock.h"
#include "ports/outbox.h"

namespace stratus {

class SqliteOutbox : public Outbox {
 public:
  // An outbox on `db`, which must outlive it.
  // REQUIRES: no other code uses the connection while an outbox call runs (the ledger may share
  // it between calls). `db` should have been opened with open_stratus_database(); otherwise
  // every call fails with an Internal error saying so (checked on first use).
  explicit SqliteOutbox(Database& db) : db_(&db) {}

  // Opens (creating and migrating if needed) the Stratus file at `path`, owning the connection.
  // Errors as open_stratus_database.
  static Result<std::unique_ptr<SqliteOutbox>> open(const std::filesystem::path& path,
                                                    const Clock& clock,
                                                    DatabaseOptions options = {});

  // Outbox. Beyond the port's contract:
  // - enqueue(): InvalidInput (nothing written) for an empty sink, event id or payload;
  // - claim(), mark_delivered() and mark_failed() answer NotFound for an unknown pair;
  // - Unavailable when the file stayed locked for the busy timeout.
  Result<bool> enqueue(std::string_view sink, std::string_view event_id, std::string_view payload,
                       Timestamp at) override;
  Result<std::vector<OutboxEntry>> due(std::string_view sink, Timestamp now,
                                       std::size_t limit) override;
  Result<bool> claim(std::string_view sink, std::string_view event_id, Timestamp now,
                     Timestamp lease_until) override;
  Status mark_delivered(std::string_view sink, std::string_view event_id, Timestamp at) override;
  Status mark_failed(std::string_view sink, std::string_view event_id, std::string_view error,
                     Timestamp next_attempt_at) override;
  Result<std::vector<OutboxEntry>> pending() override;
  Result<std::optional<OutboxEntry>> find(std::string_view sink,
                                          std::string_view event_id) override;

 private:
  explicit SqliteOutbox(std::unique_ptr<Database> owned)
      : owned_(std::move(owned)), db_(owned_.get()) {}

  // The database, once its schema version has been checked.
  Result<Database*> checked_db();
  // OK when (sink, event_id) exists; NotFound naming it otherwise.
  Status require_entry(Database& db, std::string_view sink, std::string_view event_id);

  std::unique_ptr<Database> owned_;  // Set only when created by open().
  Database* db_;
  bool schema_checked_ = false;
};

}  // namespace stratus
