// Tests of the SQLite wrapper: connection settings, statements, transactions, error mapping and
// schema migrations, on real files in a temp directory.
#include "adapters/sqlite/database.h"

#include <gtest/gtest.h>

#include <array>

#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

class FixedClock : public Clock {
 public:
  Timestamp now() const override { return *parse_utc_timestamp("2015-08-24T19:45:00Z"); }
};

std::unique_ptr<Database> open_or_die(const std::filesystem::path& path,
                                      DatabaseOptions options = {}) {
  auto db = Database::open(path, options);
  EXPECT_TRUE(db.ok()) << db.error().to_string();
  return std::move(db).value();
}

std::int64_t count(Database& db, const std::string& sql) {
  auto stmt = db.prepare(sql);
  EXPECT_TRUE(stmt.ok()) << stmt.error().to_string();
  auto row = stmt->step();
  EXPECT_TRUE(row.ok() && *row);
  return stmt->column_int64(0);
}

bool table_exists(Database& db, const std::string& name) {
  return count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name +
                       "'") == 1;
}

TEST(Database, MissingDirectoryIsAClearErrorNamingThePath) {
  TestTempDir dir("db");
  const auto path = dir.file("no-such-dir/stratus.db");
  auto db = Database::open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(db.error().to_string().find(path.string()), std::string::npos)
      << db.error().to_string();
  EXPECT_FALSE(std::filesystem::exists(dir.file("no-such-dir")));
}

TEST(Database, OpensInWalModeWithForeignKeys) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  auto mode = db->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->step());
  EXPECT_EQ(mode->column_text(0), "wal");
  EXPECT_EQ(count(*db, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(db->path(), dir.file("a.db").string());
}

TEST(Database, StatementsBindAndReadEveryType) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (i INTEGER, s TEXT, n INTEGER, o TEXT)").ok());
  auto insert = db->prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4)");
  ASSERT_TRUE(insert.ok());
  insert->bind(1, std::int64_t{-42})
      .bind(2, std::string_view("héllo"))
      .bind(3, std::optional<std::int64_t>())
      .bind(4, std::optional<std::string>("x"));
  ASSERT_TRUE(insert->run().ok());
  insert->reset();
  insert->bind(1, std::int64_t{9'000'000'000'000}).bind(2, "b").bind_null(3).bind_null(4);
  ASSERT_TRUE(insert->run().ok());

  auto select = db->prepare("SELECT i, s, n, o FROM t ORDER BY i");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_int64(0), -42);
  EXPECT_EQ(select->column_text(1), "héllo");
  EXPECT_TRUE(select->is_null(2));
  EXPECT_EQ(select->column_optional_int64(2), std::nullopt);
  EXPECT_EQ(select->column_optional_text(3), std::optional<std::string>("x"));
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_int64(0), 9'000'000'000'000);
  EXPECT_EQ(select->column_optional_text(3), std::nullopt);
  EXPECT_FALSE(*select->step());
}

TEST(Database, BindingErrorsSurfaceAtStep) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  auto select = db->prepare("SELECT ?1");
  ASSERT_TRUE(select.ok());
  select->bind(7, std::int64_t{1});  // No such parameter.
  auto row = select->step();
  ASSERT_FALSE(row.ok());
  EXPECT_NE(row.error().message.find("parameter 7"), std::string::npos) << row.error().message;
}

TEST(Database, PrepareTakesOneStatementAndReportsSyntaxErrors) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  auto two = db->prepare("SELECT 1; SELECT 2");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().code, ErrorCode::kInternal);
  auto bad = db->prepare("SELEKT 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInternal);
  EXPECT_EQ(bad.error().context, db->path());
  EXPECT_TRUE(db->prepare("SELECT 1;  ").ok());
}

TEST(Database, ConstraintViolationIsConflict) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (k TEXT PRIMARY KEY)").ok());
  ASSERT_TRUE(db->exec("INSERT INTO t VALUES ('a')").ok());
  auto again = db->exec("INSERT INTO t VALUES ('a')");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("UNIQUE"), std::string::npos) << again.error().message;
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (k INTEGER)").ok());
  {
    auto tx = db->begin_immediate();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_EQ(count(*db, "SELECT count(*) FROM t"), 0);
  {
    auto tx = db->begin_immediate();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE(tx->commit().ok());
    EXPECT_FALSE(tx->commit().ok());  // Already finished.
  }
  EXPECT_EQ(count(*db, "SELECT count(*) FROM t"), 1);
}

TEST(Database, LockHeldBeyondTheBusyTimeoutIsUnavailable) {
  TestTempDir dir("db");
  auto holder = open_or_die(dir.file("a.db"));
  auto waiter = open_or_die(dir.file("a.db"), DatabaseOptions{std::chrono::milliseconds(50)});
  auto held = holder->begin_immediate();
  ASSERT_TRUE(held.ok());
  auto tx = waiter->begin_immediate();
  ASSERT_FALSE(tx.ok());
  EXPECT_EQ(tx.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(tx.error().context, dir.file("a.db").string());
  ASSERT_TRUE(held->commit().ok());
  EXPECT_TRUE(waiter->begin_immediate().ok());
}

constexpr std::array kTwoMigrations = {
    Migration{1, "first", "CREATE TABLE a (x INTEGER);"},
    Migration{2, "second", "CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (7);"},
};

TEST(Migrations, ApplyInOrderOnceAndRecordEachVersion) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  EXPECT_EQ(*db->schema_version(), 0);
  const Timestamp at = FixedClock().now();
  ASSERT_TRUE(db->migrate(std::span(kTwoMigrations).first(1), at).ok());
  EXPECT_EQ(*db->schema_version(), 1);
  EXPECT_TRUE(table_exists(*db, "a"));
  EXPECT_FALSE(table_exists(*db, "b"));

  ASSERT_TRUE(db->migrate(kTwoMigrations, at).ok());
  ASSERT_TRUE(db->migrate(kTwoMigrations, at).ok());  // Idempotent.
  EXPECT_EQ(*db->schema_version(), 2);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM b"), 1);
  EXPECT_EQ(count(*db, "SELECT count(*) FROM schema_migrations"), 2);
  auto applied = db->prepare(
      "SELECT applied_at, description FROM schema_migrations WHERE "
      "version = 2");
  ASSERT_TRUE(applied.ok());
  ASSERT_TRUE(*applied->step());
  EXPECT_EQ(applied->column_text(0), "2015-08-24T19:45:00Z");
  EXPECT_EQ(applied->column_text(1), "second");
}

TEST(Migrations, NewerSchemaThanTheCodeKnowsIsAClearError) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  ASSERT_TRUE(db->migrate(kTwoMigrations, FixedClock().now()).ok());
  auto older = db->migrate(std::span(kTwoMigrations).first(1), FixedClock().now());
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(older.error().message.find("schema version 2 is newer"), std::string::npos)
      << older.error().message;
  EXPECT_EQ(older.error().context, db->path());
}

TEST(Migrations, AFailingMigrationAppliesNothing) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  const std::array broken = {
      Migration{1, "good", "CREATE TABLE a (x INTEGER);"},
      Migration{2, "broken", "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;"},
  };
  auto status = db->migrate(broken, FixedClock().now());
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().to_string().find("migration 2 (broken)"), std::string::npos)
      << status.error().to_string();
  EXPECT_EQ(*db->schema_version(), 0);
  EXPECT_FALSE(table_exists(*db, "a"));
  EXPECT_FALSE(table_exists(*db, "b"));
}

TEST(Migrations, MisnumberedListIsInternal) {
  TestTempDir dir("db");
  auto db = open_or_die(dir.file("a.db"));
  const std::array gap = {Migration{1, "one", "SELECT 1;"}, Migration{3, "three", "SELECT 1;"}};
  auto status = db->migrate(gap, FixedClock().now());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
}

TEST(StratusSchema, OneFileHoldsTheLedgerAndThePaperBroker) {
  TestTempDir dir("db");
  auto db = open_stratus_database(dir.file("stratus.db"), FixedClock());
  ASSERT_TRUE(db.ok()) << db.error().to_string();
  EXPECT_EQ(*(*db)->schema_version(), static_cast<int>(stratus_migrations().size()));
  for (const char* table : {"orders", "order_events", "paper_orders", "schema_migrations"}) {
    EXPECT_TRUE(table_exists(**db, table)) << table;
  }
  // Reopening migrates nothing new.
  auto again = open_stratus_database(dir.file("stratus.db"), FixedClock());
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(count(**again, "SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(stratus_migrations().size()));
}

}  // namespace
}  // namespace stratus
