// The backtest on the bundled data (dev profile): its accounting holds every day, it never uses a
// bar before its time, and the benchmarks receive exactly the strategy's money.
#include "backtest/backtest.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <random>
#include <set>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/sim/csv_market_data.h"
#include "backtest/backtest_outcome.h"
#include "backtest/counting_event_sink.h"
#include "config/config_loader.h"

namespace stratus {
namespace {

const std::string kBundled = std::string(STRATUS_SOURCE_DIR) + "/data/bars/sp500-16.csv.gz";

Date day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

class BacktestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_config(ConfigSources{std::nullopt, "dev", {}});
    ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
    config_ = *loaded;
    config_.backtest.monthly_contribution = Money::from_dollars(500);
    auto data = CsvMarketData::load(kBundled, CsvLayout::kSp500, config_.watchlist);
    ASSERT_TRUE(data.ok()) << data.error().to_string();
    data_ = std::move(*data);
    ASSERT_TRUE(calendar_.status().ok());
  }

  BacktestRun run(MarketData& data, Date from, Date to) {
    auto settings = backtest_settings(config_, from, to);
    EXPECT_TRUE(settings.ok());
    CountingEventSink audit;
    auto result = run_backtest(config_, calendar_, data, audit, *settings);
    EXPECT_TRUE(result.ok()) << result.error().to_string();
    return result.ok() ? std::move(*result) : BacktestRun{};
  }

  // The bundled bars with every session after `cut` moved by a random factor per bar.
  std::unique_ptr<CsvMarketData> altered_after(Date cut) {
    std::map<std::string, std::vector<DailyBar>> bars;
    std::mt19937 random(20160615);
    std::uniform_int_distribution<std::int64_t> percent(40, 180);
    for (const std::string& symbol : config_.watchlist) {
      auto all = data_->daily_bars(symbol, day(2100, 1, 1), 100000);
      EXPECT_TRUE(all.ok());
      for (DailyBar bar : *all) {
        if (bar.session > cut) {
          const std::int64_t p = percent(random);
          const auto scale = [p](Money m) { return Money::from_units(m.units() * p / 100); };
          bar.close = scale(bar.close);
          if (bar.open) bar.open = scale(*bar.open);
          if (bar.high) bar.high = scale(*bar.high);
          if (bar.low) bar.low = scale(*bar.low);
        }
        bars[symbol].push_back(bar);
      }
    }
    auto altered = CsvMarketData::from_bars(std::move(bars));
    EXPECT_TRUE(altered.ok());
    return std::move(*altered);
  }

  Config config_;
  std::unique_ptr<CsvMarketData> data_;
  XnysCalendar calendar_;
};

TEST_F(BacktestTest, CashPlusHoldingsIsEquityEveryDayAndFillsAreTheLedgersFills) {
  const BacktestRun r = run(*data_, day(2014, 1, 2), day(2017, 12, 29));
  ASSERT_EQ(r.days.size(), 1007U);
  ASSERT_GT(r.fills.size(), 100U);

  // Replay the fills independently: cash and holdings at each close, valued at that close.
  Money cash;
  std::map<std::string, std::int64_t> shares;
  std::size_t next_fill = 0;
  for (const AccountDay& d : r.days) {
    cash += d.flow;
    while (next_fill < r.fills.size() && new_york_date(r.fills[next_fill].at) <= d.session) {
      const Fill& f = r.fills[next_fill++];
      cash -= f.price * f.qty.shares() + f.commission;
      shares[f.symbol] += f.qty.shares();
    }
    Money value;
    for (const auto& [symbol, count] : shares) {
      auto last = data_->daily_bars(symbol, d.session, 1);
      ASSERT_TRUE(last.ok() && !last->empty());
      value += last->back().close * count;
    }
    ASSERT_EQ(d.cash, cash) << format_date(d.session);
    ASSERT_EQ(d.holdings_value, value) << format_date(d.session);
    ASSERT_EQ(d.equity, d.cash + d.holdings_value) << format_date(d.session);
    ASSERT_GE(d.cash, Money()) << format_date(d.session);
  }
  EXPECT_EQ(next_fill, r.fills.size());

  // Every fill is a filled order in the ledger with the same quantity, price and commission,
  // and every filled ledger order is a fill.
  std::map<std::string, const OrderRecord*> filled;
  for (const OrderRecord& o : r.orders) {
    if (o.state == OrderState::kFilled) filled[o.client_order_id] = &o;
  }
  ASSERT_EQ(filled.size(), r.fills.size());
  Money spent;
  for (const Fill& f : r.fills) {
    const auto it = filled.find(f.client_order_id);
    ASSERT_NE(it, filled.end()) << f.client_order_id;
    EXPECT_EQ(it->second->filled_qty, f.qty);
    EXPECT_EQ(it->second->filled_avg_price, f.price);
    EXPECT_EQ(it->second->commission, f.commission);
    spent += f.price * f.qty.shares() + f.commission;
  }
  Money deposited;
  for (const AccountDay& d : r.days) deposited += d.flow;
  EXPECT_EQ(deposited - spent, r.cash);
  EXPECT_EQ(deposited, Money::from_dollars(10'000 + 500 * 48));  // 48 months, the first joined.
}

TEST_F(BacktestTest, NothingDecidedByADayChangesWhenLaterBarsChange) {
  const Date cut = day(2016, 6, 15);
  for (const char* fill : {"close", "next_open"}) {
    SCOPED_TRACE(fill);
    config_.backtest.fill = fill;
    auto altered = altered_after(cut);
    const BacktestRun original = run(*data_, day(2015, 1, 2), day(2016, 12, 30));
    const BacktestRun changed = run(*altered, day(2015, 1, 2), day(2016, 12, 30));
    ASSERT_EQ(original.days.size(), changed.days.size());
    for (std::size_t i = 0; i < original.days.size() && original.days[i].session <= cut; ++i) {
      EXPECT_EQ(original.days[i].cash, changed.days[i].cash);
      EXPECT_EQ(original.days[i].equity, changed.days[i].equity);
    }
    // Orders of sessions up to the cut: the same ids and quantities; fills known by the cut's
    // close the same.
    std::map<std::string, const OrderRecord*> later;
    for (const OrderRecord& o : changed.orders) later[o.client_order_id] = &o;
    std::size_t compared = 0;
    for (const OrderRecord& o : original.orders) {
      if (o.session > cut) continue;
      const auto it = later.find(o.client_order_id);
      ASSERT_NE(it, later.end()) << o.client_order_id;
      EXPECT_EQ(it->second->qty, o.qty) << o.client_order_id;
      if (o.filled_at && new_york_date(*o.filled_at) <= cut) {
        EXPECT_EQ(it->second->filled_avg_price, o.filled_avg_price) << o.client_order_id;
      }
      ++compared;
    }
    EXPECT_GT(compared, 50U);
    // ...and the alteration does show after the cut.
    EXPECT_NE(original.days.back().equity, changed.days.back().equity);
  }
}

TEST_F(BacktestTest, BenchmarksReceiveTheStrategysMoney) {
  auto settings = backtest_settings(config_, day(2015, 1, 2), day(2015, 12, 31));
  ASSERT_TRUE(settings.ok());
  CountingEventSink audit;
  auto outcome = backtest_with_benchmarks(config_, calendar_, *data_, audit, *settings, {});
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  const Money invested = outcome->strategy_measures.performance.invested;
  EXPECT_EQ(invested, Money::from_dollars(10'000 + 500 * 12));
  EXPECT_EQ(outcome->dca_measures.performance.invested, invested);
  EXPECT_EQ(outcome->buy_and_hold_measures.performance.invested, invested);
  // Buy and hold gets it all on the first session and buys every symbol then; dca buys in each
  // of the 12 months, on its contribution session.
  EXPECT_EQ(outcome->buy_and_hold.days.front().flow, invested);
  EXPECT_EQ(outcome->buy_and_hold_measures.buys, config_.watchlist.size());
  std::set<std::string> months;
  for (const Fill& f : outcome->dca.fills) months.insert(format_month(new_york_date(f.at)));
  EXPECT_EQ(months.size(), 12U);
  EXPECT_GT(audit.total(), 0U);
}

// Keeps the type of every event, each built whole (EventSink's default append_view).
class TypeKeepingSink final : public EventSink {
 public:
  Status append(const nlohmann::json& event) override {
    ++counts[event.at("type").get<std::string>()];
    return {};
  }
  std::map<std::string, std::size_t, std::less<>> counts;
};

TEST_F(BacktestTest, TheCountingSinkCountsWhatAWholeEventSinkReceives) {
  auto settings = backtest_settings(config_, day(2015, 6, 1), day(2015, 9, 30));
  ASSERT_TRUE(settings.ok());
  CountingEventSink counting;
  TypeKeepingSink keeping;
  ASSERT_TRUE(run_backtest(config_, calendar_, *data_, counting, *settings).ok());
  ASSERT_TRUE(run_backtest(config_, calendar_, *data_, keeping, *settings).ok());
  EXPECT_EQ(counting.counts(), keeping.counts);
  EXPECT_GT(counting.counts().at("signal"), 0U);
  EXPECT_GT(counting.counts().at("order"), 0U);
}

TEST(FundingScheduleTest, FirstSessionGetsTheCashAndEachMonthItsContribution) {
  XnysCalendar calendar;
  auto sessions = calendar.sessions(day(2015, 11, 20), day(2016, 1, 31));
  ASSERT_TRUE(sessions.ok());
  const FundingPlan plan{Money::from_dollars(1000), Money::from_dollars(100), 27};
  const auto flows = funding_schedule(*sessions, plan);
  // 2015-11-27 is the first session on or after the 27th in November (Thanksgiving is the 26th);
  // in December the 28th (the 27th is a Sunday); in January the 27th.
  ASSERT_EQ(flows.size(), 4U);
  EXPECT_EQ(flows[0], std::make_pair(day(2015, 11, 20), Money::from_dollars(1000)));
  EXPECT_EQ(flows[1], std::make_pair(day(2015, 11, 27), Money::from_dollars(100)));
  EXPECT_EQ(flows[2], std::make_pair(day(2015, 12, 28), Money::from_dollars(100)));
  EXPECT_EQ(flows[3], std::make_pair(day(2016, 1, 27), Money::from_dollars(100)));
}

TEST(FundingScheduleTest, AContributionOnTheFirstSessionJoinsTheStartingCash) {
  XnysCalendar calendar;
  auto sessions = calendar.sessions(day(2016, 3, 1), day(2016, 4, 30));
  ASSERT_TRUE(sessions.ok());
  const auto flows =
      funding_schedule(*sessions, FundingPlan{Money::from_dollars(50), Money::from_dollars(7), 1});
  ASSERT_EQ(flows.size(), 2U);
  EXPECT_EQ(flows[0], std::make_pair(day(2016, 3, 1), Money::from_dollars(57)));
  EXPECT_EQ(flows[1], std::make_pair(day(2016, 4, 1), Money::from_dollars(7)));
}

TEST(BacktestErrorsTest, APeriodWithoutSessionsIsBadInput) {
  auto config = load_config(ConfigSources{std::nullopt, "dev", {}});
  ASSERT_TRUE(config.ok());
  auto data = CsvMarketData::load(kBundled, CsvLayout::kSp500, config->watchlist);
  ASSERT_TRUE(data.ok());
  XnysCalendar calendar;
  CountingEventSink audit;
  auto settings = backtest_settings(*config, day(2015, 12, 25), day(2015, 12, 25));
  ASSERT_TRUE(settings.ok());
  auto result = run_backtest(*config, calendar, **data, audit, *settings);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(result.error().message.find("no XNYS session"), std::string::npos)
      << result.error().message;
}

}  // namespace
}  // namespace stratus
