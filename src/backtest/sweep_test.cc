// The sweep's grid (parsing, combinations, applying a combination) and its runner: every
// combination measured exactly as a single backtest of it, the same on any number of threads,
// ranked by the metric, and walk-forward folds over consecutive segments.
#include "backtest/sweep.h"

#include <gtest/gtest.h>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/sim/csv_market_data.h"
#include "backtest/backtest_outcome.h"
#include "backtest/counting_event_sink.h"
#include "config/config_loader.h"

namespace stratus {
namespace {

Date day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

std::string error_of(const Result<SweepAxis>& axis) {
  return axis.ok() ? "" : axis.error().message;
}

TEST(SweepGridTest, ParsesNamesAndValues) {
  auto axis = parse_sweep_axis("tier1_drop=5,7.5, 10");
  ASSERT_TRUE(axis.ok()) << axis.error().to_string();
  EXPECT_EQ(axis->name, "tier1_drop");
  EXPECT_EQ(axis->values, (std::vector<std::string>{"5", "7.5", "10"}));
  auto filters = parse_sweep_axis("filter=none;rsi(14) < 30;macd(12, 26, 9) > 0");
  ASSERT_TRUE(filters.ok()) << filters.error().to_string();
  EXPECT_EQ(filters->values.size(), 3U);
}

TEST(SweepGridTest, RejectsWhatMakesNoParameterNamingIt) {
  EXPECT_NE(error_of(parse_sweep_axis("tier1_drop")).find("expected NAME=VALUES"),
            std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("stop_loss=5")).find("unknown sweep parameter \"stop_loss\""),
            std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("tier1_drop=5,,10")).find("empty value"), std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("tier1_drop=5,5")).find("given twice"), std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("tier1_drop=5,120")).find("tier1_drop = \"120\""),
            std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("monthly_share_cap=x")).find("whole number"),
            std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("filter=rsi(14) <")).find("filter = \"rsi(14) <\""),
            std::string::npos);
  EXPECT_NE(error_of(parse_sweep_axis("fill=noon")).find("close or next_open"), std::string::npos);
}

TEST(SweepGridTest, CombinationsVaryTheLastAxisFastest) {
  const auto combos = sweep_combinations({{"a", {"1", "2"}}, {"b", {"x", "y", "z"}}});
  ASSERT_EQ(combos.size(), 6U);
  EXPECT_EQ(combos[0], (SweepParams{{"a", "1"}, {"b", "x"}}));
  EXPECT_EQ(combos[1], (SweepParams{{"a", "1"}, {"b", "y"}}));
  EXPECT_EQ(combos[5], (SweepParams{{"a", "2"}, {"b", "z"}}));
}

TEST(SweepGridTest, AppliesParametersAndRefusesTiersThatDoNotIncrease) {
  auto base = load_config(ConfigSources{std::nullopt, "dev", {}});
  ASSERT_TRUE(base.ok());
  auto config = apply_sweep_params(*base, {{"tier1_drop", "7.5"},
                                           {"tier2_qty", "5"},
                                           {"monthly_share_cap", "9"},
                                           {"window_sessions", "126"},
                                           {"filter", "rsi(14) < 30"},
                                           {"fill", "next_open"}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(config->evaluate.tiers[0].min_drop.to_string(2), "7.50");
  EXPECT_EQ(config->evaluate.tiers[1].qty, Quantity(5));
  EXPECT_EQ(config->limits.monthly_share_cap, Quantity(9));
  EXPECT_EQ(config->evaluate.window_sessions, 126);
  EXPECT_EQ(config->evaluate.min_sessions, 126);
  ASSERT_TRUE(config->evaluate.filter.has_value());
  EXPECT_EQ(config->backtest.fill, "next_open");

  auto crossed = apply_sweep_params(*base, {{"tier1_drop", "25"}});
  ASSERT_FALSE(crossed.ok());
  EXPECT_NE(crossed.error().message.find("the tiers' drops must increase"), std::string::npos);
  auto missing = apply_sweep_params(*base, {{"tier7_qty", "1"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("the profile has 3 tiers"), std::string::npos);
}

class SweepRunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_config(ConfigSources{std::nullopt, "dev", {}});
    ASSERT_TRUE(loaded.ok());
    config_ = *loaded;
    config_.backtest.monthly_contribution = Money::from_dollars(500);
    auto data = CsvMarketData::load(std::string(STRATUS_SOURCE_DIR) + "/data/bars/sp500-16.csv.gz",
                                    CsvLayout::kSp500, config_.watchlist);
    ASSERT_TRUE(data.ok());
    data_ = std::move(*data);
  }

  SweepRequest request(unsigned jobs) const {
    SweepRequest r;
    r.axes = {{"tier1_drop", {"5", "10", "25"}}, {"monthly_share_cap", {"2", "6"}}};
    r.metric = "xirr";
    r.from = day(2015, 1, 2);
    r.to = day(2016, 12, 30);
    r.jobs = jobs;
    return r;
  }

  Config config_;
  std::unique_ptr<CsvMarketData> data_;
  XnysCalendar calendar_;
};

TEST_F(SweepRunTest, EachCombinationIsMeasuredAsItsOwnBacktestOnAnyNumberOfThreads) {
  auto one = run_sweep(config_, calendar_, *data_, request(1));
  ASSERT_TRUE(one.ok()) << one.error().to_string();
  auto two = run_sweep(config_, calendar_, *data_, request(2));
  ASSERT_TRUE(two.ok()) << two.error().to_string();
  ASSERT_EQ(one->runs.size(), 6U);
  ASSERT_EQ(two->runs.size(), 6U);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(one->runs[i].params, two->runs[i].params);
    EXPECT_EQ(one->runs[i].measures.performance.final_equity,
              two->runs[i].measures.performance.final_equity);
  }
  // tier1_drop = 25 is above tier 2's 20%: invalid, ranked last, not run.
  EXPECT_EQ(one->runs[4].rank, 0);
  EXPECT_EQ(one->runs[5].rank, 0);
  EXPECT_NE(one->runs[5].invalid.find("must increase"), std::string::npos);
  // Ranked by XIRR, best first.
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_EQ(one->runs[i].rank, static_cast<int>(i) + 1);
    EXPECT_GE(*one->runs[i - 1].measures.performance.xirr, *one->runs[i].measures.performance.xirr);
  }
  // The best equals a backtest of its configuration run on its own.
  auto best = apply_sweep_params(config_, one->runs[0].params);
  ASSERT_TRUE(best.ok());
  auto settings = backtest_settings(*best, day(2015, 1, 2), day(2016, 12, 30));
  ASSERT_TRUE(settings.ok());
  CountingEventSink audit;
  auto alone = run_backtest(*best, calendar_, *data_, audit, *settings);
  ASSERT_TRUE(alone.ok());
  EXPECT_EQ(alone->days.back().equity, one->runs[0].measures.performance.final_equity);
  EXPECT_EQ(one->backtests, 6U);
}

TEST_F(SweepRunTest, WalkForwardChoosesOnEachSegmentAndMeasuresOnTheNext) {
  SweepRequest r = request(2);
  r.walk_forward = 2;
  auto outcome = run_sweep(config_, calendar_, *data_, r);
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  ASSERT_EQ(outcome->folds.size(), 2U);
  const WalkForwardFold& first = outcome->folds[0];
  const WalkForwardFold& second = outcome->folds[1];
  EXPECT_EQ(first.train_from, day(2015, 1, 2));
  EXPECT_EQ(second.train_from, first.test_from);
  EXPECT_EQ(second.test_to, day(2016, 12, 30));
  EXPECT_LT(first.train_to, first.test_from);
  EXPECT_GE(first.test_rank, 1);
  EXPECT_EQ(first.test_ranked, 4U);
  EXPECT_TRUE(first.test_median.has_value());
  EXPECT_EQ(outcome->backtests, 6U * 5);

  const auto json = sweep_result_json(r, *outcome);
  EXPECT_EQ(json["kind"], "sweep");
  EXPECT_EQ(json["results"].size(), 4U);
  EXPECT_EQ(json["invalid"].size(), 2U);
  EXPECT_EQ(json["walk_forward"].size(), 2U);
}

TEST_F(SweepRunTest, RefusesAnUnknownMetricAndFoldsTooShort) {
  SweepRequest r = request(1);
  r.metric = "luck";
  auto bad_metric = run_sweep(config_, calendar_, *data_, r);
  ASSERT_FALSE(bad_metric.ok());
  EXPECT_NE(bad_metric.error().message.find("expected one of xirr"), std::string::npos);
  r = request(1);
  r.to = day(2015, 2, 27);
  r.walk_forward = 5;
  auto short_folds = run_sweep(config_, calendar_, *data_, r);
  ASSERT_FALSE(short_folds.ok());
  EXPECT_NE(short_folds.error().message.find("segments of fewer than 20 sessions"),
            std::string::npos);
}

}  // namespace
}  // namespace stratus
