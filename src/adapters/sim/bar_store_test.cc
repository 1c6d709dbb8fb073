// Tests for CompactBar conversions and BarStore: round trips with missing prices, lookups, and the
// two window queries at their edges.
#include "adapters/sim/bar_store.h"

#include <gtest/gtest.h>

#include <vector>

namespace stratus {
namespace {

Date D(std::string_view text) { return *parse_date(text); }

CompactBar Bar(std::string_view session, std::int64_t close) {
  CompactBar bar;
  bar.day = date_to_compact_day(D(session));
  bar.close = close;
  return bar;
}

TEST(CompactBarTest, RoundTripsPresentAndMissingPrices) {
  DailyBar full;
  full.session = D("2015-08-24");
  full.open = Money::from_units(433900);
  full.high = Money::from_units(450000);
  full.low = Money::from_units(1);
  full.close = Money::from_units(430700);
  full.volume = 67000000;
  DailyBar back;
  to_daily_bar(to_compact_bar(full), back);
  EXPECT_EQ(back.session, full.session);
  EXPECT_EQ(back.open, full.open);
  EXPECT_EQ(back.high, full.high);
  EXPECT_EQ(back.low, full.low);
  EXPECT_EQ(back.close, full.close);
  EXPECT_EQ(back.volume, full.volume);

  DailyBar sparse;
  sparse.session = D("1900-03-01");  // Before 1970: a negative day count.
  sparse.close = Money::from_units(5);
  const CompactBar compact = to_compact_bar(sparse);
  EXPECT_EQ(compact.open, 0);
  EXPECT_LT(compact.day, 0);
  DailyBar sparse_back;
  sparse_back.open = Money::from_units(7);  // Overwritten: missing stays missing.
  to_daily_bar(compact, sparse_back);
  EXPECT_EQ(sparse_back.session, sparse.session);
  EXPECT_FALSE(sparse_back.open.has_value());
  EXPECT_FALSE(sparse_back.high.has_value());
  EXPECT_FALSE(sparse_back.low.has_value());
  EXPECT_EQ(sparse_back.volume, 0);
}

TEST(BarStoreTest, HoldsSeriesBySymbol) {
  const std::vector<CompactBar> x = {Bar("2020-01-02", 10), Bar("2020-01-03", 11)};
  BarStore store;
  store.add("X", x);
  store.add("EMPTY", {});
  EXPECT_EQ(store.symbols(), (std::vector<std::string>{"EMPTY", "X"}));
  EXPECT_EQ(store.bar_count(), 2u);
  ASSERT_NE(store.find("X"), nullptr);
  EXPECT_EQ(store.find("X")->size(), 2u);
  EXPECT_EQ(store.find("x"), nullptr);
  BarStore moved = std::move(store);
  ASSERT_NE(moved.find("X"), nullptr);
  EXPECT_EQ(moved.find("X")->data(), x.data());
}

TEST(BarStoreTest, BarsThroughAndFirstBarAfter) {
  const std::vector<CompactBar> bars = {Bar("2020-01-02", 10), Bar("2020-01-03", 11),
                                        Bar("2020-01-06", 12)};
  const BarStore::Series series(bars);

  EXPECT_TRUE(bars_through(series, D("2020-01-01"), 5).empty());
  EXPECT_TRUE(bars_through(series, D("2020-01-06"), 0).empty());
  const auto two = bars_through(series, D("2020-01-05"), 5);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0].session, D("2020-01-02"));
  EXPECT_EQ(two[1].close, Money::from_units(11));
  const auto last = bars_through(series, D("2030-01-01"), 1);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].session, D("2020-01-06"));
  EXPECT_TRUE(bars_through({}, D("2020-01-06"), 3).empty());

  const auto next = first_bar_after(series, D("2020-01-03"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->session, D("2020-01-06"));
  EXPECT_EQ(first_bar_after(series, D("2019-12-31"))->session, D("2020-01-02"));
  EXPECT_FALSE(first_bar_after(series, D("2020-01-06")).has_value());
}

}  // namespace
}  // namespace stratus
