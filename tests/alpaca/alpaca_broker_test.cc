// AlpacaBroker with the real HTTP client stack against the fake Alpaca over 127.0.0.1: orders,
// lookups, fills, Alpaca's error answers, rate limits, and the failures that could place an
// order twice (connection dropped after the order was accepted, answers lost or late, 5xx).
#include "adapters/alpaca/alpaca_broker.h"

#include <gtest/gtest.h>

#include "alpaca/alpaca_test_stack.h"

namespace stratus {
namespace {

using fakes::AcceptFault;
using fakes::FillSpec;
using fakes::kGetOrderByClientId;
using fakes::kPostOrders;

OrderRequest buy(const char* id, std::int64_t qty = 2, const char* symbol = "AAPL") {
  OrderRequest r;
  r.client_order_id = id;
  r.symbol = symbol;
  r.qty = Quantity(qty);
  return r;
}

class AlpacaBrokerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(stack.started.ok()) << stack.started.error().to_string(); }

  // How many orders the fake holds with this client_order_id.
  int orders_at_fake(const std::string& client_order_id) {
    int n = 0;
    for (const auto& o : stack.fake.orders()) n += o.client_order_id == client_order_id;
    return n;
  }

  testing::AlpacaTestStack stack;
};

TEST_F(AlpacaBrokerTest, SubmitsFindsAndSeesFills) {
  stack.fake.brokerage().set_time(fakes::FakeTime(*parse_utc_timestamp("2015-08-24T19:45:00Z")));
  auto placed = stack.broker.submit(buy("dip-AAPL-20150824-1", 3));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  EXPECT_EQ(placed->status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(placed->client_order_id, "dip-AAPL-20150824-1");
  EXPECT_EQ(placed->broker_order_id, stack.fake.orders()[0].id);
  EXPECT_EQ(placed->qty, Quantity(3));
  EXPECT_EQ(format_utc_timestamp(placed->submitted_at), "2015-08-24T19:45:00Z");

  auto found = stack.broker.find_by_client_order_id("dip-AAPL-20150824-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->broker_order_id, placed->broker_order_id);
  EXPECT_EQ((*found)->status, BrokerOrderStatus::kAccepted);

  const fakes::FakeTime open(*parse_utc_timestamp("2015-08-25T13:30:00Z"));
  ASSERT_TRUE(stack.fake.brokerage()
                  .fill(placed->broker_order_id,
                        FillSpec::shares_at(1, Money::parse("101.5").value()).when(open))
                  .ok());
  auto partial = stack.broker.find_by_client_order_id("dip-AAPL-20150824-1");
  ASSERT_TRUE(partial.ok() && partial->has_value());
  EXPECT_EQ((*partial)->status, BrokerOrderStatus::kPartiallyFilled);
  EXPECT_EQ((*partial)->filled_qty, Quantity(1));
  EXPECT_EQ((*partial)->filled_avg_price, Money::parse("101.5").value());
  EXPECT_EQ(format_utc_timestamp(*(*partial)->filled_at), "2015-08-25T13:30:00Z");

  ASSERT_TRUE(stack.fake.brokerage()
                  .fill(placed->broker_order_id, FillSpec::all_at(Money::parse("102.25").value())
                                                     .when(open + std::chrono::seconds(90)))
                  .ok());
  auto filled = stack.broker.order(placed->broker_order_id);
  ASSERT_TRUE(filled.ok()) << filled.error().to_string();
  EXPECT_EQ(filled->status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled->filled_qty, Quantity(3));
  EXPECT_EQ(filled->filled_avg_price->to_string(), "102.00");  // (101.5 + 2 * 102.25) / 3
  EXPECT_EQ(format_utc_timestamp(*filled->filled_at), "2015-08-25T13:31:30Z");
  EXPECT_EQ(filled->commission, Money());
}

TEST_F(AlpacaBrokerTest, LimitOrdersCarryTheirPrice) {
  OrderRequest r = buy("limit-1");
  r.type = OrderType::kLimit;
  r.limit_price = Money::parse("99.5").value();
  r.time_in_force = TimeInForce::kGtc;
  ASSERT_TRUE(stack.broker.submit(r).ok());
  const auto orders = stack.fake.orders();
  ASSERT_EQ(orders.size(), 1u);
  const auto& o = orders[0];
  EXPECT_EQ(o.type, "limit");
  EXPECT_EQ(o.limit_price, Money::parse("99.5").value());
  EXPECT_EQ(o.time_in_force, "gtc");
}

TEST_F(AlpacaBrokerTest, ADuplicateIsAConflictAndTheLookupFindsTheOrder) {
  auto first = stack.broker.submit(buy("dup-1"));
  ASSERT_TRUE(first.ok());
  auto second = stack.broker.submit(buy("dup-1"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_NE(second.error().message.find("client_order_id must be unique"), std::string::npos);
  auto found = stack.broker.find_by_client_order_id("dup-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->broker_order_id, first->broker_order_id);
  EXPECT_EQ(orders_at_fake("dup-1"), 1);
}

TEST_F(AlpacaBrokerTest, AResentOrderRefusedForBuyingPowerIsStillRecognised) {
  // Alpaca may check buying power before uniqueness: the adapter looks the order up.
  stack.fake.brokerage().set_uniqueness_checked_last(true);
  fakes::FakeAccountSettings account;
  account.cash = Money::from_dollars(250);
  stack.fake.brokerage().set_account(account);
  ASSERT_TRUE(stack.broker.submit(buy("bp-1")).ok());  // Holds 200 of 250.
  auto again = stack.broker.submit(buy("bp-1"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict) << again.error().to_string();
  EXPECT_NE(again.error().message.find("already exists at Alpaca"), std::string::npos);
  EXPECT_EQ(orders_at_fake("bp-1"), 1);
}

TEST_F(AlpacaBrokerTest, AnUnknownClientOrderIdIsNotFound) {
  auto found = stack.broker.find_by_client_order_id("never-placed");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_FALSE(found->has_value());
  auto by_id = stack.broker.order("00000000-0000-4000-8000-000000000000");
  ASSERT_FALSE(by_id.ok());
  EXPECT_EQ(by_id.error().code, ErrorCode::kNotFound);
}

TEST_F(AlpacaBrokerTest, WrongKeysAreRejectedWithAlpacasMessageAndNoSecret) {
  const std::string secret = "wrong-SECRET-value-42";
  AlpacaBroker broker(stack.retrying, stack.endpoint(secret));
  for (const Error& e :
       {broker.submit(buy("k-1")).error(), broker.find_by_client_order_id("k-1").error(),
        broker.account().error(), broker.positions().error()}) {
    EXPECT_EQ(e.code, ErrorCode::kRejected) << e.to_string();
    EXPECT_NE(e.message.find("HTTP 401, code 40110000: request is not authorized"),
              std::string::npos);
    EXPECT_EQ(e.to_string().find(secret), std::string::npos);
    EXPECT_EQ(e.to_string().find("fake-key-id"), std::string::npos);
  }
  EXPECT_TRUE(stack.fake.orders().empty());
}

TEST_F(AlpacaBrokerTest, NetworkErrorsNameTheHostButNoSecret) {
  const int port = stack.fake.port();
  stack.fake.stop();
  AlpacaBroker broker(stack.curl, AlpacaEndpoint{"http://127.0.0.1:" + std::to_string(port),
                                                 "KEY-ID-xyz", "SECRET-xyz"});
  auto r = broker.find_by_client_order_id("x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable) << r.error().to_string();
  EXPECT_NE(r.error().to_string().find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(r.error().to_string().find("xyz"), std::string::npos);
  auto bad_url =
      AlpacaBroker(stack.curl, {"paper-api.alpaca.markets", "key-id-1", "secret-1"}).account();
  ASSERT_FALSE(bad_url.ok());
  EXPECT_EQ(bad_url.error().code, ErrorCode::kInvalidInput);
}

TEST_F(AlpacaBrokerTest, InsufficientBuyingPowerIsRejected) {
  fakes::FakeAccountSettings account;
  account.cash = Money::from_dollars(150);
  stack.fake.brokerage().set_account(account);
  auto r = stack.broker.submit(buy("poor-1", 2));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kRejected);
  EXPECT_EQ(r.error().to_string(),
            "alpaca POST /v2/orders: Alpaca answered HTTP 403, code 40310000: insufficient "
            "buying power");
  EXPECT_TRUE(stack.fake.orders().empty());
  // One order request, and one lookup that confirmed no such order exists.
  EXPECT_EQ(stack.fake.requests().count_of(kPostOrders), 1);
  EXPECT_EQ(stack.fake.requests().count_of(kGetOrderByClientId), 1);
}

TEST_F(AlpacaBrokerTest, ValidationFailuresAreRejectedNamingTheField) {
  auto unknown = stack.broker.submit(buy("v-1", 1, "ZZZZ"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kRejected);
  EXPECT_NE(unknown.error().message.find("HTTP 422, code 40010001: asset \"ZZZZ\" not found"),
            std::string::npos);
  // What Alpaca would refuse is refused before sending, naming the field.
  OrderRequest subpenny = buy("v-2");
  subpenny.type = OrderType::kLimit;
  subpenny.limit_price = Money::parse("99.995").value();
  auto local = stack.broker.submit(subpenny);
  ASSERT_FALSE(local.ok());
  EXPECT_EQ(local.error().code, ErrorCode::kRejected);
  EXPECT_NE(local.error().message.find("limit_price = 99.995"), std::string::npos);
  auto long_id = stack.broker.submit(buy(std::string(49, 'x').c_str()));
  ASSERT_FALSE(long_id.ok());
  EXPECT_NE(long_id.error().message.find("client_order_id"), std::string::npos);
  EXPECT_EQ(stack.fake.requests().count_of(kPostOrders), 1);
}

TEST_F(AlpacaBrokerTest, RateLimitedRequestsSucceedOnceTheBudgetAllows) {
  stack.fake.faults().fail_next(2, 429, kPostOrders);
  auto placed = stack.broker.submit(buy("rl-1"));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  EXPECT_EQ(stack.fake.requests().count_of(kPostOrders), 3);
  EXPECT_EQ(orders_at_fake("rl-1"), 1);

  // The real budget: the third request waits for X-RateLimit-Reset, then goes through.
  stack.fake.rate_limiter().configure(2, std::chrono::milliseconds(1000));
  for (int i = 0; i < 3; ++i) {
    auto account = stack.broker.account();
    ASSERT_TRUE(account.ok()) << i << ": " << account.error().to_string();
  }
  // Without retries, the 429 comes back as a clear Unavailable.
  stack.fake.faults().fail_next(1, 429);
  auto limited = stack.bare.account();
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(limited.error().message.find("HTTP 429, code 42910000: rate limit exceeded"),
            std::string::npos);
}

TEST_F(AlpacaBrokerTest, ACutAnswerAfterAcceptingIsAmbiguousAndTheOrderIsFoundOnce) {
  stack.fake.faults().after_accept(1, AcceptFault::cut());
  auto r = stack.bare.submit(buy("cut-1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAmbiguous) << r.error().to_string();
  auto found = stack.bare.find_by_client_order_id("cut-1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(orders_at_fake("cut-1"), 1);
}

TEST_F(AlpacaBrokerTest, ADroppedConnectionAfterAcceptingIsAmbiguousAndTheOrderIsFoundOnce) {
  stack.fake.faults().after_accept(1, AcceptFault::drop());
  auto r = stack.bare.submit(buy("drop-1"));  // A fresh connection: nothing to resend on.
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAmbiguous) << r.error().to_string();
  auto found = stack.bare.find_by_client_order_id("drop-1");
  ASSERT_TRUE(found.ok() && found->has_value()) << (found.ok() ? "" : found.error().to_string());
  EXPECT_EQ(orders_at_fake("drop-1"), 1);
}

TEST_F(AlpacaBrokerTest, ADropOnAReusedConnectionIsResentAndCaughtAsADuplicate) {
  // libcurl resends a request once when a reused connection dies without an answer; the order
  // may do so (its client_order_id guards it) and Alpaca refuses the copy.
  ASSERT_TRUE(stack.bare.account().ok());
  stack.fake.faults().after_accept(1, AcceptFault::drop());
  auto r = stack.bare.submit(buy("drop-2"));
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().code == ErrorCode::kConflict || r.error().code == ErrorCode::kAmbiguous)
      << r.error().to_string();
  EXPECT_EQ(orders_at_fake("drop-2"), 1);
}

TEST_F(AlpacaBrokerTest, WithRetriesALostAnswerBecomesAConflictNeverASecondOrder) {
  for (AcceptFault fault : {AcceptFault::drop(), AcceptFault::cut(), AcceptFault::answer(500),
                            AcceptFault::late(testing::kClientTimeout * 2)}) {
    const std::string id = "lost-" + std::to_string(static_cast<int>(fault.kind));
    stack.fake.faults().after_accept(1, fault);
    auto r = stack.broker.submit(buy(id.c_str()));
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().code, ErrorCode::kConflict) << id << ": " << r.error().to_string();
    auto found = stack.broker.find_by_client_order_id(id);
    ASSERT_TRUE(found.ok() && found->has_value()) << id;
    EXPECT_EQ(orders_at_fake(id), 1) << id;
  }
}

TEST_F(AlpacaBrokerTest, ALateAnswerIsAmbiguous) {
  stack.fake.faults().after_accept(1, AcceptFault::late(testing::kClientTimeout * 2));
  auto r = stack.bare.submit(buy("late-1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAmbiguous) << r.error().to_string();
  EXPECT_EQ(orders_at_fake("late-1"), 1);
}

TEST_F(AlpacaBrokerTest, AnUnreadableAcceptanceIsAmbiguous) {
  stack.fake.faults().after_accept(1, AcceptFault::garbled(200, R"({"id": 12})"));
  auto r = stack.bare.submit(buy("garbled-1"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kAmbiguous);
  EXPECT_NE(r.error().message.find("field \"id\" = 12: expected a string"), std::string::npos);
  EXPECT_NE(r.error().message.find("look the order up"), std::string::npos);
  EXPECT_EQ(orders_at_fake("garbled-1"), 1);
}

TEST_F(AlpacaBrokerTest, ServerErrorsAreRetriedThenReported) {
  stack.fake.faults().fail_next(3, 503);
  auto placed = stack.broker.submit(buy("5xx-1"));
  ASSERT_TRUE(placed.ok()) << placed.error().to_string();
  EXPECT_EQ(orders_at_fake("5xx-1"), 1);

  stack.fake.faults().fail_next(8, 503);
  auto lookup = stack.broker.find_by_client_order_id("5xx-1");
  ASSERT_FALSE(lookup.ok());
  EXPECT_EQ(lookup.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(lookup.error().message.find("HTTP 503: <html>"), std::string::npos);
  // An order answered 5xx may or may not exist: Ambiguous, and the lookup decides.
  auto order = stack.broker.submit(buy("5xx-2"));
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.error().code, ErrorCode::kAmbiguous);
  stack.fake.faults().clear();
  auto found = stack.broker.find_by_client_order_id("5xx-2");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());  // The 503s had no effect: safe to submit.
}

TEST_F(AlpacaBrokerTest, EveryErrorAnswerGivesAClearMessage) {
  struct Case {
    int status;
    ErrorCode code;
    const char* expect;
  };
  for (const Case& c :
       {Case{500, ErrorCode::kUnavailable, "HTTP 500, code 50010000: internal server error"},
        Case{502, ErrorCode::kUnavailable, "HTTP 502: <html>"},
        Case{504, ErrorCode::kUnavailable, "HTTP 504: <html>"},
        Case{429, ErrorCode::kUnavailable, "rate limit exceeded"}}) {
    stack.fake.faults().fail_next(1, c.status);
    auto r = stack.bare.account();
    ASSERT_FALSE(r.ok()) << c.status;
    EXPECT_EQ(r.error().code, c.code) << c.status;
    EXPECT_NE(r.error().to_string().find(c.expect), std::string::npos) << r.error().to_string();
    EXPECT_EQ(r.error().context, "alpaca GET /v2/account");
  }
}

TEST_F(AlpacaBrokerTest, ReadsTheAccountAndPositions) {
  auto account = stack.broker.account();
  ASSERT_TRUE(account.ok()) << account.error().to_string();
  EXPECT_EQ(account->status, "ACTIVE");
  EXPECT_EQ(account->buying_power, Money::from_dollars(100'000));
  EXPECT_TRUE(account->can_trade());
  EXPECT_EQ(account->pattern_day_trader, false);

  auto placed = stack.broker.submit(buy("pos-1", 4, "MSFT"));
  ASSERT_TRUE(placed.ok());
  EXPECT_EQ(stack.broker.account()->buying_power.to_string(), "99827.72");  // 4 x 43.07 held
  ASSERT_TRUE(stack.fake.brokerage()
                  .fill(placed->broker_order_id, FillSpec::all_at(Money::parse("43.07").value()))
                  .ok());
  auto positions = stack.broker.positions();
  ASSERT_TRUE(positions.ok()) << positions.error().to_string();
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0].symbol, "MSFT");
  EXPECT_EQ((*positions)[0].whole_shares, Quantity(4));
  EXPECT_EQ((*positions)[0].cost_basis.to_string(), "172.28");

  fakes::FakeAccountSettings blocked = stack.fake.brokerage().account_settings();
  blocked.trading_blocked = true;
  stack.fake.brokerage().set_account(blocked);
  EXPECT_FALSE(stack.broker.account()->can_trade());
  auto refused = stack.broker.submit(buy("pos-2", 1, "MSFT"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_NE(refused.error().message.find("account is not authorized to trade"), std::string::npos);
}

TEST_F(AlpacaBrokerTest, CancelsOpenOrdersOnly) {
  auto placed = stack.broker.submit(buy("cx-1"));
  ASSERT_TRUE(placed.ok());
  auto canceled = stack.broker.cancel(placed->broker_order_id);
  ASSERT_TRUE(canceled.ok()) << canceled.error().to_string();
  EXPECT_EQ(canceled->status, BrokerOrderStatus::kCanceled);
  EXPECT_EQ(canceled->reason, "Alpaca order status \"canceled\"");
  auto again = stack.broker.cancel(placed->broker_order_id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kRejected);
  EXPECT_NE(again.error().message.find("order is already in \"canceled\" state"),
            std::string::npos);
  EXPECT_EQ(stack.broker.cancel("no-such-order").error().code, ErrorCode::kNotFound);
  // A canceled order's client_order_id still counts.
  EXPECT_EQ(stack.broker.submit(buy("cx-1")).error().code, ErrorCode::kConflict);
}

TEST_F(AlpacaBrokerTest, OrdersEndedByTheBrokerCarryTheirState) {
  auto placed = stack.broker.submit(buy("end-1"));
  ASSERT_TRUE(placed.ok());
  ASSERT_TRUE(stack.fake.brokerage()
                  .fill(placed->broker_order_id, FillSpec::shares_at(1, Money::from_dollars(100)))
                  .ok());
  ASSERT_TRUE(stack.fake.brokerage().set_status(placed->broker_order_id, "done_for_day").ok());
  auto order = stack.broker.find_by_client_order_id("end-1");
  ASSERT_TRUE(order.ok() && order->has_value());
  EXPECT_EQ((*order)->status, BrokerOrderStatus::kExpired);  // A day order ends with the day.
  EXPECT_EQ((*order)->filled_qty, Quantity(1));
}

}  // namespace
}  // namespace stratus
