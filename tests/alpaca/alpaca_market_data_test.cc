// AlpacaMarketData end to end: the real HTTP stack (libcurl, retries, circuit breaker) against the
// fake Alpaca's market data routes over 127.0.0.1, with the XNYS calendar, a settable clock and a
// bar cache file: pagination across symbols, what is sent, no partial bar of an open session, the
// cache across runs (no request on a second run, only new sessions the next day, a full refetch
// after a split), and the error classes, with nothing cached after a failure.
#include "adapters/alpaca/alpaca_market_data.h"

#include <gtest/gtest.h>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "alpaca/alpaca_test_stack.h"

namespace stratus {
namespace {

using testing::AlpacaTestStack;

Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// 2024-03-27 is a Wednesday; the session closes at 20:00Z (16:00 EDT). The next session is
// Thursday 03-28 (Good Friday 03-29 is a holiday), then Monday 04-01.
const Date kToday = day(2024, 3, 27);
const Timestamp kAfterClose = Timestamp{kToday} + std::chrono::hours(21);
const Timestamp kNextAfterClose = Timestamp{day(2024, 3, 28)} + std::chrono::hours(21);
const Timestamp kNextMidSession = Timestamp{day(2024, 3, 28)} + std::chrono::hours(15);

bool same(const DailyBar& a, const DailyBar& b) {
  return a.session == b.session && a.open == b.open && a.high == b.high && a.low == b.low &&
         a.close == b.close && a.volume == b.volume;
}

class AlpacaMarketDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(stack.started.ok());
    // Every XNYS session of 2024 through 04-01 (a bar for a session that is still to come, as
    // Alpaca serves today's partial bar, must never be used early).
    auto sessions = calendar.sessions(day(2024, 1, 2), day(2024, 4, 1));
    ASSERT_TRUE(sessions.ok());
    std::int64_t base = 1000'000;
    for (const char* symbol : {"AAPL", "MSFT", "XOM"}) {
      std::vector<DailyBar> bars;
      std::int64_t i = 0;
      for (const MarketDay& s : *sessions) {
        DailyBar b;
        b.session = s.date;
        b.close = Money::from_units(base + 1234 * i);
        b.open = Money::from_units(base + 1234 * i - 500);
        b.high = Money::from_units(base + 1234 * i + 700);
        b.low = Money::from_units(base + 1234 * i - 900);
        b.volume = 1000 + i;
        bars.push_back(b);
        ++i;
      }
      expected[symbol] = bars;
      stack.fake.market().set_bars(symbol, bars);
      base += 500'000;
    }
  }

  AlpacaDataOptions options(std::string cache = {}) const {
    AlpacaDataOptions o;
    o.symbols = {"AAPL", "MSFT", "XOM"};
    o.cache_path = std::move(cache);
    return o;
  }

  // The expected bars of `symbol`: the last `count` with session <= through.
  std::vector<DailyBar> want(const std::string& symbol, Date through, std::size_t count) {
    std::vector<DailyBar> out;
    for (const DailyBar& b : expected[symbol]) {
      if (b.session <= through) out.push_back(b);
    }
    if (out.size() > count) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(count));
    return out;
  }

  static void expect_bars(const std::vector<DailyBar>& got, const std::vector<DailyBar>& wanted) {
    ASSERT_EQ(got.size(), wanted.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_TRUE(same(got[i], wanted[i])) << "bar " << i << " of " << format_date(got[i].session);
    }
  }

  int bar_requests() { return stack.fake.requests().count_of(fakes::kGetBars); }

  AlpacaTestStack stack;
  XnysCalendar calendar;
  SettableClock clock{kAfterClose};
  TestTempDir dir{"alpaca-data"};
  std::map<std::string, std::vector<DailyBar>> expected;
};

TEST_F(AlpacaMarketDataTest, FetchesTheWatchlistTogetherAcrossSmallPages) {
  AlpacaDataOptions o = options();
  o.page_limit = 7;
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, o);
  ASSERT_TRUE(data.status().ok());
  auto aapl = data.daily_bars("AAPL", kToday, 20);
  ASSERT_TRUE(aapl.ok()) << aapl.error().to_string();
  expect_bars(*aapl, want("AAPL", kToday, 20));
  // From 30 sessions (20 + 10 spare) before 03-27 through 03-27: 31 bars of 3 symbols, 7 bars a
  // page: 93 / 7 -> 14 pages.
  EXPECT_EQ(bar_requests(), 14);
  EXPECT_EQ(data.requests_made(), 14u);
  for (const char* symbol : {"MSFT", "XOM"}) {
    auto bars = data.daily_bars(symbol, kToday, 20);
    ASSERT_TRUE(bars.ok());
    expect_bars(*bars, want(symbol, kToday, 20));
  }
  // Smaller windows and earlier ends are served from memory too.
  auto earlier = data.daily_bars("MSFT", day(2024, 3, 10), 5);  // A Sunday: through Friday 03-08.
  ASSERT_TRUE(earlier.ok());
  expect_bars(*earlier, want("MSFT", day(2024, 3, 8), 5));
  EXPECT_EQ(bar_requests(), 14);
}

TEST_F(AlpacaMarketDataTest, SendsFeedAdjustmentAndRangeAsConfigured) {
  AlpacaDataOptions o = options();
  o.feed = "sip";
  o.adjustment = "all";
  o.page_limit = 500;
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, o);
  ASSERT_TRUE(data.daily_bars("XOM", kToday, 3).ok());
  const auto params = stack.fake.market().last_bars_params();
  EXPECT_EQ(params.at("symbols"), "AAPL,MSFT,XOM");
  EXPECT_EQ(params.at("timeframe"), "1Day");
  EXPECT_EQ(params.at("feed"), "sip");
  EXPECT_EQ(params.at("adjustment"), "all");
  EXPECT_EQ(params.at("limit"), "500");
  EXPECT_EQ(params.at("sort"), "asc");
  // 3 + 10 sessions back from 03-27 is 03-08; the end is the close of 03-27 (20:00Z, EDT).
  EXPECT_EQ(params.at("start"), "2024-03-08");
  EXPECT_EQ(params.at("end"), "2024-03-27T20:00:00Z");
}

TEST_F(AlpacaMarketDataTest, NeverServesTheBarOfASessionStillOpen) {
  clock.set(kNextMidSession);
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, options());
  auto bars = data.daily_bars("AAPL", day(2024, 3, 28), 5);
  ASSERT_TRUE(bars.ok()) << bars.error().to_string();
  expect_bars(*bars, want("AAPL", kToday, 5));
  auto next = data.first_bar_after("AAPL", kToday);
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());

  // After the close, the same object fetches the new session (only it, with one of overlap).
  clock.set(kNextAfterClose);
  const int before = bar_requests();
  bars = data.daily_bars("AAPL", day(2024, 3, 28), 5);
  ASSERT_TRUE(bars.ok());
  expect_bars(*bars, want("AAPL", day(2024, 3, 28), 5));
  EXPECT_EQ(bar_requests(), before + 1);
  EXPECT_EQ(stack.fake.market().last_bars_params().at("start"), "2024-03-27");
  next = data.first_bar_after("AAPL", kToday);
  ASSERT_TRUE(next.ok() && next->has_value());
  EXPECT_TRUE(same(**next, want("AAPL", day(2024, 3, 28), 1)[0]));
}

TEST_F(AlpacaMarketDataTest, ASecondRunOnTheSameCacheSendsNoRequest) {
  const std::string cache = dir.file("bars.sqlite").string();
  {
    AlpacaMarketData first(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
    ASSERT_TRUE(first.status().ok()) << first.status().error().to_string();
    ASSERT_TRUE(first.daily_bars("AAPL", kToday, 40).ok());
    EXPECT_EQ(first.requests_made(), 1u);
  }
  AlpacaMarketData second(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
  for (const char* symbol : {"AAPL", "MSFT", "XOM"}) {
    auto bars = second.daily_bars(symbol, kToday, 40);
    ASSERT_TRUE(bars.ok()) << bars.error().to_string();
    expect_bars(*bars, want(symbol, kToday, 40));
  }
  EXPECT_EQ(second.requests_made(), 0u);
  EXPECT_EQ(bar_requests(), 1);
}

TEST_F(AlpacaMarketDataTest, TheNextDayFetchesOnlyTheNewSessions) {
  const std::string cache = dir.file("bars.sqlite").string();
  {
    AlpacaMarketData today(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
    ASSERT_TRUE(today.daily_bars("MSFT", kToday, 40).ok());
  }
  clock.set(kNextAfterClose);
  AlpacaMarketData tomorrow(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
  for (const char* symbol : {"AAPL", "MSFT", "XOM"}) {
    auto bars = tomorrow.daily_bars(symbol, day(2024, 3, 28), 40);
    ASSERT_TRUE(bars.ok()) << bars.error().to_string();
    expect_bars(*bars, want(symbol, day(2024, 3, 28), 40));
  }
  EXPECT_EQ(tomorrow.requests_made(), 1u);
  const auto params = stack.fake.market().last_bars_params();
  EXPECT_EQ(params.at("start"), "2024-03-27");  // One session of overlap.
  EXPECT_EQ(params.at("end"), "2024-03-28T20:00:00Z");
}

TEST_F(AlpacaMarketDataTest, ASplitThatReadjustsHistoryRefetchesThatSymbol) {
  const std::string cache = dir.file("bars.sqlite").string();
  {
    AlpacaMarketData today(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
    ASSERT_TRUE(today.daily_bars("AAPL", kToday, 40).ok());
  }
  // AAPL splits 2-for-1 effective 03-28: every earlier bar is now served halved.
  stack.fake.market().set_split("AAPL", day(2024, 3, 28), 2.0);
  clock.set(kNextAfterClose);
  AlpacaMarketData tomorrow(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
  auto aapl = tomorrow.daily_bars("AAPL", day(2024, 3, 28), 40);
  ASSERT_TRUE(aapl.ok()) << aapl.error().to_string();
  EXPECT_EQ(tomorrow.requests_made(), 2u);  // The update, then AAPL's whole range again.
  EXPECT_EQ(stack.fake.market().last_bars_params().at("symbols"), "AAPL");
  std::vector<DailyBar> adjusted = want("AAPL", day(2024, 3, 28), 40);
  ASSERT_EQ(aapl->size(), adjusted.size());
  for (std::size_t i = 0; i + 1 < adjusted.size(); ++i) {
    EXPECT_EQ((*aapl)[i].close.units(), (adjusted[i].close.units() + 1) / 2) << i;
    EXPECT_EQ((*aapl)[i].volume, adjusted[i].volume * 2) << i;
  }
  EXPECT_TRUE(same(aapl->back(), adjusted.back()));
  auto msft = tomorrow.daily_bars("MSFT", day(2024, 3, 28), 40);
  ASSERT_TRUE(msft.ok());
  expect_bars(*msft, want("MSFT", day(2024, 3, 28), 40));

  // The cache now holds the adjusted history: a third run sends nothing and agrees.
  AlpacaMarketData third(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
  auto again = third.daily_bars("AAPL", day(2024, 3, 28), 40);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(third.requests_made(), 0u);
  expect_bars(*again, *aapl);
}

TEST_F(AlpacaMarketDataTest, ASymbolWithoutBarsIsEmptyAndOneOutsideTheWatchlistIsFetchedAlone) {
  AlpacaDataOptions o = options();
  o.symbols.push_back("NODATA");
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, o);
  auto none = data.daily_bars("NODATA", kToday, 10);
  ASSERT_TRUE(none.ok()) << none.error().to_string();
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(data.requests_made(), 1u);
  auto first = data.first_bar_after("NODATA", day(2024, 3, 1));
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->has_value());

  auto other = data.daily_bars("BRK.B", kToday, 10);
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
  EXPECT_EQ(stack.fake.market().last_bars_params().at("symbols"), "BRK.B");
  EXPECT_EQ(data.requests_made(), 2u);

  auto bad = data.daily_bars("AA PL", kToday, 10);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(data.requests_made(), 2u);
}

TEST_F(AlpacaMarketDataTest, LatestTradesComeInOneRequestTruncatedToTheSecond) {
  const auto at = fakes::FakeTime(Timestamp{kToday} + std::chrono::hours(19)) +
                  std::chrono::nanoseconds(961'102'308);
  stack.fake.market().set_latest_trade("AAPL", Money::parse("187.30").value(), at);
  stack.fake.market().set_latest_trade("XOM", Money::parse("118.0725").value(), at);
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, options());
  auto aapl = data.latest_trade("AAPL");
  ASSERT_TRUE(aapl.ok()) << aapl.error().to_string();
  ASSERT_TRUE(aapl->has_value());
  EXPECT_EQ((*aapl)->price.to_string(), "187.30");
  EXPECT_EQ(format_utc_timestamp((*aapl)->at), "2024-03-27T19:00:00Z");
  auto xom = data.latest_trade("XOM");
  ASSERT_TRUE(xom.ok() && xom->has_value());
  EXPECT_EQ((*xom)->price.to_string(), "118.0725");
  auto msft = data.latest_trade("MSFT");
  ASSERT_TRUE(msft.ok());
  EXPECT_FALSE(msft->has_value());
  EXPECT_EQ(stack.fake.requests().count_of(fakes::kGetLatestTrades), 1);
  const auto params = stack.fake.market().last_trades_params();
  EXPECT_EQ(params.at("symbols"), "AAPL,MSFT,XOM");
  EXPECT_EQ(params.at("feed"), "iex");
}

TEST_F(AlpacaMarketDataTest, TransientFailuresAreRetriedByTheStack) {
  stack.fake.faults().fail_next(2, 503, fakes::kGetBars);
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, options());
  auto bars = data.daily_bars("AAPL", kToday, 5);
  ASSERT_TRUE(bars.ok()) << bars.error().to_string();
  expect_bars(*bars, want("AAPL", kToday, 5));
  EXPECT_EQ(bar_requests(), 3);
  EXPECT_EQ(data.requests_made(), 1u);
}

// After each failure the cache holds nothing: a later good run fetches everything.
class AlpacaMarketDataErrorTest : public AlpacaMarketDataTest {
 protected:
  void expect_nothing_cached(const std::string& cache) {
    AlpacaMarketData later(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
    auto bars = later.daily_bars("AAPL", kToday, 5);
    ASSERT_TRUE(bars.ok()) << bars.error().to_string();
    EXPECT_GE(later.requests_made(), 1u);
  }
};

TEST_F(AlpacaMarketDataErrorTest, WrongKeysAreRejectedWithoutTheSecret) {
  const std::string cache = dir.file("bars.sqlite").string();
  AlpacaMarketData data(stack.retrying, stack.endpoint("not-the-secret"), calendar, clock,
                        options(cache));
  auto bars = data.daily_bars("AAPL", kToday, 5);
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.error().code, ErrorCode::kRejected) << bars.error().to_string();
  EXPECT_NE(bars.error().message.find("request is not authorized"), std::string::npos);
  EXPECT_EQ(bars.error().to_string().find("not-the-secret"), std::string::npos);
  auto trade = data.latest_trade("AAPL");
  ASSERT_FALSE(trade.ok());
  EXPECT_EQ(trade.error().code, ErrorCode::kRejected);
  expect_nothing_cached(cache);
}

TEST_F(AlpacaMarketDataErrorTest, AServerErrorIsUnavailable) {
  const std::string cache = dir.file("bars.sqlite").string();
  stack.fake.faults().fail_next(1, 500, fakes::kGetBars);
  AlpacaMarketData data(stack.curl, stack.endpoint(), calendar, clock, options(cache));
  auto bars = data.daily_bars("AAPL", kToday, 5);
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.error().code, ErrorCode::kUnavailable) << bars.error().to_string();
  EXPECT_NE(bars.error().message.find("HTTP 500"), std::string::npos);
  expect_nothing_cached(cache);
}

TEST_F(AlpacaMarketDataErrorTest, AFailureOnALaterPageCachesNothing) {
  const std::string cache = dir.file("bars.sqlite").string();
  AlpacaDataOptions o = options(cache);
  o.page_limit = 10;
  stack.fake.market().garble_bars_answer(2, "<html>not json</html>");
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, o);
  auto bars = data.daily_bars("AAPL", kToday, 5);
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.error().code, ErrorCode::kInvalidInput) << bars.error().to_string();
  EXPECT_EQ(data.requests_made(), 3u);
  EXPECT_NE(bars.error().to_string().find("alpaca GET /v2/stocks/bars"), std::string::npos);
  expect_nothing_cached(cache);
}

TEST_F(AlpacaMarketDataErrorTest, ABadFieldNamesSymbolFieldAndValue) {
  const std::string cache = dir.file("bars.sqlite").string();
  stack.fake.market().garble_bars_answer(
      0, R"({"bars": {"MSFT": [{"t": "2024-03-27T04:00:00Z", "o": 1, "h": 1, "l": 1,
             "c": "12.5", "v": 1}]}, "next_page_token": null})");
  AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, options(cache));
  auto bars = data.daily_bars("AAPL", kToday, 5);
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(bars.error().message.find("MSFT: field \"c\" = \"12.5\""), std::string::npos)
      << bars.error().to_string();
  expect_nothing_cached(cache);
}

TEST_F(AlpacaMarketDataErrorTest, BadOptionsAreReportedByStatusAndEveryCall) {
  for (auto change :
       {+[](AlpacaDataOptions& o) { o.feed = "otc"; },
        +[](AlpacaDataOptions& o) { o.adjustment = "spin-off"; },
        +[](AlpacaDataOptions& o) { o.page_limit = 0; },
        +[](AlpacaDataOptions& o) { o.symbols.push_back(""); },
        +[](AlpacaDataOptions& o) { o.cache_path = "/nonexistent-dir/bars.sqlite"; }}) {
    AlpacaDataOptions o = options();
    change(o);
    AlpacaMarketData data(stack.retrying, stack.endpoint(), calendar, clock, o);
    ASSERT_FALSE(data.status().ok());
    EXPECT_EQ(data.status().error().code, ErrorCode::kInvalidInput)
        << data.status().error().to_string();
    auto bars = data.daily_bars("AAPL", kToday, 5);
    ASSERT_FALSE(bars.ok());
    EXPECT_EQ(bars.error().message, data.status().error().message);
  }
  EXPECT_EQ(bar_requests(), 0);
}

}  // namespace
}  // namespace stratus
