#include "adapters/alpaca/bar_cache.h"

#include <gtest/gtest.h>

#include "adapters/clock/settable_clock.h"
#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

DailyBar bar(Date session, std::int64_t close_units) {
  DailyBar b;
  b.session = session;
  b.open = Money::from_units(close_units - 1);
  b.close = Money::from_units(close_units);
  b.volume = 7;
  return b;
}

class BarCacheTest : public ::testing::Test {
 protected:
  TestTempDir dir{"bar-cache"};
  SettableClock clock{Timestamp{day(2024, 1, 5)}};
};

TEST_F(BarCacheTest, StoresAndLoadsPerSymbolFeedAndAdjustment) {
  auto cache = BarCache::open(dir.file("bars.sqlite"), clock);
  ASSERT_TRUE(cache.ok()) << cache.error().to_string();
  CoveredBars aapl{
      day(2024, 1, 2), day(2024, 1, 4), {bar(day(2024, 1, 2), 10), bar(day(2024, 1, 4), 12)}};
  ASSERT_TRUE((*cache)->store("iex", "split", {{"AAPL", aapl}}).ok());

  auto loaded = (*cache)->load("AAPL", "iex", "split");
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->first, day(2024, 1, 2));
  EXPECT_EQ((*loaded)->last, day(2024, 1, 4));
  ASSERT_EQ((*loaded)->bars.size(), 2u);
  EXPECT_EQ((*loaded)->bars[1].close.units(), 12);
  EXPECT_EQ((*loaded)->bars[1].open->units(), 11);
  EXPECT_FALSE((*loaded)->bars[1].high.has_value());
  EXPECT_EQ((*loaded)->bars[1].volume, 7);

  EXPECT_FALSE((*cache)->load("AAPL", "sip", "split")->has_value());
  EXPECT_FALSE((*cache)->load("AAPL", "iex", "raw")->has_value());
  EXPECT_FALSE((*cache)->load("MSFT", "iex", "split")->has_value());

  // Another connection (as another process would) sees it.
  auto again = BarCache::open(dir.file("bars.sqlite"), clock);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*(*again)->load("AAPL", "iex", "split"))->bars.size(), 2u);
}

TEST_F(BarCacheTest, ReplacesAHistoryButKeepsOneThatCoversMore) {
  auto cache = BarCache::open(dir.file("bars.sqlite"), clock);
  ASSERT_TRUE(cache.ok());
  const CoveredBars wide{day(2024, 1, 2), day(2024, 1, 4), {bar(day(2024, 1, 3), 10)}};
  const CoveredBars narrow{day(2024, 1, 3), day(2024, 1, 3), {bar(day(2024, 1, 3), 99)}};
  const CoveredBars later{day(2024, 1, 3), day(2024, 1, 5), {bar(day(2024, 1, 5), 20)}};
  ASSERT_TRUE((*cache)->store("iex", "split", {{"AAPL", wide}}).ok());
  ASSERT_TRUE((*cache)->store("iex", "split", {{"AAPL", narrow}}).ok());
  EXPECT_EQ((*(*cache)->load("AAPL", "iex", "split"))->bars[0].close.units(), 10);
  ASSERT_TRUE((*cache)->store("iex", "split", {{"AAPL", later}}).ok());
  auto now = *(*cache)->load("AAPL", "iex", "split");
  EXPECT_EQ(now->first, day(2024, 1, 3));
  EXPECT_EQ(now->last, day(2024, 1, 5));
  ASSERT_EQ(now->bars.size(), 1u);
  EXPECT_EQ(now->bars[0].session, day(2024, 1, 5));
}

TEST_F(BarCacheTest, WritesNothingWhenOneEntryFails) {
  auto cache = BarCache::open(dir.file("bars.sqlite"), clock);
  ASSERT_TRUE(cache.ok());
  const CoveredBars good{day(2024, 1, 2), day(2024, 1, 2), {bar(day(2024, 1, 2), 10)}};
  // Two bars for one session break the primary key: the whole store is rolled back.
  const CoveredBars bad{
      day(2024, 1, 2), day(2024, 1, 2), {bar(day(2024, 1, 2), 10), bar(day(2024, 1, 2), 11)}};
  auto stored = (*cache)->store("iex", "split", {{"AAPL", good}, {"MSFT", bad}});
  ASSERT_FALSE(stored.ok());
  EXPECT_FALSE((*cache)->load("AAPL", "iex", "split")->has_value());
  EXPECT_FALSE((*cache)->load("MSFT", "iex", "split")->has_value());
}

TEST_F(BarCacheTest, RefusesTheLedgerFileAndAMissingDirectory) {
  ASSERT_TRUE(open_stratus_database(dir.file("ledger.sqlite"), clock).ok());
  auto ledger = BarCache::open(dir.file("ledger.sqlite"), clock);
  ASSERT_FALSE(ledger.ok());
  EXPECT_EQ(ledger.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(ledger.error().message.find("not a Stratus bar cache file"), std::string::npos)
      << ledger.error().to_string();
  auto nowhere = BarCache::open(dir.file("missing/bars.sqlite"), clock);
  ASSERT_FALSE(nowhere.ok());
  EXPECT_EQ(nowhere.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace stratus
