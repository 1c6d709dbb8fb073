#include "functions/check_limits.h"

#include <gtest/gtest.h>

#include "functions/test_world.h"

namespace stratus {
namespace {

using testing::envelope;
using testing::run_ok;

// A document as evaluate leaves it: market session and signals.
Json with_signals(const char* at, const char* session, const std::vector<Json>& signals) {
  Json doc = envelope(at);
  doc["market"] = {{"session", session}, {"status", "open"}};
  doc["signals"] = Json(signals);
  return doc;
}

Json signal(const char* symbol, const char* price, int qty) {
  return {{"symbol", symbol}, {"price", price}, {"qty", qty}};
}

class CheckLimitsTest : public ::testing::Test {
 protected:
  testing::TestWorld world{{{"AAPL", {}}, {"MSFT", {}}}};
  Config config = testing::small_config({"AAPL", "MSFT"});
};

TEST_F(CheckLimitsTest, ReservesUnderADeterministicIdAndCountsTheCap) {
  CheckLimits step(config, *world.ledger, *world.broker);
  Json out = run_ok(
      step, with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("AAPL", "103.12", 2)}));
  ASSERT_EQ(out["orders"].size(), 1u);
  const Json& o = out["orders"][0];
  EXPECT_EQ(o["client_order_id"], "dip-AAPL-20150824-1");
  EXPECT_EQ(o["qty"], 2);
  EXPECT_EQ(o["state"], "reserved");
  EXPECT_EQ(o["cap"],
            Json({{"month", "2015-08"}, {"limit", 4}, {"used_before", 0}, {"used_after", 2}}));
  EXPECT_TRUE(out["declined"].empty());
}

TEST_F(CheckLimitsTest, RunningTheSameDayTwiceReservesNothingNew) {
  CheckLimits step(config, *world.ledger, *world.broker);
  const Json doc =
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("AAPL", "103.12", 2)});
  run_ok(step, doc);
  Json again = run_ok(step, doc);
  EXPECT_TRUE(again["orders"][0]["already_reserved"]);
  EXPECT_EQ(world.ledger->usage("AAPL", "2015-08")->shares_used, Quantity(2));
}

TEST_F(CheckLimitsTest, PartiallyUsedCapClipsOrSkips) {
  CheckLimits step(config, *world.ledger, *world.broker);
  run_ok(step, with_signals("2015-08-20T19:45:00Z", "2015-08-20", {signal("AAPL", "100", 3)}));
  Json out =
      run_ok(step, with_signals("2015-08-21T19:45:00Z", "2015-08-21", {signal("AAPL", "100", 2)}));
  EXPECT_EQ(out["orders"][0]["qty"], 1);
  EXPECT_EQ(out["orders"][0]["requested_qty"], 2);
  EXPECT_EQ(out["orders"][0]["cap"]["used_after"], 4);
  EXPECT_NE(out["orders"][0]["note"].get<std::string>().find("clipped from 2 to 1"),
            std::string::npos);

  config.limits.on_exceed = ExceedPolicy::kSkip;
  Json msft =
      run_ok(step, with_signals("2015-08-20T19:45:00Z", "2015-08-20", {signal("MSFT", "40", 3)}));
  msft =
      run_ok(step, with_signals("2015-08-21T19:45:00Z", "2015-08-21", {signal("MSFT", "40", 2)}));
  EXPECT_TRUE(msft["orders"].empty());
  EXPECT_NE(msft["declined"][0]["reason"].get<std::string>().find("policy is skip"),
            std::string::npos);
}

TEST_F(CheckLimitsTest, CapReachedIsDeclinedAndTheFirstDayOfAMonthStartsAfresh) {
  CheckLimits step(config, *world.ledger, *world.broker);
  run_ok(step, with_signals("2015-08-28T19:45:00Z", "2015-08-28", {signal("AAPL", "100", 3)}));
  run_ok(step, with_signals("2015-08-31T19:45:00Z", "2015-08-31", {signal("AAPL", "100", 3)}));
  EXPECT_EQ(world.ledger->usage("AAPL", "2015-08")->shares_used, Quantity(4));
  // 2015-09-01 at 15:45 New York is 19:45Z: a new month.
  Json sept =
      run_ok(step, with_signals("2015-09-01T19:45:00Z", "2015-09-01", {signal("AAPL", "100", 3)}));
  EXPECT_EQ(sept["orders"][0]["qty"], 3);
  EXPECT_EQ(sept["orders"][0]["cap"]["month"], "2015-09");
  Json again =
      run_ok(step, with_signals("2015-09-02T19:45:00Z", "2015-09-02", {signal("AAPL", "100", 3)}));
  EXPECT_EQ(again["orders"][0]["qty"], 1);
  Json full =
      run_ok(step, with_signals("2015-09-03T19:45:00Z", "2015-09-03", {signal("AAPL", "100", 1)}));
  EXPECT_TRUE(full["orders"].empty());
  EXPECT_NE(full["declined"][0]["reason"].get<std::string>().find("monthly cap 4 shares, 4 used"),
            std::string::npos);
}

TEST_F(CheckLimitsTest, PerSymbolOverrideBudgetsAndNotional) {
  config.limits.symbol_caps["MSFT"] = Quantity(1);
  config.limits.max_order_notional = testing::money("250");
  CheckLimits step(config, *world.ledger, *world.broker);
  Json out = run_ok(step, with_signals("2015-08-24T19:45:00Z", "2015-08-24",
                                       {signal("MSFT", "40", 3), signal("AAPL", "100", 3)}));
  EXPECT_EQ(out["orders"][0]["symbol"], "MSFT");
  EXPECT_EQ(out["orders"][0]["qty"], 1);
  EXPECT_EQ(out["orders"][0]["cap"]["limit"], 1);
  EXPECT_EQ(out["orders"][1]["qty"], 2);  // $250 max notional at $100
}

TEST_F(CheckLimitsTest, KillSwitchDeclinesEverythingAndWritesNothing) {
  config.limits.trading_enabled = false;
  CheckLimits step(config, *world.ledger, *world.broker);
  Json out =
      run_ok(step, with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("AAPL", "100", 1)}));
  EXPECT_TRUE(out["orders"].empty());
  EXPECT_NE(out["declined"][0]["reason"].get<std::string>().find("trading disabled"),
            std::string::npos);
  EXPECT_TRUE(world.ledger->orders({})->empty());
}

TEST_F(CheckLimitsTest, MalformedSignalsAreRejectedBeforeAnythingIsWritten) {
  CheckLimits step(config, *world.ledger, *world.broker);
  const Json bad[] = {
      with_signals("2015-08-24T19:45:00Z", "2015-08-24",
                   {signal("AAPL", "100", 1), {{"symbol", "MSFT"}, {"price", 40.5}, {"qty", 1}}}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("AAPL", "100", 0)}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("AAPL", "-1", 1)}),
      with_signals("2015-08-24T19:45:00Z", "24/08/2015", {signal("AAPL", "100", 1)}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {Json{{"price", "100"}, {"qty", 1}}}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("", "100", 1)}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {Json("AAPL")}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24",
                   {signal("AAPL", "100", 1), signal("MSFT", "100", 1'000'001)}),
      with_signals("2015-08-24T19:45:00Z", "2015-08-24", {signal("AAPL", "100.12345", 1)}),
  };
  const char* fields[] = {"/signals/1/price",  "/signals/0/qty",    "/signals/0/price",
                          "/market/session",   "/signals/0/symbol", "/signals/0/symbol",
                          "/signals/0/symbol", "/signals/1/qty",    "/signals/0/price"};
  for (std::size_t i = 0; i < std::size(bad); ++i) {
    auto r = step.run(bad[i]);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message.find(fields[i]), std::string::npos) << r.error().message;
  }
  EXPECT_TRUE(world.ledger->orders({})->empty());
}

}  // namespace
}  // namespace stratus
