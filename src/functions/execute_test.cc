#include "functions/execute.h"

#include <gtest/gtest.h>

#include <deque>

#include "functions/check_limits.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

using testing::envelope;
using testing::run_ok;
using testing::weekday_bars;

// Wraps the real paper broker and injects faults, the way a network would: a submit that
// reaches the broker but whose answer is lost (Ambiguous), one that times out before reaching
// it (also Ambiguous to the caller), a submit that never arrives (Unavailable), a lookup that
// fails.
class FaultInjectingBroker final : public Broker {
 public:
  enum class Fault { kNone, kLoseSubmitAnswer, kLoseSubmitRequest, kDropSubmit, kFailLookup };

  explicit FaultInjectingBroker(Broker& inner) : inner_(inner) {}
  std::string_view name() const override { return "faulty"; }

  Result<BrokerOrder> submit(const OrderRequest& request) override {
    ++submits;
    last_request = request;
    const Fault fault = next_fault();
    if (fault == Fault::kDropSubmit) return Error::unavailable("connection refused");
    if (fault == Fault::kLoseSubmitRequest) return Error::ambiguous("timed out while sending");
    auto r = inner_.submit(request);
    if (fault == Fault::kLoseSubmitAnswer) return Error::ambiguous("timed out after sending");
    return r;
  }
  Result<std::optional<BrokerOrder>> find_by_client_order_id(std::string_view id) override {
    if (fail_lookup_after >= 0 && lookups++ == fail_lookup_after) {
      return Error::unavailable("lookup timed out");
    }
    if (!lookup_faults.empty()) {
      lookup_faults.pop_front();
      return Error::unavailable("lookup timed out");
    }
    return inner_.find_by_client_order_id(id);
  }
  Result<std::optional<Money>> available_buying_power() override {
    return inner_.available_buying_power();
  }

  std::deque<Fault> submit_faults;
  std::deque<bool> lookup_faults;
  int submits = 0;
  std::optional<OrderRequest> last_request;
  int lookups = 0;
  int fail_lookup_after = -1;  // >= 0: the lookup with this index (0 = first) fails.

 private:
  Fault next_fault() {
    if (submit_faults.empty()) return Fault::kNone;
    Fault f = submit_faults.front();
    submit_faults.pop_front();
    return f;
  }
  Broker& inner_;
};

class ExecuteTest : public ::testing::Test {
 protected:
  ExecuteTest() { config = testing::small_config({"AAPL"}); }

  // Reserves 2 AAPL for Monday 2015-08-24 and returns check-limits' output.
  Json reserved_doc() {
    return testing::reserve_signals(config, *world.ledger, *world.broker, "2015-08-24T19:45:00Z",
                                    "2015-08-24",
                                    {{{"symbol", "AAPL"}, {"price", "100"}, {"qty", 2}}});
  }

  // Tuesday's open is 101.00 (Monday's close), so a fill is at 101.00 with no slippage.
  testing::TestWorld world{
      {{"AAPL", weekday_bars("2015-08-25", {"100", "99", "98", "97", "96", "100", "101"})}}};
  Config config;
};

TEST_F(ExecuteTest, SubmitsRecordsAndLaterFillsAtTheNextOpen) {
  Execute step(*world.ledger, *world.broker, world.clock);
  Json out = run_ok(step, reserved_doc());
  EXPECT_EQ(out["orders"][0]["state"], "submitted");
  EXPECT_EQ(out["orders"][0]["broker_order_id"].get<std::string>().rfind("paper-", 0), 0u);

  // Tuesday 15:45: the order filled at Tuesday's open.
  world.clock.set(testing::utc("2015-08-25T19:45:00Z"));
  Json next = envelope("2015-08-25T19:45:00Z");
  next["orders"] = Json::array();
  Json later = run_ok(step, next);
  ASSERT_EQ(later["reconciled"].size(), 1u);
  EXPECT_EQ(later["reconciled"][0]["state"], "filled");
  EXPECT_EQ(later["reconciled"][0]["previous_state"], "submitted");
  EXPECT_EQ(later["reconciled"][0]["fill"]["avg_price"], "100.00");
  EXPECT_EQ(later["reconciled"][0]["fill"]["at"], "2015-08-25T13:30:00Z");
  auto record = world.ledger->find("dip-AAPL-20150824-1");
  EXPECT_EQ((*record)->state, OrderState::kFilled);
  EXPECT_EQ((*record)->filled_qty, Quantity(2));
}

TEST_F(ExecuteTest, LostSubmitAnswerIsReconciledInTheSameRunWithoutASecondOrder) {
  FaultInjectingBroker faulty(*world.broker);
  faulty.submit_faults = {FaultInjectingBroker::Fault::kLoseSubmitAnswer};
  Execute step(*world.ledger, faulty, world.clock);
  const Json doc = reserved_doc();
  // The lookup after the ambiguous answer finds the order and adopts it: one submit in total.
  Json first = run_ok(step, doc);
  EXPECT_EQ(first["orders"][0]["state"], "submitted") << first.dump();
  EXPECT_FALSE(first["orders"][0].contains("error"));
  EXPECT_EQ(faulty.submits, 1);
  Json second = run_ok(step, doc);
  EXPECT_EQ(second["orders"][0]["state"], "submitted");
  EXPECT_EQ(faulty.submits, 1);
}

TEST_F(ExecuteTest, AnAmbiguousSubmitTheBrokerNeverSawIsSentAgainUnderTheSameId) {
  FaultInjectingBroker faulty(*world.broker);
  faulty.submit_faults = {FaultInjectingBroker::Fault::kLoseSubmitRequest};
  Execute step(*world.ledger, faulty, world.clock);
  Json out = run_ok(step, reserved_doc());
  EXPECT_EQ(out["orders"][0]["state"], "submitted") << out.dump();
  EXPECT_EQ(faulty.submits, 2);
  auto placed = world.broker->find_by_client_order_id("dip-AAPL-20150824-1");
  ASSERT_TRUE(placed.ok() && placed->has_value());
  EXPECT_EQ((*placed)->qty, Quantity(2));
}

TEST_F(ExecuteTest, AnOutcomeThatStaysAmbiguousIsLeftReservedAfterBoundedRounds) {
  FaultInjectingBroker faulty(*world.broker);
  for (int i = 0; i < Execute::kMaxPlacementRounds; ++i)
    faulty.submit_faults.push_back(FaultInjectingBroker::Fault::kLoseSubmitRequest);
  Execute step(*world.ledger, faulty, world.clock);
  const Json doc = reserved_doc();
  Json first = run_ok(step, doc);
  EXPECT_EQ(first["orders"][0]["state"], "reserved");
  EXPECT_EQ(first["orders"][0]["error"]["code"], "Ambiguous");
  EXPECT_EQ(faulty.submits, Execute::kMaxPlacementRounds);
  // The next run finds nothing at the broker and places it once.
  Json second = run_ok(step, doc);
  EXPECT_EQ(second["orders"][0]["state"], "submitted");
  EXPECT_EQ(faulty.submits, Execute::kMaxPlacementRounds + 1);
}

TEST_F(ExecuteTest, AnAmbiguousSubmitWhoseLookupFailsStaysReserved) {
  FaultInjectingBroker faulty(*world.broker);
  faulty.submit_faults = {FaultInjectingBroker::Fault::kLoseSubmitAnswer};
  Execute step(*world.ledger, faulty, world.clock);
  const Json doc = reserved_doc();
  // Lookup before the submit succeeds; the lookup after the ambiguous answer fails.
  faulty.fail_lookup_after = 1;
  Json first = run_ok(step, doc);
  EXPECT_EQ(first["orders"][0]["state"], "reserved");
  EXPECT_EQ(first["orders"][0]["error"]["code"], "Ambiguous");
  Json second = run_ok(step, doc);  // The next run finds it placed and adopts it.
  EXPECT_EQ(second["orders"][0]["state"], "submitted");
  EXPECT_EQ(faulty.submits, 1);
}

TEST_F(ExecuteTest, UnreachableBrokerLeavesTheReservationForTheNextRun) {
  FaultInjectingBroker faulty(*world.broker);
  faulty.submit_faults = {FaultInjectingBroker::Fault::kDropSubmit};
  faulty.lookup_faults = {true};
  Execute step(*world.ledger, faulty, world.clock);
  const Json doc = reserved_doc();
  Json first = run_ok(step, doc);
  EXPECT_EQ(first["orders"][0]["error"]["code"], "Unavailable");
  EXPECT_EQ(faulty.submits, 0);  // the lookup failed, so nothing was sent
  first = run_ok(step, doc);
  EXPECT_EQ(first["orders"][0]["error"]["code"], "Unavailable");
  EXPECT_EQ(faulty.submits, 1);
  Json ok = run_ok(step, doc);
  EXPECT_EQ(ok["orders"][0]["state"], "submitted");
  EXPECT_EQ(faulty.submits, 2);
  EXPECT_EQ((*world.ledger->find("dip-AAPL-20150824-1"))->state, OrderState::kSubmitted);
}

TEST_F(ExecuteTest, AnOrderSubmittedByAnotherRunIsAdopted) {
  const Json doc = reserved_doc();
  OrderRequest request;
  request.client_order_id = "dip-AAPL-20150824-1";
  request.symbol = "AAPL";
  request.qty = Quantity(2);
  ASSERT_TRUE(world.broker->submit(request).ok());  // the other run got there first
  Execute step(*world.ledger, *world.broker, world.clock);
  Json out = run_ok(step, doc);
  EXPECT_EQ(out["orders"][0]["state"], "submitted");
}

TEST_F(ExecuteTest, RejectionReleasesTheReservation) {
  config.watchlist = {"ZZZZ"};
  const Json doc =
      testing::reserve_signals(config, *world.ledger, *world.broker, "2015-08-24T19:45:00Z",
                               "2015-08-24", {{{"symbol", "ZZZZ"}, {"price", "10"}, {"qty", 2}}});
  Execute step(*world.ledger, *world.broker, world.clock);
  Json out = run_ok(step, doc);  // the paper broker knows no ZZZZ: Rejected
  EXPECT_EQ(out["orders"][0]["state"], "rejected");
  EXPECT_EQ(world.ledger->usage("ZZZZ", "2015-08")->shares_used, Quantity(0));
}

TEST_F(ExecuteTest, UnknownReservationIsBadInput) {
  Json doc = envelope("2015-08-24T19:45:00Z");
  doc["orders"] = Json::array({{{"client_order_id", "nope"}}});
  Execute step(*world.ledger, *world.broker, world.clock);
  auto r = step.run(doc);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("/orders/0/client_order_id"), std::string::npos);
}

TEST(BuyLimitPrice, RaisesByTheOffsetAndRoundsDownToTheTick) {
  EXPECT_EQ(buy_limit_price(*Money::parse("100"), 0), *Money::parse("100"));
  EXPECT_EQ(buy_limit_price(*Money::parse("100"), 25), *Money::parse("100.25"));
  // 43.07 * 1.0010 = 43.11307: a penny tick above $1.00, never rounded up.
  EXPECT_EQ(buy_limit_price(*Money::parse("43.07"), 10), *Money::parse("43.11"));
  // Below $1.00 the tick is 1/10,000: 0.5123 * 1.005 = 0.51486 -> 0.5149 (half away from zero).
  EXPECT_EQ(buy_limit_price(*Money::parse("0.5123"), 50), *Money::parse("0.5149"));
}

TEST_F(ExecuteTest, ALimitStyleSendsALimitOrderAtTheReferencePlusTheOffset) {
  OrderStyle style;
  style.type = OrderType::kLimit;
  style.limit_offset_bps = 50;
  FaultInjectingBroker recording(*world.broker);
  Execute step(*world.ledger, recording, world.clock, style);
  Json out = run_ok(step, reserved_doc());
  EXPECT_EQ(out["orders"][0]["state"], "submitted") << out.dump();
  ASSERT_TRUE(recording.last_request.has_value());
  EXPECT_EQ(recording.last_request->type, OrderType::kLimit);
  ASSERT_TRUE(recording.last_request->limit_price.has_value());
  EXPECT_EQ(*recording.last_request->limit_price, *Money::parse("100.50"));
}

// The chain runner hands the document over (run(Json&&)): the result is the same as from
// run(const Json&), and a failing run leaves the handed-over document as it was, so the runner
// can record the failure in it.
TEST_F(ExecuteTest, TakingTheDocumentOverGivesTheSameResultAndKeepsItOnAnError) {
  const Json doc = reserved_doc();
  testing::TestWorld twin{
      {{"AAPL", weekday_bars("2015-08-25", {"100", "99", "98", "97", "96", "100", "101"})}}};
  const Json twin_doc =
      testing::reserve_signals(config, *twin.ledger, *twin.broker, "2015-08-24T19:45:00Z",
                               "2015-08-24", {{{"symbol", "AAPL"}, {"price", "100"}, {"qty", 2}}});
  ASSERT_EQ(doc, twin_doc);
  Execute step(*world.ledger, *world.broker, world.clock);
  Execute twin_step(*twin.ledger, *twin.broker, twin.clock);
  auto moved = step.run(Json(doc));
  auto copied = twin_step.run(twin_doc);
  ASSERT_TRUE(moved.ok() && copied.ok());
  EXPECT_EQ(*moved, *copied);

  Json bad = doc;
  bad["orders"].push_back(bad["orders"][0]);
  bad["orders"][1]["client_order_id"] = "dip-AAPL-20150824-9";  // Not in the ledger.
  Json handed = bad;
  auto failed = step.run(std::move(handed));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(handed, bad);  // NOLINT(bugprone-use-after-move): left as it was, by contract.
}

}  // namespace
}  // namespace stratus
