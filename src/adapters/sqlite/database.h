// Database: a small RAII wrapper over one SQLite connection (WAL mode, busy timeout, foreign
// keys), with prepared statements, BEGIN IMMEDIATE transaction guards and versioned schema
// migrations. Every SQLite failure becomes an Error naming the database file:
//   SQLITE_BUSY / SQLITE_LOCKED (after the busy timeout) -> Unavailable
//   SQLITE_CONSTRAINT                                    -> Conflict
//   anything else                                        -> Internal
//
// Threading: a Database is one connection; use it from one thread at a time. Processes and
// threads that share a file each open their own Database.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"

struct sqlite3;
struct sqlite3_stmt;

namespace stratus {

struct DatabaseOptions {
  // How long a statement waits for another connection's lock before failing with Unavailable.
  std::chrono::milliseconds busy_timeout{10'000};
};

// One step of the schema. Versions start at 1 and increase by one; a migration is never edited
// once released (add a new one instead).
struct Migration {
  int version = 0;
  std::string_view description;
  std::string_view sql;  // One or more statements; runs inside the migration's transaction.
};

class Database;

// A prepared statement. Parameters are 1-based, columns 0-based (as in SQLite).
// Binding never fails by itself: the first binding error is reported by the next step()/run().
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, std::optional<std::int64_t> value);
  Statement& bind(int index, std::optional<std::string> value);
  Statement& bind_null(int index);

  // Advances to the next row. Returns true when a row is available, false when done.
  Result<bool> step();
  // Steps until done, for statements that return no rows (or whose rows are ignored).
  Status run();
  // Makes the statement ready to run again with new bindings (bindings are cleared).
  void reset();

  // Column accessors. REQUIRES: the last step() returned true and `column` is in range.
  bool is_null(int column) const;
  std::int64_t column_int64(int column) const;
  std::optional<std::int64_t> column_optional_int64(int column) const;
  std::string column_text(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  friend class Database;
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement& note_bind(int rc, int index);

  Database* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_rc_ = 0;  // First failing sqlite3_bind_* code (0 when all bindings succeeded).
  int bind_index_ = 0;
};

// A BEGIN IMMEDIATE transaction: holds the database's write lock from the start, so a read
// followed by a write inside it is atomic with respect to every other connection. Rolls back on
// destruction unless commit() succeeded.
class Transaction {
 public:
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Commits. After a failure the transaction is rolled back when the guard is destroyed.
  // REQUIRES: commit() has not succeeded before.
  Status commit();

 private:
  friend class Database;
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_ = nullptr;  // Null once committed (or moved from).
};

class Database {
 public:
  // Opens (creating if absent) the SQLite file at `path` and configures the connection: busy
  // timeout, WAL journal mode, foreign keys on. Does not create parent directories: when the
  // directory is missing the error is InvalidInput naming the path. Applies no migrations.
  static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path,
                                                DatabaseOptions options = {});

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  const std::string& path() const { return path_; }

  // Prepares one SQL statement.
  Result<Statement> prepare(std::string_view sql);
  // Runs one or more SQL statements that take no parameters.
  Status exec(std::string_view sql);
  // Starts a BEGIN IMMEDIATE transaction, waiting up to the busy timeout for the write lock.
  // REQUIRES: no transaction is open on this connection.
  Result<Transaction> begin_immediate();
  // The rowid of the last row this connection inserted.
  std::int64_t last_insert_rowid() const;

  // Brings the schema up to the last of `migrations`, each missing one applied in order with a
  // row in schema_migrations(version, description, applied_at = `now`), all in one BEGIN
  // IMMEDIATE transaction that re-reads the version inside it. Idempotent, and safe when many
  // processes migrate the same file at once (exactly one applies each version).
  // REQUIRES: migrations are numbered 1, 2, 3, ... in order (Internal otherwise).
  // Fails with InvalidInput when the file's schema is newer than the last known migration.
  Status migrate(std::span<const Migration> migrations, Timestamp now);
  // The highest applied schema version (0 for a file that was never migrated).
  Result<int> schema_version();

  // The Error for SQLite result code `rc`, saying what was being done; context is the path.
  Error error(int rc, std::string_view doing) const;

 private:
  Database(sqlite3* handle, std::string path) : handle_(handle), path_(std::move(path)) {}
  Status configure(const DatabaseOptions& options);

  sqlite3* handle_ = nullptr;
  std::string path_;
};

}  // namespace stratus
