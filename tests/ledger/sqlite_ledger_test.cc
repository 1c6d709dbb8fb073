// The SQLite Ledger: joins the Ledger contract suite, and checks what only SQLite shows — the
// order_events history, the stored units and that state survives reopening the file.
#include "adapters/sqlite/sqlite_ledger.h"

#include <gtest/gtest.h>

#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "ledger_contract_test.h"

namespace stratus {
namespace {

class FixedClock : public Clock {
 public:
  Timestamp now() const override { return *parse_utc_timestamp("2015-08-24T12:00:00Z"); }
};

// One directory for every ledger this binary creates; removed at exit.
const TestTempDir& ledger_dir() {
  static const TestTempDir dir("ledger");
  return dir;
}

std::unique_ptr<Ledger> make_sqlite_ledger() {
  static int next = 0;
  auto ledger = SqliteLedger::open(ledger_dir().file("ledger-" + std::to_string(next++) + ".db"),
                                   FixedClock());
  EXPECT_TRUE(ledger.ok()) << ledger.error().to_string();
  if (!ledger.ok()) return nullptr;
  return std::move(ledger).value();
}

INSTANTIATE_TEST_SUITE_P(Sqlite, LedgerContractTest,
                         ::testing::Values(LedgerBackend{"Sqlite", make_sqlite_ledger}),
                         LedgerBackendName());

Money m(const char* text) { return *Money::parse(text); }
Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

ReservationRequest request(const std::string& id, int desired) {
  ReservationRequest r;
  r.client_order_id = id;
  r.run_id = "run-1";
  r.symbol = "MSFT";
  r.session = *parse_date("2015-08-24");
  r.month = "2015-08";
  r.desired = Quantity(desired);
  r.price = m("43.07");
  r.limits.monthly_shares = Quantity(4);
  r.at = t("2015-08-24T19:45:00Z");
  return r;
}

OrderUpdate to(OrderState state, int filled = 0, std::optional<Money> avg = std::nullopt) {
  OrderUpdate u;
  u.state = state;
  u.broker_order_id = "paper-1";
  u.filled_qty = Quantity(filled);
  u.filled_avg_price = avg;
  u.at = t("2015-08-25T13:30:00Z");
  return u;
}

struct EventRow {
  std::optional<std::string> from;
  std::string to;
  std::string at;
  std::string details;
};

std::vector<EventRow> events(Database& db, const std::string& id) {
  std::vector<EventRow> out;
  auto select = db.prepare(
      "SELECT from_state, to_state, at, details FROM order_events WHERE client_order_id = ?1 "
      "ORDER BY id");
  EXPECT_TRUE(select.ok());
  select->bind(1, id);
  while (*select->step()) {
    out.push_back({select->column_optional_text(0), select->column_text(1), select->column_text(2),
                   select->column_text(3)});
  }
  return out;
}

class SqliteLedgerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = open_stratus_database(dir_.file("stratus.db"), FixedClock());
    ASSERT_TRUE(db.ok()) << db.error().to_string();
    db_ = std::move(db).value();
    ledger_ = std::make_unique<SqliteLedger>(*db_);
  }

  TestTempDir dir_{"sqlite-ledger"};
  std::unique_ptr<Database> db_;
  std::unique_ptr<SqliteLedger> ledger_;
};

TEST_F(SqliteLedgerTest, EveryStateChangeIsRecordedOnceInTheHistory) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 2)).ok());
  ASSERT_TRUE(ledger_->reserve(request("o1", 2)).ok());  // Already exists: no event.
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());  // Pure repeat: no event.
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kFilled, 2, m("43.10"))).ok());
  auto rejected = ledger_->update("o1", to(OrderState::kCanceled, 2, m("43.10")));
  ASSERT_FALSE(rejected.ok());  // Forbidden: no event.

  auto history = events(*db_, "o1");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].from, std::nullopt);
  EXPECT_EQ(history[0].to, "reserved");
  EXPECT_EQ(history[0].at, "2015-08-24T19:45:00Z");
  EXPECT_NE(history[0].details.find("\"price\":\"43.07\""), std::string::npos)
      << history[0].details;
  EXPECT_EQ(history[1].from, std::optional<std::string>("reserved"));
  EXPECT_EQ(history[1].to, "submitted");
  EXPECT_EQ(history[2].from, std::optional<std::string>("submitted"));
  EXPECT_EQ(history[2].to, "filled");
  EXPECT_NE(history[2].details.find("\"filled_avg_price\":\"43.10\""), std::string::npos)
      << history[2].details;
}

TEST_F(SqliteLedgerTest, MoneyIsStoredAsExactIntegerUnitsAndTimesAsUtcText) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 3)).ok());
  auto select = db_->prepare(
      "SELECT typeof(limit_price), limit_price, notional, session, created_at FROM orders");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->column_text(0), "integer");
  EXPECT_EQ(select->column_int64(1), 430700);
  EXPECT_EQ(select->column_int64(2), 1292100);
  EXPECT_EQ(select->column_text(3), "2015-08-24");
  EXPECT_EQ(select->column_text(4), "2015-08-24T19:45:00Z");
}

TEST_F(SqliteLedgerTest, StateSurvivesReopeningTheFile) {
  ASSERT_TRUE(ledger_->reserve(request("o1", 3)).ok());
  ASSERT_TRUE(ledger_->update("o1", to(OrderState::kSubmitted)).ok());
  ledger_.reset();
  db_.reset();

  auto reopened = SqliteLedger::open(dir_.file("stratus.db"), FixedClock());
  ASSERT_TRUE(reopened.ok()) << reopened.error().to_string();
  auto found = (*reopened)->find("o1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->state, OrderState::kSubmitted);
  EXPECT_EQ((*found)->broker_order_id, "paper-1");
  auto usage = (*reopened)->usage("MSFT", "2015-08");
  ASSERT_TRUE(usage.ok());
  EXPECT_EQ(usage->shares_used, Quantity(3));
}

TEST_F(SqliteLedgerTest, TwoConnectionsShareOneCap) {
  auto other_db = open_stratus_database(dir_.file("stratus.db"), FixedClock());
  ASSERT_TRUE(other_db.ok());
  SqliteLedger other(**other_db);
  auto first = ledger_->reserve(request("a", 3));
  auto second = other.reserve(request("b", 3));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->order->qty, Quantity(3));
  EXPECT_EQ(second->order->qty, Quantity(1));
}

TEST(SqliteLedgerSchema, AnUnmigratedDatabaseIsAClearError) {
  TestTempDir dir("sqlite-ledger");
  auto db = Database::open(dir.file("bare.db"));
  ASSERT_TRUE(db.ok());
  SqliteLedger ledger(**db);
  auto usage = ledger.usage("MSFT", "2015-08");
  ASSERT_FALSE(usage.ok());
  EXPECT_EQ(usage.error().code, ErrorCode::kInternal);
  EXPECT_NE(usage.error().message.find("open_stratus_database"), std::string::npos)
      << usage.error().message;
}

}  // namespace
}  // namespace stratus
