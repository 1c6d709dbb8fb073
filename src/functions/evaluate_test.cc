#include "functions/evaluate.h"

#include <gtest/gtest.h>

#include "functions/test_world.h"

namespace stratus {
namespace {

using testing::envelope;
using testing::find;
using testing::run_ok;
using testing::weekday_bars;

// Five sessions through Friday 2015-08-21, so a run on Monday 2015-08-24 sees all of them.
constexpr const char* kLast = "2015-08-21";
constexpr const char* kMonday = "2015-08-24T19:45:00Z";

TEST(Evaluate, ExactlyOnTheThresholdReachesTheTier) {
  testing::TestWorld world({{"AT10", weekday_bars(kLast, {"100", "99", "98", "95", "90"})},
                            {"JUST", weekday_bars(kLast, {"100", "99", "98", "95", "90.01"})},
                            {"AT20", weekday_bars(kLast, {"100", "99", "98", "95", "80"})},
                            {"DEEP", weekday_bars(kLast, {"100", "99", "98", "95", "55"})}},
                           kMonday);
  Config config = testing::small_config({"AT10", "JUST", "AT20", "DEEP"});
  Evaluate step(config, world.calendar, *world.data, world.clock);
  Json out = run_ok(step, envelope(kMonday));

  EXPECT_EQ(out["evaluation"]["as_of_session"], kLast);
  Json at10 = find(out["signals"], "AT10");
  ASSERT_FALSE(at10.is_null());
  EXPECT_EQ(at10["qty"], 1);
  EXPECT_EQ(at10["drop_pct"], "10.00");
  EXPECT_EQ(at10["price"], "90.00");
  EXPECT_EQ(at10["high_52w"], "100.00");
  EXPECT_EQ(at10["high_session"], "2015-08-17");
  EXPECT_EQ(find(out["signals"], "AT20")["qty"], 2);
  EXPECT_EQ(find(out["signals"], "DEEP")["qty"], 3);  // highest tier reached wins
  Json just = find(out["passed"], "JUST");
  ASSERT_FALSE(just.is_null());
  EXPECT_EQ(just["code"], "below_first_tier");
  EXPECT_EQ(just["reason"], "drop 9.99% below first tier 10.00%");
}

TEST(Evaluate, HighBasisChoosesDailyHighOrClose) {
  testing::TestWorld world(
      {{"X", weekday_bars(kLast, {"100", "99", "98", "95", "90"}, {"125", "", "", "", ""})}},
      kMonday);
  Config config = testing::small_config({"X"});
  Evaluate by_high(config, world.calendar, *world.data, world.clock);
  Json out = run_ok(by_high, envelope(kMonday));
  EXPECT_EQ(out["signals"][0]["high_52w"], "125.00");
  EXPECT_EQ(out["signals"][0]["qty"], 2);
  EXPECT_EQ(out["signals"][0]["drop_pct"], "28.00");
  config.evaluate.high_basis = HighBasis::kClose;
  Evaluate by_close(config, world.calendar, *world.data, world.clock);
  out = run_ok(by_close, envelope(kMonday));
  EXPECT_EQ(out["signals"][0]["high_52w"], "100.00");
  EXPECT_EQ(out["signals"][0]["qty"], 1);
}

TEST(Evaluate, AChangedConfigurationIsReadAfreshByTheSameStep) {
  // The step resolves each watched symbol's drawdown once; a later run under a changed watchlist,
  // window or basis must read what the configuration now names.
  testing::TestWorld world(
      {{"X", weekday_bars(kLast, {"200", "100", "99", "98", "95", "90"}, {"", "", "", "", "", ""})},
       {"Y",
        weekday_bars(kLast, {"100", "99", "98", "95", "90", "50"}, {"", "", "", "", "", "300"})}},
      kMonday);
  Config config = testing::small_config({"X"});
  config.evaluate.high_basis = HighBasis::kClose;
  Evaluate step(config, world.calendar, *world.data, world.clock);
  EXPECT_EQ(run_ok(step, envelope(kMonday))["signals"][0]["high_52w"], "100.00");
  config.evaluate.window_sessions = 6;
  EXPECT_EQ(run_ok(step, envelope(kMonday))["signals"][0]["high_52w"], "200.00");
  config.watchlist = {"Y"};
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_EQ(out["signals"][0]["symbol"], "Y");
  EXPECT_EQ(out["signals"][0]["high_52w"], "100.00");
  config.evaluate.high_basis = HighBasis::kHigh;
  EXPECT_EQ(run_ok(step, envelope(kMonday))["signals"][0]["high_52w"], "300.00");
}

TEST(Evaluate, WindowExcludesOlderHighs) {
  // The 200 high is six sessions back: outside a 5-session window.
  testing::TestWorld world({{"X", weekday_bars(kLast, {"200", "100", "99", "98", "95", "92"})}},
                           kMonday);
  Config config = testing::small_config({"X"});
  Evaluate step(config, world.calendar, *world.data, world.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_TRUE(out["signals"].empty());
  EXPECT_EQ(out["passed"][0]["high_52w"], "100.00");
}

TEST(Evaluate, InsufficientHistoryMissingAndStaleDataAreReportedAndOthersGoOn) {
  testing::TestWorld world({{"SHORT", weekday_bars(kLast, {"100", "90", "80", "70"})},
                            {"STALE", weekday_bars("2015-08-20", {"100", "99", "98", "95", "50"})},
                            {"GOOD", weekday_bars(kLast, {"100", "99", "98", "95", "50"})}},
                           kMonday);
  Config config = testing::small_config({"SHORT", "STALE", "NONE", "GOOD"});
  Evaluate step(config, world.calendar, *world.data, world.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_EQ(out["signals"].size(), 1u);
  EXPECT_EQ(out["signals"][0]["symbol"], "GOOD");
  EXPECT_EQ(find(out["passed"], "SHORT")["code"], "insufficient_history");
  EXPECT_EQ(find(out["passed"], "SHORT")["reason"], "4 sessions of history, need 5");
  EXPECT_EQ(find(out["passed"], "STALE")["code"], "stale_data");
  EXPECT_NE(find(out["passed"], "STALE")["reason"].get<std::string>().find("2015-08-21"),
            std::string::npos);
  EXPECT_EQ(find(out["passed"], "NONE")["code"], "no_data");
}

TEST(Evaluate, NeverUsesTheBarOfTheSessionStillTrading) {
  // Monday's bar exists in the data (a replay over history), but at 15:45 Monday it has not
  // closed: evaluate must use Friday's close.
  auto bars = weekday_bars("2015-08-24", {"100", "99", "98", "95", "96", "50"});
  testing::TestWorld world({{"X", bars}}, kMonday);
  Config config = testing::small_config({"X"});
  Evaluate step(config, world.calendar, *world.data, world.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_TRUE(out["signals"].empty());
  EXPECT_EQ(out["passed"][0]["price"], "96.00");
  EXPECT_EQ(out["passed"][0]["price_session"], kLast);
  // After Monday's close the same data gives a signal on Monday's close.
  world.clock.set(testing::utc("2015-08-24T20:30:00Z"));
  out = run_ok(step, envelope("2015-08-24T20:30:00Z"));
  EXPECT_EQ(out["signals"][0]["price"], "50.00");
}

TEST(Evaluate, RunTimeLaterThanTheClockIsRejectedAsLookAhead) {
  testing::TestWorld world({{"X", weekday_bars(kLast, {"100", "99", "98", "95", "90"})}},
                           "2015-08-24T12:00:00Z");
  Config config = testing::small_config({"X"});
  Evaluate step(config, world.calendar, *world.data, world.clock);
  auto r = step.run(envelope(kMonday));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(r.error().message.find("later than the clock"), std::string::npos);
}

// The bundled bars plus a latest trade per symbol, as a live data source has them.
class WithLatestTrades final : public MarketData {
 public:
  explicit WithLatestTrades(MarketData& bars) : bars_(bars) {}
  Result<std::vector<DailyBar>> daily_bars(std::string_view symbol, Date through,
                                           std::size_t count) override {
    return bars_.daily_bars(symbol, through, count);
  }
  Result<std::optional<DailyBar>> first_bar_after(std::string_view symbol, Date after) override {
    return bars_.first_bar_after(symbol, after);
  }
  Result<std::optional<LatestTrade>> latest_trade(std::string_view symbol) override {
    if (failure) return *failure;
    auto it = trades.find(std::string(symbol));
    if (it == trades.end()) return std::optional<LatestTrade>{};
    return std::optional<LatestTrade>{it->second};
  }
  std::map<std::string, LatestTrade> trades;
  std::optional<Error> failure;

 private:
  MarketData& bars_;
};

class EvaluateLatestTrade : public ::testing::Test {
 protected:
  EvaluateLatestTrade() {
    config.evaluate.price = PriceSource::kLatestTrade;
    data.trades["DIP"] = {*Money::parse("79.50"), testing::utc("2015-08-24T19:44:59Z")};
    data.trades["NEW"] = {*Money::parse("104.00"), testing::utc("2015-08-24T19:44:00Z")};
    data.trades["OLD"] = {*Money::parse("50.00"), testing::utc("2015-08-21T19:59:00Z")};
    data.trades["LATER"] = {*Money::parse("50.00"), testing::utc("2015-08-24T19:50:00Z")};
  }
  testing::TestWorld world{{{"DIP", weekday_bars(kLast, {"100", "99", "98", "95", "90"})},
                            {"NEW", weekday_bars(kLast, {"100", "99", "98", "95", "90"})},
                            {"OLD", weekday_bars(kLast, {"100", "99", "98", "95", "90"})},
                            {"LATER", weekday_bars(kLast, {"100", "99", "98", "95", "90"})},
                            {"NONE", weekday_bars(kLast, {"100", "99", "98", "95", "90"})}},
                           kMonday};
  WithLatestTrades data{*world.data};
  Config config = testing::small_config({"DIP", "NEW", "OLD", "LATER", "NONE"});
};

TEST_F(EvaluateLatestTrade, TodaysTradeBeforeTheRunIsThePrice) {
  Evaluate step(config, world.calendar, data, world.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_EQ(out["evaluation"]["price"], "latest_trade");
  Json dip = find(out["signals"], "DIP");
  ASSERT_FALSE(dip.is_null()) << out.dump();
  EXPECT_EQ(dip["price"], "79.50");
  EXPECT_EQ(dip["price_session"], "2015-08-24");
  EXPECT_EQ(dip["price_source"], "latest_trade");
  EXPECT_EQ(dip["price_at"], "2015-08-24T19:44:59Z");
  EXPECT_EQ(dip["drop_pct"], "20.50");
  EXPECT_EQ(dip["qty"], 2);  // The close alone (90.00) would reach only the 10% tier.
}

TEST_F(EvaluateLatestTrade, ATradeAboveTheHighIsANewHighNotANegativeDrop) {
  Evaluate step(config, world.calendar, data, world.clock);
  Json fresh = find(run_ok(step, envelope(kMonday))["passed"], "NEW");
  EXPECT_EQ(fresh["code"], "below_first_tier");
  EXPECT_EQ(fresh["high_52w"], "104.00");
  EXPECT_EQ(fresh["high_session"], "2015-08-24");
  EXPECT_EQ(fresh["drop_pct"], "0.00");
}

TEST_F(EvaluateLatestTrade, AStaleAFutureOrAMissingTradeKeepsTheCloseAndSaysWhy) {
  Evaluate step(config, world.calendar, data, world.clock);
  Json out = run_ok(step, envelope(kMonday));
  for (const char* symbol : {"OLD", "LATER", "NONE"}) {
    Json s = find(out["signals"], symbol);
    ASSERT_FALSE(s.is_null()) << symbol;
    EXPECT_EQ(s["price"], "90.00") << symbol;
    EXPECT_EQ(s["price_source"], "close") << symbol;
    EXPECT_FALSE(s.contains("price_at")) << symbol;
  }
  EXPECT_NE(find(out["signals"], "OLD")["price_note"].get<std::string>().find("not newer"),
            std::string::npos);
  EXPECT_NE(find(out["signals"], "LATER")["price_note"].get<std::string>().find("later than"),
            std::string::npos);
  EXPECT_NE(find(out["signals"], "NONE")["price_note"].get<std::string>().find("no latest"),
            std::string::npos);
}

TEST_F(EvaluateLatestTrade, AnUnreachableTradeSourceFallsBackToTheClose) {
  data.failure = Error::unavailable("connection refused", "alpaca GET /v2/stocks/trades/latest");
  Evaluate step(config, world.calendar, data, world.clock);
  Json dip = find(run_ok(step, envelope(kMonday))["signals"], "DIP");
  EXPECT_EQ(dip["price"], "90.00");
  EXPECT_NE(dip["price_note"].get<std::string>().find("connection refused"), std::string::npos);
}

TEST_F(EvaluateLatestTrade, TheCloseRuleNeverAsksForTrades) {
  config.evaluate.price = PriceSource::kClose;
  data.failure = Error::internal("must not be called");
  Evaluate step(config, world.calendar, data, world.clock);
  Json dip = find(run_ok(step, envelope(kMonday))["signals"], "DIP");
  EXPECT_EQ(dip["price"], "90.00");
  EXPECT_FALSE(dip.contains("price_source"));
}

}  // namespace
}  // namespace stratus
