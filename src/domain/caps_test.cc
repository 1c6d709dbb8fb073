#include "domain/caps.h"

#include <gtest/gtest.h>

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

TEST(DecideReservation, FullDesireFitsWhenCapHasRoom) {
  auto d = decide_reservation(Quantity(2), m("10"), shares_only(4), used(2), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
  EXPECT_FALSE(d.clipped);
  EXPECT_TRUE(d.reason.empty());
}

TEST(DecideReservation, ClipsToWhatIsLeft) {
  auto d = decide_reservation(Quantity(3), m("10"), shares_only(4), used(2), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
  EXPECT_TRUE(d.clipped);
  EXPECT_NE(d.reason.find("monthly cap 4 shares, 2 used"), std::string::npos) << d.reason;
}

TEST(DecideReservation, SkipPolicyBuysNothingWhenTierDoesNotFit) {
  auto d = decide_reservation(Quantity(3), m("10"), shares_only(4), used(2), ExceedPolicy::kSkip);
  EXPECT_EQ(d.qty, Quantity(0));
  EXPECT_NE(d.reason.find("policy is skip"), std::string::npos);
}

TEST(DecideReservation, DeniedWhenCapReached) {
  auto d = decide_reservation(Quantity(1), m("10"), shares_only(4), used(4), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(0));
  EXPECT_NE(d.reason.find("no room"), std::string::npos);
}

TEST(DecideReservation, BudgetsAndNotionalBindInWholeShares) {
  CapLimits l = shares_only(10);
  l.symbol_budget = m("100");
  // $100 budget, $55 spent, price $15: 3 shares = $45 fit, 4 do not.
  auto d = decide_reservation(Quantity(5), m("15"), l, used(1, "55", "55"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(3));
  l.total_budget = m("80");
  d = decide_reservation(Quantity(5), m("15"), l, used(1, "55", "55"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(1));
  EXPECT_NE(d.reason.find("total budget"), std::string::npos);
  l = shares_only(10);
  l.max_order_notional = m("29.99");
  d = decide_reservation(Quantity(2), m("15"), l, used(0), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(1));
  l.max_order_notional = m("30");
  d = decide_reservation(Quantity(2), m("15"), l, used(0), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(2));
}

TEST(DecideReservation, OverspentBudgetDeniesRatherThanGoingNegative) {
  CapLimits l = shares_only(10);
  l.total_budget = m("50");
  auto d = decide_reservation(Quantity(1), m("1"), l, used(0, "0", "60"), ExceedPolicy::kClip);
  EXPECT_EQ(d.qty, Quantity(0));
}

}  // namespace
}  // namespace stratus
