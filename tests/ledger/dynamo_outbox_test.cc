// The DynamoDB Outbox against dynalite: the Outbox contract suite (each store a fresh ledger
// table, each handle its own HTTP connection, small query pages so listings cross pages; its
// concurrent-claimers test is the multi-thread race), and what only DynamoDB shows: the
// documented items with their sparse index keys, and an outbox sharing the table with the
// ledger without either seeing the other's items.
#include "adapters/dynamodb/dynamo_outbox.h"

#include <gtest/gtest.h>

#include "adapters/dynamodb/ledger_items.h"
#include "adapters/dynamodb/outbox_items.h"
#include "dynalite_test_connection.h"
#include "outbox_contract_test.h"

namespace stratus {
namespace {

using dynamodb::DynamoOutbox;
using dynamodb::DynamoOutboxOptions;
using dynamodb::Item;
using test::OwnDynaliteConnection;
using test::shared_dynalite_client;

// A DynamoOutbox that owns its connection.
struct OwningOutbox {
  OwningOutbox(const DynamoOutboxOptions& options) : outbox(own.connection.client, options) {}
  OwnDynaliteConnection own;
  DynamoOutbox outbox;
};

class DynamoStore : public OutboxStore {
 public:
  DynamoStore() {
    options_.table = test::fresh_ledger_table("outbox");
    options_.page_size = 2;  // Small pages, so every listing in the suite crosses pages.
  }

  std::shared_ptr<Outbox> connect() override {
    auto holder = std::make_shared<OwningOutbox>(options_);
    return std::shared_ptr<Outbox>(holder, &holder->outbox);
  }

 private:
  DynamoOutboxOptions options_;
};

std::unique_ptr<OutboxStore> make_dynamo_store() { return std::make_unique<DynamoStore>(); }

INSTANTIATE_TEST_SUITE_P(Dynamo, OutboxContractTest,
                         ::testing::Values(OutboxBackend{"Dynamo", make_dynamo_store}),
                         OutboxBackendName());

Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

class DynamoOutboxTest : public ::testing::Test {
 protected:
  DynamoOutboxTest() {
    options_.table = test::fresh_ledger_table("outbox-items");
    outbox_ = std::make_unique<DynamoOutbox>(shared_dynalite_client(), options_);
  }

  Item raw(const std::string& pk) {
    auto item = shared_dynalite_client().get_item(options_.table, dynamodb::key_of(pk));
    EXPECT_TRUE(item.ok()) << item.error().to_string();
    return item.ok() && item->has_value() ? **item : Item();
  }

  DynamoOutboxOptions options_;
  std::unique_ptr<DynamoOutbox> outbox_;
};

TEST_F(DynamoOutboxTest, ItemsFollowTheDocumentedDesignAndLeaveTheIndexesWhenDelivered) {
  const Timestamp at = t("2015-08-24T19:45:00Z");
  ASSERT_TRUE(*outbox_->enqueue("slack", "2015-08-24/dev/1#7", "{\"x\":1}", at));
  ASSERT_TRUE(*outbox_->claim("slack", "2015-08-24/dev/1#7", at, t("2015-08-24T19:47:00Z")));
  ASSERT_TRUE(outbox_->mark_failed("slack", "2015-08-24/dev/1#7", "down", at).ok());

  Item item = raw("OUTBOX#slack#2015-08-24/dev/1#7");
  ASSERT_TRUE(item.is_object()) << "no entry item";
  EXPECT_EQ(item["type"], dynamodb::s("outbox"));
  EXPECT_EQ(item["sink"], dynamodb::s("slack"));
  EXPECT_EQ(item["eid"], dynamodb::s("2015-08-24/dev/1#7"));
  EXPECT_EQ(item["payload"], dynamodb::s("{\"x\":1}"));
  EXPECT_EQ(item["created"], dynamodb::s("2015-08-24T19:45:00Z"));
  EXPECT_EQ(item["attempts"], dynamodb::n(1));
  EXPECT_EQ(item["next"], dynamodb::s("2015-08-24T19:45:00Z"));
  EXPECT_EQ(item["error"], dynamodb::s("down"));
  EXPECT_FALSE(item.contains("delivered"));
  EXPECT_EQ(item["GSI1PK"], dynamodb::s("OUTBOX#slack"));
  // The order key: each number as its length in two digits, then its digits.
  EXPECT_EQ(item["GSI1SK"], dynamodb::s("2015-08-24T19:45:00Z#042015-018-0224/dev/011#017"));
  EXPECT_EQ(item["GSI2PK"], dynamodb::s("OUTBOX"));
  EXPECT_EQ(item["GSI2SK"], item["GSI1SK"]);

  ASSERT_TRUE(outbox_->mark_delivered("slack", "2015-08-24/dev/1#7", at).ok());
  item = raw("OUTBOX#slack#2015-08-24/dev/1#7");
  EXPECT_EQ(item["delivered"], dynamodb::s("2015-08-24T19:45:00Z"));
  for (const char* key : {"GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK"}) {
    EXPECT_FALSE(item.contains(key)) << key << " still set on a delivered entry";
  }
}

TEST_F(DynamoOutboxTest, TheLedgerAndTheOutboxShareTheTableWithoutSeeingEachOther) {
  dynamodb::DynamoLedger ledger(shared_dynalite_client(), {.table = options_.table});
  ReservationRequest r;
  r.client_order_id = "o1";
  r.run_id = "run-1";
  r.symbol = "MSFT";
  r.session = *parse_date("2015-08-24");
  r.month = "2015-08";
  r.desired = Quantity(1);
  r.price = *Money::parse("43.07");
  r.limits.monthly_shares = Quantity(4);
  r.at = t("2015-08-24T19:45:00Z");
  ASSERT_TRUE(ledger.reserve(r).ok());
  ASSERT_TRUE(*outbox_->enqueue("slack", "run-1#1", "{}", r.at));
  // A sink named like a symbol partition still lands in its own key space.
  ASSERT_TRUE(*outbox_->enqueue("SYMBOL", "run-1#1", "{}", r.at));

  auto orders = ledger.orders({});
  ASSERT_TRUE(orders.ok()) << orders.error().to_string();
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].client_order_id, "o1");
  OrderFilter msft_august;
  msft_august.symbol = "MSFT";
  msft_august.month = "2015-08";
  auto by_symbol = ledger.orders(msft_august);
  ASSERT_TRUE(by_symbol.ok()) << by_symbol.error().to_string();
  EXPECT_EQ(by_symbol->size(), 1u);

  auto pending = outbox_->pending();
  ASSERT_TRUE(pending.ok()) << pending.error().to_string();
  EXPECT_EQ(pending->size(), 2u);
  auto due = outbox_->due("slack", r.at, 10);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->size(), 1u);
}

TEST_F(DynamoOutboxTest, ASinkNameHoldingTheKeySeparatorIsRefused) {
  auto added = outbox_->enqueue("slack#x", "r#1", "{}", t("2015-08-24T19:45:00Z"));
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::kInvalidInput);
  ASSERT_TRUE(*outbox_->enqueue("slack", "x#r#1", "{}", t("2015-08-24T19:45:00Z")));
  // ("slack#x", "r#1") would name the same item as ("slack", "x#r#1"): it is no entry.
  auto entry = outbox_->find("slack#x", "r#1");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(*entry, std::nullopt);
  auto claim =
      outbox_->claim("slack#x", "r#1", t("2015-08-24T19:45:00Z"), t("2015-08-24T19:47:00Z"));
  ASSERT_FALSE(claim.ok());
  EXPECT_EQ(claim.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace stratus
