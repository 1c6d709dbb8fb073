// The Ledger contract: reservations under monthly caps and budgets, idempotency, the order
// lifecycle, releases on rejection/cancel, filters and usage. Backend-neutral: only the Ledger
// port is used (see ledger_contract_test.h for how a backend joins).
#include "ledger_contract_test.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

Money m(const char* text) { return *Money::parse(text); }
Date d(const char* text) { return *parse_date(text); }
Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

CapLimits cap(int shares) {
  CapLimits limits;
  limits.monthly_shares = Quantity(shares);
  return limits;
}

ReservationRequest request(const std::string& id, const std::string& symbol, int desired,
                           const char* price = "10", const char* session = "2015-08-24",
                           CapLimits limits = cap(4), ExceedPolicy policy = ExceedPolicy::kClip) {
  ReservationRequest r;
  r.client_order_id = id;
  r.run_id = "2015-08-24/test/1";
  r.symbol = symbol;
  r.session = d(session);
  r.month = format_month(r.session);
  r.desired = Quantity(desired);
  r.price = m(price);
  r.limits = limits;
  r.policy = policy;
  r.at = t("2015-08-24T19:45:00Z");
  return r;
}

OrderUpdate to(OrderState state, int filled = 0, std::optional<Money> avg = std::nullopt,
               std::string reason = "") {
  OrderUpdate u;
  u.state = state;
  u.broker_order_id = "b-1";
  u.filled_qty = Quantity(filled);
  u.filled_avg_price = avg;
  u.reason = std::move(reason);
  u.at = t("2015-08-25T13:30:00Z");
  return u;
}

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    const auto& stratus_r_ = (expr);                                \
    ASSERT_TRUE(stratus_r_.ok()) << stratus_r_.error().to_string(); \
  } while (false)

// Reserves and expects a new reservation of `qty` shares.
void expect_reserved(Ledger& ledger, const ReservationRequest& r, int qty) {
  auto out = ledger.reserve(r);
  ASSERT_OK(out);
  ASSERT_EQ(out->kind, ReservationOutcome::Kind::kReserved) << r.client_order_id;
  ASSERT_TRUE(out->order.has_value());
  EXPECT_EQ(out->order->qty, Quantity(qty));
}

void apply(Ledger& ledger, const std::string& id, const OrderUpdate& u) {
  auto out = ledger.update(id, u);
  ASSERT_OK(out);
}

Quantity shares_used(Ledger& ledger, const std::string& symbol, const std::string& month) {
  auto usage = ledger.usage(symbol, month);
  EXPECT_TRUE(usage.ok()) << usage.error().to_string();
  return usage.ok() ? usage->shares_used : Quantity(-1);
}

TEST_P(LedgerContractTest, ReservesTheFullDesireWhenItFits) {
  auto out = ledger().reserve(request("o1", "MSFT", 2, "43.07"));
  ASSERT_OK(out);
  EXPECT_EQ(out->kind, ReservationOutcome::Kind::kReserved);
  EXPECT_EQ(out->decision.qty, Quantity(2));
  EXPECT_FALSE(out->decision.clipped);
  EXPECT_EQ(out->usage_before.shares_used, Quantity(0));
  ASSERT_TRUE(out->order.has_value());
  const OrderRecord& o = *out->order;
  EXPECT_EQ(o.client_order_id, "o1");
  EXPECT_EQ(o.run_id, "2015-08-24/test/1");
  EXPECT_EQ(o.symbol, "MSFT");
  EXPECT_EQ(o.month, "2015-08");
  EXPECT_EQ(o.session, d("2015-08-24"));
  EXPECT_EQ(o.qty, Quantity(2));
  EXPECT_EQ(o.limit_price, m("43.07"));
  EXPECT_EQ(o.notional, m("86.14"));
  EXPECT_EQ(o.state, OrderState::kReserved);
  EXPECT_EQ(o.filled_qty, Quantity(0));
  EXPECT_EQ(o.filled_avg_price, std::nullopt);
  EXPECT_TRUE(o.reason.empty());
  EXPECT_EQ(o.created_at, t("2015-08-24T19:45:00Z"));
  EXPECT_EQ(o.updated_at, t("2015-08-24T19:45:00Z"));

  auto found = ledger().find("o1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->notional, m("86.14"));
  EXPECT_EQ((*found)->session, d("2015-08-24"));
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(2));
}

TEST_P(LedgerContractTest, ClipsToWhatIsLeftAndSaysWhy) {
  expect_reserved(ledger(), request("o1", "MSFT", 3), 3);
  auto out = ledger().reserve(request("o2", "MSFT", 2, "10", "2015-08-25"));
  ASSERT_OK(out);
  ASSERT_EQ(out->kind, ReservationOutcome::Kind::kReserved);
  EXPECT_TRUE(out->decision.clipped);
  EXPECT_EQ(out->usage_before.shares_used, Quantity(3));
  EXPECT_EQ(out->order->qty, Quantity(1));
  EXPECT_EQ(out->order->notional, m("10"));
  EXPECT_EQ(out->order->reason, cap_decision_reason(out->decision, cap(4), out->usage_before));
  EXPECT_NE(out->order->reason.find("clipped"), std::string::npos) << out->order->reason;
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(4));
}

TEST_P(LedgerContractTest, SkipPolicyWritesNothingWhenTheTierDoesNotFit) {
  expect_reserved(ledger(), request("o1", "MSFT", 3), 3);
  auto out =
      ledger().reserve(request("o2", "MSFT", 2, "10", "2015-08-25", cap(4), ExceedPolicy::kSkip));
  ASSERT_OK(out);
  EXPECT_EQ(out->kind, ReservationOutcome::Kind::kDenied);
  EXPECT_FALSE(out->order.has_value());
  EXPECT_NE(cap_decision_reason(out->decision, cap(4), out->usage_before).find("policy is skip"),
            std::string::npos);
  auto found = ledger().find("o2");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(3));
}

TEST_P(LedgerContractTest, DeniesWhenTheCapIsReachedAndWritesNothing) {
  expect_reserved(ledger(), request("o1", "MSFT", 4), 4);
  auto out = ledger().reserve(request("o2", "MSFT", 1, "10", "2015-08-25"));
  ASSERT_OK(out);
  EXPECT_EQ(out->kind, ReservationOutcome::Kind::kDenied);
  EXPECT_EQ(out->decision.qty, Quantity(0));
  EXPECT_EQ(out->usage_before.shares_used, Quantity(4));
  const std::string reason = cap_decision_reason(out->decision, cap(4), out->usage_before);
  EXPECT_NE(reason.find("monthly cap 4 shares, 4 used"), std::string::npos) << reason;
  auto found = ledger().find("o2");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  auto all = ledger().orders({});
  ASSERT_OK(all);
  EXPECT_EQ(all->size(), 1u);
}

TEST_P(LedgerContractTest, ReReservingTheSameIdDoesNotCountTwice) {
  expect_reserved(ledger(), request("o1", "MSFT", 2), 2);
  for (int i = 0; i < 3; ++i) {
    auto again = ledger().reserve(request("o1", "MSFT", 2));
    ASSERT_OK(again);
    EXPECT_EQ(again->kind, ReservationOutcome::Kind::kAlreadyExists);
    ASSERT_TRUE(again->order.has_value());
    EXPECT_EQ(again->order->qty, Quantity(2));
    EXPECT_EQ(again->order->state, OrderState::kReserved);
  }
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(2));
  // Still "already exists" (not denied) after the cap filled up and the order moved on.
  expect_reserved(ledger(), request("o2", "MSFT", 2, "10", "2015-08-25"), 2);
  apply(ledger(), "o1", to(OrderState::kSubmitted));
  auto late = ledger().reserve(request("o1", "MSFT", 2));
  ASSERT_OK(late);
  EXPECT_EQ(late->kind, ReservationOutcome::Kind::kAlreadyExists);
  EXPECT_EQ(late->order->state, OrderState::kSubmitted);
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(4));
}

TEST_P(LedgerContractTest, AnIdReusedForAnotherSymbolIsAConflict) {
  expect_reserved(ledger(), request("o1", "MSFT", 1), 1);
  auto other = ledger().reserve(request("o1", "AAPL", 1));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_EQ(shares_used(ledger(), "AAPL", "2015-08"), Quantity(0));
}

TEST_P(LedgerContractTest, SymbolBudgetLimitsTheShares) {
  CapLimits limits = cap(10);
  limits.symbol_budget = m("100");
  expect_reserved(ledger(), request("o1", "MSFT", 5, "30", "2015-08-24", limits), 3);
  auto out = ledger().reserve(request("o2", "MSFT", 1, "10", "2015-08-25", limits));
  ASSERT_OK(out);
  EXPECT_EQ(out->usage_before.symbol_spent, m("90"));
  EXPECT_EQ(out->kind, ReservationOutcome::Kind::kReserved);
  EXPECT_EQ(out->order->qty, Quantity(1));
  auto denied = ledger().reserve(request("o3", "MSFT", 1, "10", "2015-08-26", limits));
  ASSERT_OK(denied);
  EXPECT_EQ(denied->kind, ReservationOutcome::Kind::kDenied);
  // Other symbols have their own symbol budget.
  expect_reserved(ledger(), request("o4", "AAPL", 3, "30", "2015-08-24", limits), 3);
}

TEST_P(LedgerContractTest, TotalBudgetSpansAllSymbols) {
  CapLimits limits = cap(10);
  limits.total_budget = m("100");
  expect_reserved(ledger(), request("o1", "MSFT", 2, "30"), 2);
  auto out = ledger().reserve(request("o2", "AAPL", 5, "15", "2015-08-24", limits));
  ASSERT_OK(out);
  EXPECT_EQ(out->usage_before.total_spent, m("60"));
  EXPECT_EQ(out->usage_before.symbol_spent, m("0"));
  ASSERT_EQ(out->kind, ReservationOutcome::Kind::kReserved);
  EXPECT_EQ(out->order->qty, Quantity(2));  // $40 left at $15.
  auto usage = ledger().usage("AAPL", "2015-08");
  ASSERT_OK(usage);
  EXPECT_EQ(usage->total_spent, m("90"));
  EXPECT_EQ(usage->symbol_spent, m("30"));
  // Another month has its own budget.
  expect_reserved(ledger(), request("o3", "AAPL", 5, "15", "2015-09-01", limits), 5);
}

TEST_P(LedgerContractTest, MaxOrderNotionalLimitsOneOrder) {
  CapLimits limits = cap(10);
  limits.max_order_notional = m("50");
  expect_reserved(ledger(), request("o1", "MSFT", 4, "20", "2015-08-24", limits), 2);
}

TEST_P(LedgerContractTest, TransitionsFollowTheLifecycle) {
  expect_reserved(ledger(), request("o1", "MSFT", 3, "10"), 3);
  auto submitted = ledger().update("o1", to(OrderState::kSubmitted));
  ASSERT_OK(submitted);
  EXPECT_EQ(submitted->state, OrderState::kSubmitted);
  EXPECT_EQ(submitted->broker_order_id, "b-1");
  EXPECT_EQ(submitted->updated_at, t("2015-08-25T13:30:00Z"));
  EXPECT_EQ(submitted->created_at, t("2015-08-24T19:45:00Z"));

  auto partial = ledger().update("o1", to(OrderState::kPartiallyFilled, 1, m("9.50")));
  ASSERT_OK(partial);
  EXPECT_EQ(partial->filled_qty, Quantity(1));
  EXPECT_EQ(partial->notional, m("29.50"));  // 1 filled at 9.50 + 2 still open at 10.

  OrderUpdate fill = to(OrderState::kFilled, 3, m("9.7333"));
  fill.filled_at = t("2015-08-25T13:31:00Z");
  fill.commission = m("1.00");
  auto filled = ledger().update("o1", fill);
  ASSERT_OK(filled);
  EXPECT_EQ(filled->state, OrderState::kFilled);
  EXPECT_EQ(filled->filled_qty, Quantity(3));
  EXPECT_EQ(filled->filled_avg_price, m("9.7333"));
  EXPECT_EQ(filled->filled_at, t("2015-08-25T13:31:00Z"));
  EXPECT_EQ(filled->commission, m("1.00"));
  EXPECT_EQ(filled->notional, m("29.1999"));

  auto found = ledger().find("o1");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->state, OrderState::kFilled);
  EXPECT_EQ((*found)->notional, m("29.1999"));
  EXPECT_EQ((*found)->filled_at, t("2015-08-25T13:31:00Z"));
  EXPECT_EQ((*found)->commission, m("1.00"));
  auto usage = ledger().usage("MSFT", "2015-08");
  ASSERT_OK(usage);
  EXPECT_EQ(usage->shares_used, Quantity(3));
  EXPECT_EQ(usage->symbol_spent, m("29.1999"));
}

TEST_P(LedgerContractTest, ForbiddenTransitionsAreConflictsNamingStatesAndId) {
  expect_reserved(ledger(), request("order-17", "MSFT", 1), 1);
  auto skip = ledger().update("order-17", to(OrderState::kFilled, 1, m("10")));
  ASSERT_FALSE(skip.ok());
  EXPECT_EQ(skip.error().code, ErrorCode::kConflict);
  EXPECT_NE(skip.error().message.find("reserved -> filled"), std::string::npos)
      << skip.error().message;
  EXPECT_NE(skip.error().message.find("order-17"), std::string::npos) << skip.error().message;

  apply(ledger(), "order-17", to(OrderState::kSubmitted));
  apply(ledger(), "order-17", to(OrderState::kFilled, 1, m("10")));
  for (OrderState next : {OrderState::kCanceled, OrderState::kRejected, OrderState::kSubmitted,
                          OrderState::kReserved, OrderState::kPartiallyFilled}) {
    auto out = ledger().update("order-17", to(next, 1, m("10")));
    ASSERT_FALSE(out.ok()) << order_state_name(next);
    EXPECT_EQ(out.error().code, ErrorCode::kConflict);
  }
  auto found = ledger().find("order-17");
  ASSERT_OK(found);
  EXPECT_EQ((*found)->state, OrderState::kFilled);
}

TEST_P(LedgerContractTest, RepeatingTheCurrentStateIsIdempotent) {
  expect_reserved(ledger(), request("o1", "MSFT", 2), 2);
  auto first = ledger().update("o1", to(OrderState::kSubmitted));
  ASSERT_OK(first);
  OrderUpdate repeat = to(OrderState::kSubmitted);
  repeat.at = t("2015-08-25T14:00:00Z");
  auto second = ledger().update("o1", repeat);
  ASSERT_OK(second);
  EXPECT_EQ(second->state, OrderState::kSubmitted);
  EXPECT_EQ(second->qty, Quantity(2));
  EXPECT_EQ(second->notional, first->notional);
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(2));

  apply(ledger(), "o1", to(OrderState::kFilled, 2, m("10")));
  auto again = ledger().update("o1", to(OrderState::kFilled, 2, m("10")));
  ASSERT_OK(again);
  EXPECT_EQ(again->state, OrderState::kFilled);
  EXPECT_EQ(again->notional, m("20"));
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(2));
}

TEST_P(LedgerContractTest, UnknownIdsAreNotFound) {
  auto out = ledger().update("nope", to(OrderState::kSubmitted));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kNotFound);
  auto found = ledger().find("nope");
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
}

TEST_P(LedgerContractTest, RejectionReleasesTheShares) {
  expect_reserved(ledger(), request("o1", "MSFT", 4), 4);
  apply(ledger(), "o1", to(OrderState::kSubmitted));
  auto rejected = ledger().update("o1", to(OrderState::kRejected, 0, std::nullopt, "no funds"));
  ASSERT_OK(rejected);
  EXPECT_EQ(rejected->reason, "no funds");
  auto usage = ledger().usage("MSFT", "2015-08");
  ASSERT_OK(usage);
  EXPECT_EQ(usage->shares_used, Quantity(0));
  EXPECT_EQ(usage->symbol_spent, m("0"));
  EXPECT_EQ(usage->total_spent, m("0"));
  expect_reserved(ledger(), request("o2", "MSFT", 4, "10", "2015-08-25"), 4);
}

TEST_P(LedgerContractTest, RejectionStraightFromReservedReleasesTheShares) {
  expect_reserved(ledger(), request("o1", "MSFT", 4), 4);
  apply(ledger(), "o1", to(OrderState::kRejected, 0, std::nullopt, "trading disabled"));
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(0));
}

TEST_P(LedgerContractTest, PartialFillThenCancelCountsOnlyTheFilledShares) {
  expect_reserved(ledger(), request("o1", "MSFT", 4, "10"), 4);
  apply(ledger(), "o1", to(OrderState::kSubmitted));
  apply(ledger(), "o1", to(OrderState::kPartiallyFilled, 1, m("9.90")));
  auto canceled = ledger().update("o1", to(OrderState::kCanceled, 1, m("9.90"), "day ended"));
  ASSERT_OK(canceled);
  EXPECT_EQ(canceled->notional, m("9.90"));
  auto usage = ledger().usage("MSFT", "2015-08");
  ASSERT_OK(usage);
  EXPECT_EQ(usage->shares_used, Quantity(1));
  EXPECT_EQ(usage->symbol_spent, m("9.90"));
  auto next = ledger().reserve(request("o2", "MSFT", 4, "10", "2015-08-25"));
  ASSERT_OK(next);
  ASSERT_EQ(next->kind, ReservationOutcome::Kind::kReserved);
  EXPECT_EQ(next->order->qty, Quantity(3));
}

TEST_P(LedgerContractTest, MonthsAreSeparate) {
  expect_reserved(ledger(), request("aug", "MSFT", 4, "10", "2015-08-31"), 4);
  expect_reserved(ledger(), request("sep", "MSFT", 4, "10", "2015-09-01"), 4);
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(4));
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-09"), Quantity(4));
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-10"), Quantity(0));
}

TEST_P(LedgerContractTest, SymbolsHaveTheirOwnShareCaps) {
  expect_reserved(ledger(), request("m", "MSFT", 4), 4);
  expect_reserved(ledger(), request("a", "AAPL", 4), 4);
  EXPECT_EQ(shares_used(ledger(), "MSFT", "2015-08"), Quantity(4));
  EXPECT_EQ(shares_used(ledger(), "AAPL", "2015-08"), Quantity(4));
}

TEST_P(LedgerContractTest, OrdersAreFilteredAndSortedBySessionThenId) {
  expect_reserved(ledger(), request("b", "MSFT", 1, "10", "2015-08-25"), 1);
  expect_reserved(ledger(), request("a", "MSFT", 1, "10", "2015-08-25"), 1);
  expect_reserved(ledger(), request("z", "MSFT", 1, "10", "2015-08-24"), 1);
  expect_reserved(ledger(), request("c", "AAPL", 1, "10", "2015-08-24"), 1);
  expect_reserved(ledger(), request("d", "MSFT", 1, "10", "2015-09-01"), 1);
  apply(ledger(), "z", to(OrderState::kSubmitted));
  apply(ledger(), "z", to(OrderState::kFilled, 1, m("10")));
  apply(ledger(), "a", to(OrderState::kRejected));

  auto ids = [&](const OrderFilter& filter) {
    std::vector<std::string> out;
    auto orders = ledger().orders(filter);
    EXPECT_TRUE(orders.ok()) << orders.error().to_string();
    if (orders.ok()) {
      for (const auto& o : *orders) out.push_back(o.client_order_id);
    }
    return out;
  };
  auto filter = [](std::optional<std::string> symbol, std::optional<std::string> month,
                   bool open_only) {
    OrderFilter f;
    f.symbol = std::move(symbol);
    f.month = std::move(month);
    f.open_only = open_only;
    return f;
  };
  using V = std::vector<std::string>;
  const auto any = std::nullopt;
  EXPECT_EQ(ids({}), (V{"c", "z", "a", "b", "d"}));
  EXPECT_EQ(ids(filter("MSFT", any, false)), (V{"z", "a", "b", "d"}));
  EXPECT_EQ(ids(filter(any, "2015-08", false)), (V{"c", "z", "a", "b"}));
  EXPECT_EQ(ids(filter("MSFT", "2015-08", false)), (V{"z", "a", "b"}));
  EXPECT_EQ(ids(filter(any, any, true)), (V{"c", "b", "d"}));
  EXPECT_EQ(ids(filter("MSFT", "2015-08", true)), (V{"b"}));
  EXPECT_EQ(ids(filter("XOM", any, false)), V{});
}

TEST_P(LedgerContractTest, UsageCountsSharesAndDollarsPerState) {
  expect_reserved(ledger(), request("r", "MSFT", 1, "10", "2015-08-24", cap(20)), 1);
  expect_reserved(ledger(), request("s", "MSFT", 2, "10", "2015-08-24", cap(20)), 2);
  expect_reserved(ledger(), request("f", "MSFT", 3, "10", "2015-08-24", cap(20)), 3);
  expect_reserved(ledger(), request("x", "MSFT", 5, "10", "2015-08-24", cap(20)), 5);
  expect_reserved(ledger(), request("o", "AAPL", 1, "100", "2015-08-24", cap(20)), 1);
  apply(ledger(), "s", to(OrderState::kSubmitted));
  apply(ledger(), "f", to(OrderState::kSubmitted));
  apply(ledger(), "f", to(OrderState::kFilled, 3, m("11")));
  apply(ledger(), "x", to(OrderState::kSubmitted));
  apply(ledger(), "x", to(OrderState::kCanceled));
  auto usage = ledger().usage("MSFT", "2015-08");
  ASSERT_OK(usage);
  EXPECT_EQ(usage->shares_used, Quantity(6));  // 1 + 2 + 3; the canceled 5 released.
  EXPECT_EQ(usage->symbol_spent, m("63"));     // 10 + 20 + 33.
  EXPECT_EQ(usage->total_spent, m("163"));     // + AAPL 100.
  auto none = ledger().usage("MSFT", "2015-07");
  ASSERT_OK(none);
  EXPECT_EQ(none->shares_used, Quantity(0));
  EXPECT_EQ(none->total_spent, m("0"));
}

TEST_P(LedgerContractTest, InvalidReservationsAreRejectedAndWriteNothing) {
  auto zero = request("o1", "MSFT", 0);
  auto priceless = request("o2", "MSFT", 1, "0");
  auto wrong_month = request("o3", "MSFT", 1);
  wrong_month.month = "2015-09";
  auto no_id = request("", "MSFT", 1);
  auto no_symbol = request("o5", "", 1);
  for (const auto& r : {zero, priceless, wrong_month, no_id, no_symbol}) {
    auto out = ledger().reserve(r);
    ASSERT_FALSE(out.ok()) << r.client_order_id;
    EXPECT_EQ(out.error().code, ErrorCode::kInvalidInput) << out.error().to_string();
  }
  auto all = ledger().orders({});
  ASSERT_OK(all);
  EXPECT_TRUE(all->empty());
}

TEST_P(LedgerContractTest, FillsMustFitTheOrder) {
  expect_reserved(ledger(), request("o1", "MSFT", 2), 2);
  apply(ledger(), "o1", to(OrderState::kSubmitted));
  auto too_many = ledger().update("o1", to(OrderState::kFilled, 3, m("10")));
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, ErrorCode::kInvalidInput);
  auto no_price = ledger().update("o1", to(OrderState::kFilled, 2));
  ASSERT_FALSE(no_price.ok());
  EXPECT_EQ(no_price.error().code, ErrorCode::kInvalidInput);
  auto no_shares = ledger().update("o1", to(OrderState::kFilled, 0, m("10")));
  ASSERT_FALSE(no_shares.ok());
  EXPECT_EQ(no_shares.error().code, ErrorCode::kInvalidInput);

  apply(ledger(), "o1", to(OrderState::kPartiallyFilled, 1, m("10")));
  auto shrink = ledger().update("o1", to(OrderState::kCanceled, 0));
  ASSERT_FALSE(shrink.ok());
  EXPECT_EQ(shrink.error().code, ErrorCode::kConflict);
  auto found = ledger().find("o1");
  ASSERT_OK(found);
  EXPECT_EQ((*found)->state, OrderState::kPartiallyFilled);
  EXPECT_EQ((*found)->filled_qty, Quantity(1));
}

}  // namespace
}  // namespace stratus
