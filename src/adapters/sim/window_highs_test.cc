// WindowHighs against a plain scan of every window, DayIndex against a search of the series, and
// CsvMarketData's drawdown_window and drawdown_reader (its DrawdownTable) against the port's
// defaults (read_drawdown over the bars daily_bars returns; drawdown_window by name), on series
// full of ties and missing highs, with calendars of their own, for every day, window length and
// basis; also from two threads at once, and with tables dropped while readers hold them. Its bar
// queries and close readers against plain searches.
#include "adapters/sim/window_highs.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "adapters/sim/bar_store.h"
#include "adapters/sim/csv_market_data.h"
#include "adapters/sim/day_index.h"

namespace stratus {
namespace {

// Prices from a small set, so ties are common; about one bar in four has no high.
std::vector<DailyBar> random_series(std::mt19937& rng, std::size_t n, Date first) {
  std::uniform_int_distribution<int> price(1, 6);
  std::uniform_int_distribution<int> gap(1, 3);
  std::vector<DailyBar> bars(n);
  Date day = first;
  for (DailyBar& bar : bars) {
    bar.session = day;
    bar.close = Money::from_units(price(rng) * 10'000);
    const int high = price(rng);
    if (high > 2) bar.high = Money::from_units(high * 10'000);
    day += std::chrono::days{gap(rng)};
  }
  return bars;
}

// random_series from 2013-02-08, as CsvMarketData holds it.
std::vector<CompactBar> random_compact_series(std::mt19937& rng, std::size_t n) {
  std::vector<CompactBar> bars;
  for (const DailyBar& bar : random_series(rng, n, *parse_date("2013-02-08"))) {
    bars.push_back(to_compact_bar(bar));
  }
  return bars;
}

// The index read_drawdown would report: the latest bar with the highest price in [first, last].
std::size_t scanned_highest(const std::vector<CompactBar>& bars, std::size_t first,
                            std::size_t last, HighBasis basis) {
  std::size_t best = first;
  for (std::size_t i = first; i <= last; ++i) {
    if (high_candidate(bars[i], basis) >= high_candidate(bars[best], basis)) best = i;
  }
  return best;
}

TEST(WindowHighs, FindsTheLatestHighestBarOfEveryWindow) {
  std::mt19937 rng(20180207);
  for (const std::size_t n : {1U, 2U, 7U, 64U, 300U}) {
    const std::vector<CompactBar> bars = random_compact_series(rng, n);
    for (const HighBasis basis : {HighBasis::kClose, HighBasis::kHigh}) {
      for (const std::size_t window : {1U, 2U, 3U, 5U, 16U, 63U, 252U, 400U}) {
        const WindowHighs highs(bars, window, basis);
        for (std::size_t last = 0; last < n; ++last) {
          const std::size_t first = last + 1 >= window ? last + 1 - window : 0;
          ASSERT_EQ(highs.highest(last), scanned_highest(bars, first, last, basis))
              << "n " << n << ", window " << window << ", last " << last;
        }
      }
    }
  }
}

TEST(DayIndex, CountsTheBarsOnOrBeforeEveryDay) {
  std::mt19937 rng(31);
  for (const std::size_t n : {0U, 1U, 2U, 50U, 400U}) {
    const std::vector<CompactBar> bars = random_compact_series(rng, n);
    std::vector<std::int64_t> days;  // The same days, as a calendar.
    for (const CompactBar& bar : bars) days.push_back(bar.day);
    const DayIndex index(bars);
    const DayIndex calendar_index{std::span<const std::int64_t>(days)};
    for (Date day = *parse_date("2013-01-01"); day <= *parse_date("2016-06-30");
         day += std::chrono::days{1}) {
      const std::size_t want = bars_through(bars, day, bars.size()).size();
      ASSERT_EQ(index.count_through(date_to_compact_day(day)), want)
          << "n " << n << ", " << format_date(day);
      ASSERT_EQ(calendar_index.count_through(date_to_compact_day(day)), want)
          << "n " << n << ", " << format_date(day);
    }
  }
}

void expect_same(const DrawdownWindow& fast, const DrawdownWindow& plain, const std::string& what) {
  ASSERT_EQ(fast.sessions, plain.sessions) << what;
  if (plain.sessions == 0) return;
  EXPECT_EQ(fast.reading.price, plain.reading.price) << what;
  EXPECT_EQ(fast.reading.price_session, plain.reading.price_session) << what;
  EXPECT_EQ(fast.reading.high, plain.reading.high) << what;
  EXPECT_EQ(fast.reading.high_session, plain.reading.high_session) << what;
  EXPECT_EQ(fast.reading.drop, plain.reading.drop) << what;
}

std::map<std::string, std::vector<DailyBar>> random_market(std::mt19937& rng) {
  return {{"A", random_series(rng, 400, *parse_date("2013-02-08"))},
          {"B", random_series(rng, 3, *parse_date("2014-01-02"))},
          {"C", {}}};
}

TEST(CsvDrawdownWindow, EqualsTheDefaultReadingOnEveryDay) {
  std::mt19937 rng(7);
  auto data = CsvMarketData::from_bars(random_market(rng));
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  MarketData& source = **data;
  for (const std::string symbol : {"A", "B", "C"}) {
    for (const HighBasis basis : {HighBasis::kClose, HighBasis::kHigh}) {
      for (const std::size_t window : {0U, 1U, 5U, 252U, 1000U}) {
        const auto reader = source.drawdown_reader(symbol, window, basis);
        const auto by_name = source.MarketData::drawdown_reader(symbol, window, basis);
        for (Date day = *parse_date("2013-02-01"); day <= *parse_date("2015-12-31");
             day += std::chrono::days{1}) {
          const std::string what =
              symbol + " " + format_date(day) + " window " + std::to_string(window);
          const auto plain = source.MarketData::drawdown_window(symbol, day, window, basis);
          ASSERT_TRUE(plain.ok());
          for (const auto& fast : {source.drawdown_window(symbol, day, window, basis),
                                   reader->read(day), by_name->read(day)}) {
            ASSERT_TRUE(fast.ok()) << what;
            expect_same(*fast, *plain, what);
          }
        }
      }
    }
  }
  const Date day = *parse_date("2014-01-02");
  for (const std::size_t window : {0U, 252U}) {
    for (const auto& unknown :
         {source.drawdown_window("ZZZ", day, window, HighBasis::kClose),
          source.drawdown_reader("ZZZ", window, HighBasis::kClose)->read(day)}) {
      ASSERT_FALSE(unknown.ok());
      EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
      EXPECT_NE(unknown.error().message.find("ZZZ"), std::string::npos);
    }
  }
}

void expect_same_bars(const std::vector<DailyBar>& got, const std::vector<DailyBar>& want,
                      const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].session, want[i].session) << what;
    EXPECT_EQ(got[i].close, want[i].close) << what;
    EXPECT_EQ(got[i].high, want[i].high) << what;
  }
}

// daily_bars, daily_bars_into and first_bar_after answer through the day index; the plain
// searches of the series (bar_store.h) say what they must answer.
TEST(CsvBarQueries, EqualThePlainSearchesOnEveryDay) {
  std::mt19937 rng(5);
  const auto market = random_market(rng);
  auto data = CsvMarketData::from_bars(market);
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  CsvMarketData& source = **data;
  std::vector<DailyBar> reused;
  for (const auto& [symbol, bars] : market) {
    const auto closes = source.close_reader(symbol);
    const auto closes_by_name = source.MarketData::close_reader(symbol);
    std::vector<CompactBar> compact;
    for (const DailyBar& bar : bars) compact.push_back(to_compact_bar(bar));
    for (Date day = *parse_date("2013-02-01"); day <= *parse_date("2015-12-31");
         day += std::chrono::days{1}) {
      const std::string what = symbol + " " + format_date(day);
      for (const std::size_t count : {0U, 1U, 7U, 1000U}) {
        const auto want = bars_through(compact, day, count);
        const auto got = source.daily_bars(symbol, day, count);
        ASSERT_TRUE(got.ok()) << what;
        expect_same_bars(*got, want, what);
        ASSERT_TRUE(source.daily_bars_into(symbol, day, count, reused).ok()) << what;
        expect_same_bars(reused, want, what);
      }
      const auto last = bars_through(compact, day, 1);
      for (const auto& close : {closes->read(day), closes_by_name->read(day)}) {
        ASSERT_TRUE(close.ok()) << what;
        ASSERT_EQ(close->has_value(), !last.empty()) << what;
        if (!last.empty()) {
          EXPECT_EQ(**close, last.back().close) << what;
        }
      }
      const auto next = source.first_bar_after(symbol, day);
      const auto want_next = first_bar_after(compact, day);
      ASSERT_TRUE(next.ok()) << what;
      ASSERT_EQ(next->has_value(), want_next.has_value()) << what;
      if (want_next) {
        EXPECT_EQ((*next)->session, want_next->session) << what;
      }
    }
  }
  EXPECT_EQ(source.daily_bars("ZZZ", *parse_date("2014-01-02"), 5).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(source.daily_bars_into("ZZZ", *parse_date("2014-01-02"), 5, reused).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(source.first_bar_after("ZZZ", *parse_date("2014-01-02")).error().code,
            ErrorCode::kNotFound);
  for (const auto& unknown : {source.close_reader("ZZZ"), source.MarketData::close_reader("ZZZ")}) {
    const auto close = unknown->read(*parse_date("2014-01-02"));
    ASSERT_FALSE(close.ok());
    EXPECT_EQ(close.error().code, ErrorCode::kNotFound);
    EXPECT_NE(close.error().message.find("ZZZ"), std::string::npos);
  }
}

// With no memory kept for tables, each (window, basis) asked for drops the one before from the
// market data's list: readers still hold theirs, and a window asked for again is made again.
TEST(CsvDrawdownWindow, ReadersOutliveTheTablesTheMarketDataDrops) {
  std::mt19937 rng(13);
  auto data = CsvMarketData::from_bars(random_market(rng));
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  CsvMarketData& source = **data;
  source.set_kept_table_bytes(0);
  std::vector<std::unique_ptr<DrawdownReader>> readers;
  for (const std::size_t window : {5U, 20U, 5U, 252U}) {
    readers.push_back(source.drawdown_reader("A", window, HighBasis::kHigh));
  }
  const std::size_t windows[] = {5, 20, 5, 252};
  for (Date day = *parse_date("2013-02-01"); day <= *parse_date("2015-12-31");
       day += std::chrono::days{1}) {
    for (std::size_t i = 0; i < readers.size(); ++i) {
      const std::string what = format_date(day) + " window " + std::to_string(windows[i]);
      const auto plain = source.MarketData::drawdown_window("A", day, windows[i], HighBasis::kHigh);
      const auto by_name = source.drawdown_window("A", day, windows[i], HighBasis::kHigh);
      const auto read = readers[i]->read(day);
      ASSERT_TRUE(plain.ok() && by_name.ok() && read.ok()) << what;
      expect_same(*read, *plain, what);
      expect_same(*by_name, *plain, what);
    }
  }
}

TEST(CsvDrawdownWindow, TwoThreadsReadTheSameAnswers) {
  std::mt19937 rng(11);
  auto data = CsvMarketData::from_bars(random_market(rng));
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  CsvMarketData& source = **data;
  // Both threads fill the same tables' columns, and read them by name and through readers.
  const auto read_all = [&source](std::vector<DrawdownWindow>& out) {
    for (std::size_t window = 1; window < 40; ++window) {
      for (const char* symbol : {"A", "B"}) {
        const auto reader = source.drawdown_reader(symbol, window, HighBasis::kHigh);
        for (Date day = *parse_date("2013-02-01"); day <= *parse_date("2015-12-31");
             day += std::chrono::days{5}) {
          out.push_back(*source.drawdown_window(symbol, day, window, HighBasis::kHigh));
          out.push_back(*reader->read(day));
        }
      }
    }
  };
  std::vector<DrawdownWindow> first;
  std::vector<DrawdownWindow> second;
  std::thread other([&] { read_all(second); });
  read_all(first);
  other.join();
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    expect_same(first[i], second[i], "query " + std::to_string(i));
  }
}

}  // namespace
}  // namespace stratus
