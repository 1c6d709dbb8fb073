#include "domain/drawdown.h"

#include <gtest/gtest.h>

#include <vector>

namespace stratus {
namespace {

Money m(const char* s) { return *Money::parse(s); }

DailyBar bar(const char* date, const char* high, const char* close) {
  DailyBar b;
  b.session = *parse_date(date);
  if (high != nullptr) b.high = m(high);
  b.close = m(close);
  return b;
}

std::vector<Tier> tiers() {
  return {{*Percent::parse("10"), Quantity(1)},
          {*Percent::parse("20"), Quantity(2)},
          {*Percent::parse("30"), Quantity(3)}};
}

TEST(ReadDrawdown, UsesHighsOrClosesPerBasis) {
  std::vector<DailyBar> w = {bar("2015-08-18", "52", "50"), bar("2015-08-19", "51", "49"),
                             bar("2015-08-20", "46", "45")};
  auto r = read_drawdown(w, HighBasis::kHigh);
  EXPECT_EQ(r.high, m("52"));
  EXPECT_EQ(format_date(r.high_session), "2015-08-18");
  EXPECT_EQ(r.price, m("45"));
  EXPECT_EQ(r.drop.to_string(), "13.46");
  r = read_drawdown(w, HighBasis::kClose);
  EXPECT_EQ(r.high, m("50"));
  EXPECT_EQ(r.drop.to_string(), "10.00");
}

TEST(ReadDrawdown, MissingHighFallsBackToClose) {
  std::vector<DailyBar> w = {bar("2015-08-18", nullptr, "60"), bar("2015-08-19", "51", "49")};
  EXPECT_EQ(read_drawdown(w, HighBasis::kHigh).high, m("60"));
}

TEST(ReadDrawdown, PriceAtTheHighIsNoDrop) {
  std::vector<DailyBar> w = {bar("2015-08-18", "40", "39"), bar("2015-08-19", "45", "45")};
  auto r = read_drawdown(w, HighBasis::kHigh);
  EXPECT_EQ(r.drop.units(), 0);
}

TEST(ReachedTier, HighestTierReachedWinsAndThresholdsAreInclusive) {
  EXPECT_FALSE(reached_tier(tiers(), m("100"), m("90.01")).has_value());
  EXPECT_EQ(reached_tier(tiers(), m("100"), m("90"))->qty, Quantity(1));
  EXPECT_EQ(reached_tier(tiers(), m("100"), m("80"))->qty, Quantity(2));
  EXPECT_EQ(reached_tier(tiers(), m("100"), m("79.99"))->qty, Quantity(2));
  EXPECT_EQ(reached_tier(tiers(), m("100"), m("50"))->qty, Quantity(3));
}

}  // namespace
}  // namespace stratus
