// The real execute step with a real SQLite ledger, trading through AlpacaBroker and the real HTTP
// client stack against the fake Alpaca with injected faults: whatever breaks, the fake ends with
// exactly one order per reservation and the ledger agrees with it (state, broker id, fills).
#include "functions/execute.h"

#include <gtest/gtest.h>

#include <functional>

#include "alpaca/alpaca_test_stack.h"
#include "functions/check_limits.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

using fakes::AcceptFault;
using fakes::FillSpec;
using testing::envelope;
using testing::run_ok;
using testing::weekday_bars;

constexpr const char* kOrderId = "dip-AAPL-20150824-1";

class AlpacaExecuteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack.started.ok()) << stack.started.error().to_string();
    stack.fake.brokerage().set_time(fakes::FakeTime(world.clock.now()));
    config = testing::small_config({"AAPL"});
  }

  // Reserves 2 AAPL for Monday 2015-08-24 and returns check-limits' output (execute's input).
  Json reserved_doc() {
    return testing::reserve_signals(config, *world.ledger, *world.broker, "2015-08-24T19:45:00Z",
                                    "2015-08-24",
                                    {{{"symbol", "AAPL"}, {"price", "100"}, {"qty", 2}}});
  }

  OrderRecord ledger_order() {
    auto record = world.ledger->find(kOrderId);
    EXPECT_TRUE(record.ok() && record->has_value());
    return record.ok() && record->has_value() ? **record : OrderRecord{};
  }

  // The fake holds exactly one order for the reservation, and the ledger names it.
  void expect_one_order_the_ledger_agrees_with() {
    const auto orders = stack.fake.orders();
    ASSERT_EQ(orders.size(), 1u);
    EXPECT_EQ(orders[0].client_order_id, kOrderId);
    EXPECT_EQ(ledger_order().broker_order_id, orders[0].id);
  }

  testing::AlpacaTestStack stack;
  testing::TestWorld world{
      {{"AAPL", weekday_bars("2015-08-25", {"100", "99", "98", "97", "96", "100", "101"})}}};
  Config config;
};

TEST_F(AlpacaExecuteTest, SubmitsThenRecordsFillsWithPriceQuantityAndTime) {
  Execute step(*world.ledger, stack.broker, world.clock);
  Json out = run_ok(step, reserved_doc());
  EXPECT_EQ(out["orders"][0]["state"], "submitted");
  expect_one_order_the_ledger_agrees_with();

  const std::string id = stack.fake.orders()[0].id;
  const fakes::FakeTime open(*parse_utc_timestamp("2015-08-25T13:30:00Z"));
  ASSERT_TRUE(stack.fake.brokerage()
                  .fill(id, FillSpec::shares_at(1, Money::parse("100.10").value()).when(open))
                  .ok());
  world.clock.set(testing::utc("2015-08-25T19:45:00Z"));
  Json next = envelope("2015-08-25T19:45:00Z");
  next["orders"] = Json::array();
  Json later = run_ok(step, next);
  ASSERT_EQ(later["reconciled"].size(), 1u);
  EXPECT_EQ(later["reconciled"][0]["state"], "partially_filled");
  EXPECT_EQ(later["reconciled"][0]["fill"]["qty"], 1);
  EXPECT_EQ(later["reconciled"][0]["fill"]["avg_price"], "100.10");
  EXPECT_EQ(later["reconciled"][0]["fill"]["at"], "2015-08-25T13:30:00Z");

  ASSERT_TRUE(stack.fake.brokerage()
                  .fill(id, FillSpec::all_at(Money::parse("100.30").value())
                                .when(open + std::chrono::minutes(5)))
                  .ok());
  later = run_ok(step, next);
  ASSERT_EQ(later["reconciled"].size(), 1u);
  EXPECT_EQ(later["reconciled"][0]["state"], "filled");
  const OrderRecord record = ledger_order();
  EXPECT_EQ(record.state, OrderState::kFilled);
  EXPECT_EQ(record.filled_qty, Quantity(2));
  EXPECT_EQ(record.filled_avg_price, Money::parse("100.20").value());
  EXPECT_EQ(format_utc_timestamp(*record.filled_at), "2015-08-25T13:35:00Z");
  EXPECT_EQ(stack.fake.orders().size(), 1u);
}

TEST_F(AlpacaExecuteTest, AConnectionDroppedAfterAcceptingIsAdoptedNotResubmitted) {
  stack.fake.faults().after_accept(1, AcceptFault::drop());
  Execute step(*world.ledger, stack.broker, world.clock);
  Json out = run_ok(step, reserved_doc());
  // The retrying client resent the order; Alpaca refused the copy; execute adopted the original.
  EXPECT_EQ(out["orders"][0]["state"], "submitted") << out.dump();
  expect_one_order_the_ledger_agrees_with();
}

TEST_F(AlpacaExecuteTest, AnAmbiguousSubmitIsReconciledInTheSameRun) {
  stack.fake.faults().after_accept(1, AcceptFault::cut());
  Execute step(*world.ledger, stack.bare, world.clock);
  const Json doc = reserved_doc();
  // The answer is cut short: the lookup that follows finds the order and records it.
  Json first = run_ok(step, doc);
  EXPECT_EQ(first["orders"][0]["state"], "submitted") << first.dump();
  EXPECT_EQ(ledger_order().state, OrderState::kSubmitted);
  expect_one_order_the_ledger_agrees_with();
  EXPECT_EQ(stack.fake.requests().count_of(fakes::kPostOrders), 1);
}

TEST_F(AlpacaExecuteTest, AServerErrorBeforeAcceptingIsSentAgainAndPlacedOnce) {
  // A 503 to a POST may have taken effect (Ambiguous): the lookup finds nothing, so the order is
  // sent again under the same client_order_id.
  stack.fake.faults().fail_next(1, 503, fakes::kPostOrders);
  Execute step(*world.ledger, stack.bare, world.clock);
  Json out = run_ok(step, reserved_doc());
  EXPECT_EQ(out["orders"][0]["state"], "submitted") << out.dump();
  expect_one_order_the_ledger_agrees_with();
  EXPECT_EQ(stack.fake.requests().count_of(fakes::kPostOrders), 2);
}

TEST_F(AlpacaExecuteTest, ServerErrorBurstsEndWithOneOrder) {
  stack.fake.faults().fail_next(3, 503);
  Execute step(*world.ledger, stack.broker, world.clock);
  const Json doc = reserved_doc();
  Json out = run_ok(step, doc);
  EXPECT_EQ(out["orders"][0]["state"], "submitted") << out.dump();
  expect_one_order_the_ledger_agrees_with();

  // A burst longer than the retries: the run reports it, the next run finishes the job.
  stack.fake.faults().fail_next(12, 503);
  out = run_ok(step, doc);
  EXPECT_EQ(out["orders"][0]["error"]["code"], "Unavailable") << out.dump();
  stack.fake.faults().clear();
  out = run_ok(step, doc);
  EXPECT_EQ(out["orders"][0]["state"], "submitted");
  expect_one_order_the_ledger_agrees_with();
}

TEST_F(AlpacaExecuteTest, RandomOutagesNeverPlaceASecondOrder) {
  // 30% of requests answer 429 or 503, and every accepted order loses its answer once.
  stack.fake.faults().fail_fraction(0.3, 7, {429, 503});
  stack.fake.faults().after_accept(1, AcceptFault::cut());
  Execute step(*world.ledger, stack.bare, world.clock);
  const Json doc = reserved_doc();
  for (int run = 0; run < 20 && ledger_order().state == OrderState::kReserved; ++run) {
    (void)run_ok(step, doc);
    ASSERT_LE(stack.fake.orders().size(), 1u);
  }
  EXPECT_EQ(ledger_order().state, OrderState::kSubmitted);
  expect_one_order_the_ledger_agrees_with();
}

TEST_F(AlpacaExecuteTest, ARefusalRejectsTheReservationWithAlpacasMessage) {
  fakes::FakeAccountSettings poor;
  poor.cash = Money::from_dollars(150);
  stack.fake.brokerage().set_account(poor);
  Execute step(*world.ledger, stack.broker, world.clock);
  Json out = run_ok(step, reserved_doc());
  EXPECT_EQ(out["orders"][0]["state"], "rejected");
  EXPECT_NE(out["orders"][0]["reason"].get<std::string>().find(
                "HTTP 403, code 40310000: insufficient buying power"),
            std::string::npos);
  EXPECT_TRUE(stack.fake.orders().empty());
  EXPECT_EQ(world.ledger->usage("AAPL", "2015-08")->shares_used, Quantity(0));  // Released.
}

// Every kind of error answer Alpaca gives, through the whole stack: the run reports it with
// Alpaca's words, no order is placed twice, and the ledger agrees with the fake: a refused order
// is rejected and its shares released; one whose fate is unknown stays reserved, still counted.
TEST_F(AlpacaExecuteTest, EveryErrorAnswerIsClearAndLeavesTheLedgerConsistent) {
  struct Case {
    const char* name;
    std::function<void(fakes::FakeAlpaca&)> arrange;
    const char* symbol;
    const char* state;        // The ledger's state after the run.
    const char* words;        // In the order's reason (rejected) or error message.
    std::size_t fake_orders;  // Orders the fake holds afterwards.
  };
  const std::vector<Case> cases = {
      {"blocked account",
       [](fakes::FakeAlpaca& f) {
         fakes::FakeAccountSettings blocked;
         blocked.trading_blocked = true;
         f.brokerage().set_account(blocked);
       },
       "AAPL", "rejected", "HTTP 403, code 40310000: account is not authorized to trade", 0},
      {"unknown asset", [](fakes::FakeAlpaca&) {}, "QQQQ", "rejected",
       "HTTP 422, code 40010001: asset \"QQQQ\" not found", 0},
      {"rate limited throughout", [](fakes::FakeAlpaca& f) { f.faults().fail_next(50, 429); },
       "AAPL", "reserved", "rate limit", 0},
      {"server errors throughout",
       [](fakes::FakeAlpaca& f) { f.faults().fail_next(50, 500, fakes::kPostOrders); }, "AAPL",
       "reserved", "500", 0},
      {"unreadable acceptance",
       [](fakes::FakeAlpaca& f) {
         f.faults().after_accept(1, AcceptFault::garbled(200, "{\"id\": 7}"));
       },
       "AAPL", "submitted", "", 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    testing::AlpacaTestStack fresh;
    ASSERT_TRUE(fresh.started.ok());
    testing::TestWorld w{{{"AAPL", weekday_bars("2015-08-25", {"100", "99", "98"})}}};
    c.arrange(fresh.fake);
    const std::string id = std::string("dip-") + c.symbol + "-20150824-1";
    const Json doc =
        testing::reserve_signals(config, *w.ledger, *w.broker, "2015-08-24T19:45:00Z", "2015-08-24",
                                 {{{"symbol", c.symbol}, {"price", "100"}, {"qty", 2}}});
    Execute step(*w.ledger, fresh.broker, w.clock);
    Json out = run_ok(step, doc);
    const Json& order = out["orders"][0];
    EXPECT_EQ(order["state"], c.state) << order.dump();
    const std::string said =
        order.value("reason", "") + order.value("/error/message"_json_pointer, std::string());
    EXPECT_NE(said.find(c.words), std::string::npos) << said;
    EXPECT_EQ(said.find("fake-secret-key"), std::string::npos);

    const auto record = w.ledger->find(id);
    ASSERT_TRUE(record.ok() && record->has_value());
    EXPECT_EQ(order_state_name((*record)->state), std::string(c.state));
    const auto at_fake = fresh.fake.orders();
    ASSERT_EQ(at_fake.size(), c.fake_orders);
    if (c.fake_orders == 1) {
      EXPECT_EQ((*record)->broker_order_id, at_fake[0].id);
    }
    const bool released = std::string(c.state) == "rejected";
    EXPECT_EQ(w.ledger->usage(c.symbol, "2015-08")->shares_used, Quantity(released ? 0 : 2));
  }
}

// check-limits asks Alpaca for the account's buying power once per run and holds the purchases
// within it: 250.00 buys 2 of the 3 AAPL asked for at 100.00, and 1 of 2 MSFT at 43.07 with the
// 50.00 left. Alpaca then accepts both.
TEST_F(AlpacaExecuteTest, CheckLimitsHoldsPurchasesWithinAlpacasBuyingPower) {
  fakes::FakeAccountSettings account;
  account.cash = Money::from_dollars(250);
  stack.fake.brokerage().set_account(account);
  testing::TestWorld w{{{"AAPL", weekday_bars("2015-08-24", {"100", "100"})},
                        {"MSFT", weekday_bars("2015-08-24", {"43.07", "43.07"})}}};
  config.watchlist = {"AAPL", "MSFT"};
  Json doc = envelope("2015-08-24T19:45:00Z");
  doc["market"] = {{"session", "2015-08-24"}};
  doc["signals"] = {{{"symbol", "AAPL"}, {"price", "100.00"}, {"qty", 3}},
                    {{"symbol", "MSFT"}, {"price", "43.07"}, {"qty", 2}}};
  const int asked_before = stack.fake.requests().count_of(fakes::kGetAccount);
  CheckLimits limits(config, *w.ledger, stack.broker);
  const Json checked = run_ok(limits, doc);
  EXPECT_EQ(stack.fake.requests().count_of(fakes::kGetAccount), asked_before + 1);
  EXPECT_EQ(checked["buying_power"]["broker"], "alpaca");
  EXPECT_EQ(checked["buying_power"]["available"], Money::from_dollars(250).to_string());
  ASSERT_EQ(checked["orders"].size(), 2u) << checked.dump(1);
  EXPECT_EQ(checked["orders"][0]["qty"], 2);
  EXPECT_EQ(checked["orders"][0]["bound_by"], "buying_power");
  EXPECT_EQ(checked["orders"][1]["qty"], 1);
  EXPECT_TRUE(checked["declined"].empty());

  Execute step(*w.ledger, stack.broker, w.clock);
  const Json out = run_ok(step, checked);
  for (const Json& order : out["orders"]) EXPECT_EQ(order["state"], "submitted") << order;
  EXPECT_EQ(stack.fake.orders().size(), 2u);
}

// When Alpaca cannot say, the run goes on without the check (the document says why), and Alpaca
// remains the judge of what the account can pay for.
TEST_F(AlpacaExecuteTest, CheckLimitsGoesOnUncheckedWhenTheAccountCannotBeRead) {
  stack.fake.faults().fail_next(1, 500, fakes::kGetAccount);
  Json doc = envelope("2015-08-24T19:45:00Z");
  doc["market"] = {{"session", "2015-08-24"}};
  doc["signals"] = {{{"symbol", "AAPL"}, {"price", "100.00"}, {"qty", 3}}};
  CheckLimits limits(config, *world.ledger, stack.bare);
  const Json checked = run_ok(limits, doc);
  EXPECT_TRUE(checked["buying_power"]["available"].is_null()) << checked["buying_power"];
  EXPECT_EQ(checked["buying_power"]["error"]["code"], "Unavailable") << checked["buying_power"];
  ASSERT_EQ(checked["orders"].size(), 1u);
  EXPECT_EQ(checked["orders"][0]["qty"], 3);
  EXPECT_FALSE(checked["orders"][0].contains("bound_by"));
}

}  // namespace
}  // namespace stratus
