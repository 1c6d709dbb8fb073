// The SQLite Outbox: joins the Outbox contract suite (one new file per store, one connection per
// handle), and checks what only SQLite shows: the schema migration that adds the table to a
// ledger file written before it existed, the stored columns, and the shared ledger file.
#include "adapters/sqlite/sqlite_outbox.h"

#include <gtest/gtest.h>

#include <atomic>

#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/sqlite_ledger.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "outbox_contract_test.h"

namespace stratus {
namespace {

class FixedClock : public Clock {
 public:
  Timestamp now() const override { return *parse_utc_timestamp("2015-08-24T12:00:00Z"); }
};

// One directory for every store this binary creates; removed at exit.
const TestTempDir& outbox_dir() {
  static const TestTempDir dir("outbox");
  return dir;
}

class SqliteStore : public OutboxStore {
 public:
  explicit SqliteStore(std::filesystem::path path) : path_(std::move(path)) {}

  std::shared_ptr<Outbox> connect() override {
    auto outbox = SqliteOutbox::open(path_, FixedClock());
    EXPECT_TRUE(outbox.ok()) << outbox.error().to_string();
    if (!outbox.ok()) return nullptr;
    return std::shared_ptr<Outbox>(std::move(outbox).value());
  }

 private:
  std::filesystem::path path_;
};

std::unique_ptr<OutboxStore> make_sqlite_store() {
  static std::atomic<int> next{0};
  return std::make_unique<SqliteStore>(
      outbox_dir().file("outbox-" + std::to_string(next++) + ".db"));
}

INSTANTIATE_TEST_SUITE_P(Sqlite, OutboxContractTest,
                         ::testing::Values(OutboxBackend{"Sqlite", make_sqlite_store}),
                         OutboxBackendName());

Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

TEST(SqliteOutboxSchema, ALedgerFileFromBeforeTheOutboxGainsItAndKeepsItsOrders) {
  TestTempDir dir("outbox-migration");
  const auto path = dir.file("stratus.db");
  {
    // The file as the previous release left it: schema version 2, one order.
    auto db = Database::open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->migrate(stratus_migrations().first(2), FixedClock().now()).ok());
    ASSERT_TRUE((*db)
                    ->exec("INSERT INTO orders (client_order_id, run_id, symbol, month, session, "
                           "qty, limit_price, notional, state, created_at, updated_at) VALUES "
                           "('o1', 'r', 'MSFT', '2015-08', '2015-08-24', 1, 430700, 430700, "
                           "'reserved', '2015-08-24T19:45:00Z', '2015-08-24T19:45:00Z')")
                    .ok());
  }
  auto db = open_stratus_database(path, FixedClock());
  ASSERT_TRUE(db.ok()) << db.error().to_string();
  EXPECT_EQ(*(*db)->schema_version(), static_cast<int>(stratus_migrations().size()));
  SqliteLedger ledger(**db);
  SqliteOutbox outbox(**db);
  auto order = ledger.find("o1");
  ASSERT_TRUE(order.ok() && order->has_value());
  EXPECT_EQ((*order)->symbol, "MSFT");
  auto added = outbox.enqueue("slack", "r#1", "{}", t("2015-08-25T19:45:00Z"));
  ASSERT_TRUE(added.ok()) << added.error().to_string();
  EXPECT_TRUE(*added);
}

TEST(SqliteOutboxSchema, AnUnmigratedDatabaseIsAClearError) {
  TestTempDir dir("outbox-bare");
  auto db = Database::open(dir.file("bare.db"));
  ASSERT_TRUE(db.ok());
  SqliteOutbox outbox(**db);
  auto pending = outbox.pending();
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().code, ErrorCode::kInternal);
  EXPECT_NE(pending.error().message.find("open_stratus_database"), std::string::npos)
      << pending.error().message;
}

TEST(SqliteOutboxRows, EntriesAreStoredAsUtcTextBesideTheLedgerOnOneConnection) {
  TestTempDir dir("outbox-rows");
  auto db = open_stratus_database(dir.file("stratus.db"), FixedClock());
  ASSERT_TRUE(db.ok());
  SqliteOutbox outbox(**db);
  SqliteLedger ledger(**db);  // Shares the connection between calls.
  ASSERT_TRUE(
      *outbox.enqueue("sheets", "2015-08-24/dev/1#12", "{\"a\":1}", t("2015-08-24T19:45:00Z")));
  ASSERT_TRUE(*outbox.claim("sheets", "2015-08-24/dev/1#12", t("2015-08-24T19:45:00Z"),
                            t("2015-08-24T19:47:00Z")));
  ASSERT_TRUE(ledger.usage("MSFT", "2015-08").ok());
  ASSERT_TRUE(outbox
                  .mark_failed("sheets", "2015-08-24/dev/1#12", "the Sheets web app answered 500",
                               t("2015-08-24T19:46:00Z"))
                  .ok());

  auto select = (*db)->prepare(
      "SELECT sink, event_id, payload, created_at, attempts, next_attempt_at, delivered_at, "
      "last_error FROM outbox");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_text(0), "sheets");
  EXPECT_EQ(select->column_text(1), "2015-08-24/dev/1#12");
  EXPECT_EQ(select->column_text(2), "{\"a\":1}");
  EXPECT_EQ(select->column_text(3), "2015-08-24T19:45:00Z");
  EXPECT_EQ(select->column_int64(4), 1);
  EXPECT_EQ(select->column_text(5), "2015-08-24T19:46:00Z");
  EXPECT_TRUE(select->is_null(6));
  EXPECT_EQ(select->column_text(7), "the Sheets web app answered 500");
  EXPECT_FALSE(*select->step());
}

}  // namespace
}  // namespace stratus
