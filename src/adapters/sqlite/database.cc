// Database: the SQLite connection wrapper (see database.h for the contracts).
#include "adapters/sqlite/database.h"

#include <sqlite3.h>

#include <algorithm>
#include <system_error>
#include <thread>
#include <utility>

namespace stratus {
namespace {

// Pause between attempts to switch a fresh file to WAL while other connections touch it.
constexpr std::chrono::milliseconds kJournalRetryPause{10};

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ';';
  });
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Statement

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_rc_(other.bind_rc_),
      bind_index_(other.bind_index_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_rc_ = other.bind_rc_;
    bind_index_ = other.bind_index_;
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement& Statement::note_bind(int rc, int index) {
  if (rc != SQLITE_OK && bind_rc_ == 0) {
    bind_rc_ = rc;
    bind_index_ = index;
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  return note_bind(sqlite3_bind_int64(stmt_, index, value), index);
}

Statement& Statement::bind(int index, std::string_view value) {
  return note_bind(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      index);
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, std::optional<std::string> value) {
  return value ? bind(index, std::string_view(*value)) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  return note_bind(sqlite3_bind_null(stmt_, index), index);
}

Result<bool> Statement::step() {
  if (bind_rc_ != 0) {
    return db_->error(bind_rc_, "binding parameter " + std::to_string(bind_index_) + " of \"" +
                                    std::string(sqlite3_sql(stmt_)) + "\"");
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->error(rc, "running \"" + std::string(sqlite3_sql(stmt_)) + "\"");
}

Status Statement::run() {
  while (true) {
    auto row = step();
    if (!row.ok()) return row.error();
    if (!*row) return {};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_rc_ = 0;
  bind_index_ = 0;
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return column_text(column);
}

// ---------------------------------------------------------------------------------------------
// Transaction

Transaction::~Transaction() {
  if (db_ != nullptr) {
    // Fails harmlessly when SQLite has already rolled the transaction back by itself.
    (void)db_->exec("ROLLBACK");
  }
}

Status Transaction::commit() {
  if (db_ == nullptr) return Error::internal("commit() on a finished transaction");
  auto status = db_->exec("COMMIT");
  if (!status.ok()) return status.error();
  db_ = nullptr;
  return {};
}

// ---------------------------------------------------------------------------------------------
// Database

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path,
                                                 DatabaseOptions options) {
  const std::string name = path.string();
  if (name.empty()) return Error::invalid_input("expected a SQLite database path, got \"\"");
  std::error_code ec;
  const std::filesystem::path parent =
      path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  if (!std::filesystem::is_directory(parent, ec)) {
    return Error::invalid_input("cannot open SQLite database: directory \"" + parent.string() +
                                    "\" does not exist (create it first)",
                                name);
  }
  sqlite3* handle = nullptr;
  const int rc =
      sqlite3_open_v2(name.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  // The wrapper owns the handle from here on, even when opening failed.
  std::unique_ptr<Database> db(new Database(handle, name));
  if (rc != SQLITE_OK) {
    if (handle == nullptr)
      return Error::internal("cannot open SQLite database: out of memory", name);
    return db->error(rc, "opening the database file");
  }
  auto status = db->configure(options);
  if (!status.ok()) return status.error();
  return db;
}

Database::~Database() {
  if (handle_ != nullptr) sqlite3_close_v2(handle_);
}

Status Database::configure(const DatabaseOptions& options) {
  sqlite3_extended_result_codes(handle_, 1);
  const auto timeout_ms = std::max<std::int64_t>(options.busy_timeout.count(), 0);
  sqlite3_busy_timeout(handle_, static_cast<int>(std::min<std::int64_t>(timeout_ms, 1 << 30)));

  // Switching a fresh file to WAL needs a moment of exclusive access. When other connections
  // are opening the same file at that instant SQLite may report BUSY at once (without calling
  // the busy handler) or leave the mode unchanged, so retry until the busy timeout has passed.
  // (A steady clock bounds this wait; it is never used as the time of anything.)
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  std::string mode;
  Error last_error = Error::unavailable("the file is busy", path_);
  while (true) {
    auto stmt = prepare("PRAGMA journal_mode=WAL");
    if (!stmt.ok()) return stmt.error();
    auto row = stmt->step();
    if (row.ok()) {
      if (*row) mode = stmt->column_text(0);
      if (mode == "wal") break;
    } else if (row.error().code != ErrorCode::kUnavailable) {
      return row.error();
    } else {
      last_error = row.error();
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(kJournalRetryPause);
  }
  if (mode != "wal") {
    return Error::unavailable(
        "could not switch the database to WAL journal mode: " + last_error.message, path_);
  }
  return exec("PRAGMA foreign_keys=ON");
}

Error Database::error(int rc, std::string_view doing) const {
  std::string detail;
  if (handle_ != nullptr && sqlite3_extended_errcode(handle_) == rc) {
    detail = sqlite3_errmsg(handle_);
  } else {
    detail = sqlite3_errstr(rc);
  }
  std::string message = "SQLite error while " + std::string(doing) + ": " + detail;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::unavailable(message + " (the database stayed locked by another connection)",
                                path_);
    case SQLITE_CONSTRAINT:
      return Error::conflict(message, path_);
    case SQLITE_CANTOPEN:
      return Error::internal(message + " (check that the file is readable and writable)", path_);
    default:
      return Error::internal(message, path_);
  }
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc =
      sqlite3_prepare_v2(handle_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  Statement statement(this, stmt);
  if (rc != SQLITE_OK) return error(rc, "preparing \"" + std::string(sql) + "\"");
  if (stmt == nullptr) return Error::internal("no SQL statement in \"" + std::string(sql) + "\"");
  const std::size_t used = static_cast<std::size_t>(tail - sql.data());
  if (!is_blank(sql.substr(used))) {
    return Error::internal("prepare() takes one statement, got more: \"" + std::string(sql) + "\"",
                           path_);
  }
  return statement;
}

Status Database::exec(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, &message);
  if (message != nullptr) sqlite3_free(message);
  if (rc != SQLITE_OK) {
    const std::string shown = text.size() > 80 ? text.substr(0, 80) + "..." : text;
    return error(rc, "executing \"" + shown + "\"");
  }
  return {};
}

Result<Transaction> Database::begin_immediate() {
  auto status = exec("BEGIN IMMEDIATE");
  if (!status.ok()) return status.error();
  return Transaction(this);
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(handle_); }

Result<int> Database::schema_version() {
  STRATUS_ASSIGN_OR_RETURN(
      auto exists, prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
                           "'schema_migrations'"));
  STRATUS_ASSIGN_OR_RETURN(bool row, exists.step());
  if (!row || exists.column_int64(0) == 0) return 0;
  STRATUS_ASSIGN_OR_RETURN(auto max, prepare("SELECT max(version) FROM schema_migrations"));
  STRATUS_ASSIGN_OR_RETURN(row, max.step());
  if (!row || max.is_null(0)) return 0;
  return static_cast<int>(max.column_int64(0));
}

Status Database::migrate(std::span<const Migration> migrations, Timestamp now) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return Error::internal("migration list is not numbered 1, 2, 3, ...: entry " +
                             std::to_string(i) + " has version " +
                             std::to_string(migrations[i].version));
    }
  }
  const int latest = static_cast<int>(migrations.size());

  // Everything below happens under the write lock, so concurrent migrators serialize here and
  // each re-reads the version the previous one left.
  STRATUS_ASSIGN_OR_RETURN(auto tx, begin_immediate());
  STRATUS_RETURN_IF_ERROR(
      exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
           " version INTEGER PRIMARY KEY,"
           " description TEXT NOT NULL,"
           " applied_at TEXT NOT NULL)"));
  STRATUS_ASSIGN_OR_RETURN(const int current, schema_version());
  if (current > latest) {
    return Error::invalid_input("database schema version " + std::to_string(current) +
                                    " is newer than this build of Stratus knows (" +
                                    std::to_string(latest) +
                                    "); upgrade Stratus or use another database file",
                                path_);
  }
  for (int version = current + 1; version <= latest; ++version) {
    const Migration& migration = migrations[static_cast<std::size_t>(version - 1)];
    const std::string label =
        "migration " + std::to_string(version) + " (" + std::string(migration.description) + ")";
    auto applied = exec(migration.sql);
    if (!applied.ok()) return applied.error().within(label);
    STRATUS_ASSIGN_OR_RETURN(
        auto insert, prepare("INSERT INTO schema_migrations (version, description, applied_at) "
                             "VALUES (?1, ?2, ?3)"));
    insert.bind(1, std::int64_t{version})
        .bind(2, migration.description)
        .bind(3, format_utc_timestamp(now));
    auto recorded = insert.run();
    if (!recorded.ok()) return recorded.error().within(label);
  }
  return tx.commit();
}

}  // namespace stratus
