#include "domain/caps.h"

#include <gtest/gtest.h>

#include <utility>

namespace stratus {
namespace {

Money m(const char* s) { return *Money::parse(s); }

CapLimits shares_only(int cap) {
  CapLimits l;
  l.monthly_shares = Quantity(cap);
  return l;
}

CapUsage used(int shares, const char* symbol_spent = "0", const char* total_spent = "0") {
  return CapUsage{Quantity(shares), m(symbol_spent), m(total_spent)};
}

// A decision with the reason people read for it.
struct Decided : CapDecision {
  std::string reason;
};

Decided decide(Quantity desired, Money price, const CapLimits& limits, const CapUsage& usage,
               ExceedPolicy policy) {
  Decided out{decide_reservation(desired, price, limits, usage, policy), ""};
  out.reason = cap_decision_reason(out, limits, usage);
  return out;
}

TEST(DecideReservation, FullDesireFitsWhenCapHasRoom) {
  auto d = decide(Quantity(2), m("10"), shares_only(4), used(2), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
  EXPECT_FALSE(d.clipped);
  EXPECT_TRUE(d.reason.empty());
}

TEST(DecideReservation, ClipsToWhatIsLeft) {
  auto d = decide(Quantity(3), m("10"), shares_only(4), used(2), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
  EXPECT_TRUE(d.clipped);
  EXPECT_NE(d.reason.find("monthly cap 4 shares, 2 used"), std::string::npos) << d.reason;
}

TEST(DecideReservation, SkipPolicyBuysNothingWhenTierDoesNotFit) {
  auto d = decide(Quantity(3), m("10"), shares_only(4), used(2), ExceedPolicy::kSkip);
  EXPECT_EQ(d.qty, Quantity(0));
  EXPECT_NE(d.reason.find("policy is skip"), std::string::npos);
}

TEST(DecideReservation, DeniedWhenCapReached) {
  auto d = decide(Quantity(1), m("10"), shares_only(4), used(4), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(0));
  EXPECT_NE(d.reason.find("no room"), std::string::npos);
}

TEST(DecideReservation, BudgetsAndNotionalBindInWholeShares) {
  CapLimits l = shares_only(10);
  l.symbol_budget = m("100");
  // $100 budget, $55 spent, price $15: 3 shares = $45 fit, 4 do not.
  auto d = decide(Quantity(5), m("15"), l, used(1, "55", "55"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(3));
  l.total_budget = m("80");
  d = decide(Quantity(5), m("15"), l, used(1, "55", "55"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(1));
  EXPECT_NE(d.reason.find("total budget"), std::string::npos);
  l = shares_only(10);
  l.max_order_notional = m("29.99");
  d = decide(Quantity(2), m("15"), l, used(0), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(1));
  l.max_order_notional = m("30");
  d = decide(Quantity(2), m("15"), l, used(0), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
}

TEST(DecideReservation, OverspentBudgetDeniesRatherThanGoingNegative) {
  CapLimits l = shares_only(10);
  l.total_budget = m("50");
  auto d = decide(Quantity(1), m("1"), l, used(0, "0", "60"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(0));
}

TEST(DecideReservation, BuyingPowerBindsInWholeSharesLikeTheOtherLimits) {
  CapLimits l = shares_only(10);
  l.buying_power = m("44.99");
  // $44.99 buys 2 shares at $15 (3 would cost $45).
  auto d = decide(Quantity(3), m("15"), l, used(0), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
  EXPECT_TRUE(d.clipped);
  EXPECT_EQ(d.binding, BindingLimit::kBuyingPower);
  EXPECT_NE(d.reason.find("buying power $44.99 at price $15"), std::string::npos) << d.reason;
  d = decide(Quantity(3), m("15"), l, used(0), ExceedPolicy::kSkip);
  EXPECT_EQ(d.qty, Quantity(0));
  l.buying_power = m("45");
  d = decide(Quantity(3), m("15"), l, used(0), ExceedPolicy::kSkip);
  EXPECT_EQ(d.qty, Quantity(3));
  EXPECT_EQ(d.binding, BindingLimit::kNone);
  // Less than one share, or nothing left at all (a run may have reserved past it): no room.
  for (const char* power : {"14.9999", "0", "-3"}) {
    l.buying_power = m(power);
    d = decide(Quantity(1), m("15"), l, used(0), ExceedPolicy::kClip);
    EXPECT_EQ(d.qty, Quantity(0)) << power;
    EXPECT_EQ(d.binding, BindingLimit::kBuyingPower) << power;
    EXPECT_NE(d.reason.find("no room for 1 share(s)"), std::string::npos) << d.reason;
  }
}

TEST(DecideReservation, TheTightestLimitBindsAndTheFirstListedWinsATie) {
  CapLimits l = shares_only(4);
  l.symbol_budget = m("60");
  l.total_budget = m("1000");
  l.max_order_notional = m("1000");
  l.buying_power = m("1000");
  // Cap: 2 left; symbol budget: 3 of $15 fit in $45 left ($15 spent); the cap binds.
  auto d = decide(Quantity(3), m("15"), l, used(2, "15", "15"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
  EXPECT_EQ(d.binding, BindingLimit::kMonthlyShares);
  // Each limit in turn the tightest (1 share).
  const auto binds = [&](CapLimits limits, BindingLimit expected) {
    d = decide(Quantity(3), m("15"), limits, used(0), ExceedPolicy::kClip);
    EXPECT_EQ(d.qty, Quantity(1));
    EXPECT_EQ(d.binding, expected) << d.reason;
    EXPECT_EQ(d.reason.rfind(": clipped from 3 to 1 share(s)"),
              d.reason.size() - std::string(": clipped from 3 to 1 share(s)").size())
        << d.reason;
  };
  const std::pair<void (*)(CapLimits&), BindingLimit> tightest[] = {
      {[](CapLimits& c) { c.monthly_shares = Quantity(1); }, BindingLimit::kMonthlyShares},
      {[](CapLimits& c) { c.symbol_budget = m("29"); }, BindingLimit::kSymbolBudget},
      {[](CapLimits& c) { c.total_budget = m("29"); }, BindingLimit::kTotalBudget},
      {[](CapLimits& c) { c.max_order_notional = m("29"); }, BindingLimit::kMaxOrderNotional},
      {[](CapLimits& c) { c.buying_power = m("29"); }, BindingLimit::kBuyingPower},
      // A tie between the notional and the buying power: the notional is listed first.
      {[](CapLimits& c) { c.max_order_notional = c.buying_power = m("29"); },
       BindingLimit::kMaxOrderNotional},
  };
  for (const auto& [tighten_one, expected] : tightest) {
    CapLimits one = l;
    tighten_one(one);
    binds(one, expected);
  }
}

TEST(BindingLimitName, NamesEveryLimit) {
  EXPECT_EQ(binding_limit_name(BindingLimit::kNone), "");
  EXPECT_EQ(binding_limit_name(BindingLimit::kMonthlyShares), "monthly_share_cap");
  EXPECT_EQ(binding_limit_name(BindingLimit::kSymbolBudget), "symbol_budget");
  EXPECT_EQ(binding_limit_name(BindingLimit::kTotalBudget), "total_budget");
  EXPECT_EQ(binding_limit_name(BindingLimit::kMaxOrderNotional), "max_order_notional");
  EXPECT_EQ(binding_limit_name(BindingLimit::kBuyingPower), "buying_power");
}

}  // namespace
}  // namespace stratus
