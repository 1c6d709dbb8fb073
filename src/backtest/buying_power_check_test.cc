// check-limits' buying-power check against the backtest's simulated broker: purchases are held
// within what the account can spend (clipped or declined as limits.on_exceed says), what open
// orders hold is not spendable, and what the check lets through the broker accepts. Real XNYS
// calendar, the week of Thanksgiving 2015 (New York on EST: 15:45 = 20:45Z).
#include <gtest/gtest.h>

#include <memory>
#include <utility>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/memory/memory_ledger.h"
#include "adapters/sim/csv_market_data.h"
#include "backtest/simulated_broker.h"
#include "functions/check_limits.h"
#include "functions/execute.h"

namespace stratus {
namespace {

Money m(const char* text) { return *Money::parse(text); }

DailyBar flat(const char* session, const char* price) {
  DailyBar b;
  b.session = *parse_date(session);
  b.open = b.high = b.low = b.close = m(price);
  b.volume = 1000;
  return b;
}

std::vector<DailyBar> week(const char* price) {
  return {flat("2015-11-23", price), flat("2015-11-24", price), flat("2015-11-25", price)};
}

Json signal(const char* symbol, const char* price, int qty) {
  return {{"symbol", symbol}, {"price", price}, {"qty", qty}};
}

class BuyingPowerCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(calendar_.status().ok());
    auto data = CsvMarketData::from_bars(
        {{"AAPL", week("100.00")}, {"MSFT", week("40.00")}, {"KO", week("60.00")}});
    ASSERT_TRUE(data.ok()) << data.error().to_string();
    data_ = std::move(data).value();
    broker_ = std::make_unique<SimulatedBroker>(*data_, calendar_, clock_, FillModel{});
    broker_->deposit(m("250.00"));
    config_.profile = "dev";
    config_.strategy = "dip";
    config_.limits.monthly_share_cap = Quantity(4);
  }

  // check-limits' output for the session of 2015-11-25 at 15:45 New York: AAPL asks 3 shares at
  // 100.00, MSFT 2 at 40.00, KO 1 at 60.00 (the closes the broker prices them at).
  Json check() {
    Json doc = {
        {"version", 1},
        {"run", {{"id", "2015-11-25/dev/1"}, {"profile", "dev"}, {"at", kAt}}},
        {"market", {{"session", "2015-11-25"}}},
        {"signals",
         {signal("AAPL", "100.00", 3), signal("MSFT", "40.00", 2), signal("KO", "60.00", 1)}}};
    CheckLimits step(config_, ledger_, *broker_);
    auto out = step.run(doc);
    EXPECT_TRUE(out.ok()) << out.error().to_string();
    return out.ok() ? std::move(out).value() : Json();
  }

  Json execute(const Json& checked) {
    Execute step(ledger_, *broker_, clock_);
    auto out = step.run(checked);
    EXPECT_TRUE(out.ok()) << out.error().to_string();
    return out.ok() ? std::move(out).value() : Json();
  }

  static constexpr const char* kAt = "2015-11-25T20:45:00Z";
  XnysCalendar calendar_;
  SettableClock clock_{*parse_utc_timestamp(kAt)};
  std::unique_ptr<CsvMarketData> data_;
  std::unique_ptr<SimulatedBroker> broker_;
  MemoryLedger ledger_;
  Config config_;
};

TEST_F(BuyingPowerCheckTest, ClipsEachPurchaseToWhatIsLeftAndDeclinesWhatNoShareFits) {
  const Json out = check();
  EXPECT_EQ(out["buying_power"],
            Json({{"available", m("250.00").to_string()}, {"broker", "simulated"}}));
  ASSERT_EQ(out["orders"].size(), 2u) << out.dump(1);
  // 250.00 buys 2 AAPL; the 50.00 left, 1 MSFT; the 10.00 left, no KO.
  EXPECT_EQ(out["orders"][0]["symbol"], "AAPL");
  EXPECT_EQ(out["orders"][0]["qty"], 2);
  EXPECT_EQ(out["orders"][0]["requested_qty"], 3);
  EXPECT_EQ(out["orders"][0]["bound_by"], "buying_power");
  EXPECT_NE(out["orders"][0]["note"].get<std::string>().find("buying power $250"),
            std::string::npos)
      << out["orders"][0]["note"];
  EXPECT_EQ(out["orders"][1]["symbol"], "MSFT");
  EXPECT_EQ(out["orders"][1]["qty"], 1);
  EXPECT_EQ(out["orders"][1]["bound_by"], "buying_power");
  ASSERT_EQ(out["declined"].size(), 1u);
  EXPECT_EQ(out["declined"][0]["symbol"], "KO");
  EXPECT_EQ(out["declined"][0]["bound_by"], "buying_power");
  EXPECT_NE(out["declined"][0]["reason"].get<std::string>().find("no room for 1 share(s)"),
            std::string::npos);

  // What the check let through, the broker accepts.
  const Json done = execute(out);
  for (const Json& order : done["orders"]) EXPECT_EQ(order["state"], "submitted") << order;
  EXPECT_EQ(broker_->buying_power(), m("10.00"));
}

TEST_F(BuyingPowerCheckTest, SkipDeclinesAPurchaseThatDoesNotFitWholeAndTheNextMayStillFit) {
  config_.limits.on_exceed = ExceedPolicy::kSkip;
  const Json out = check();
  ASSERT_EQ(out["declined"].size(), 1u);
  EXPECT_EQ(out["declined"][0]["symbol"], "AAPL");  // 300.00 > 250.00
  EXPECT_EQ(out["declined"][0]["bound_by"], "buying_power");
  ASSERT_EQ(out["orders"].size(), 2u);
  EXPECT_EQ(out["orders"][0]["qty"], 2);  // MSFT, 80.00 of 250.00
  EXPECT_EQ(out["orders"][1]["qty"], 1);  // KO, 60.00 of the 170.00 left
  EXPECT_FALSE(out["orders"][0].contains("bound_by"));
}

TEST_F(BuyingPowerCheckTest, WhatOpenOrdersHoldIsNotSpendable) {
  // An order placed earlier in the session holds 2 x 60.00 until the close.
  clock_.set(*parse_utc_timestamp("2015-11-25T15:00:00Z"));
  OrderRequest held;
  held.client_order_id = "earlier-KO";
  held.symbol = "KO";
  held.qty = Quantity(2);
  ASSERT_TRUE(broker_->submit(held).ok());
  clock_.set(*parse_utc_timestamp(kAt));
  const Json out = check();
  EXPECT_EQ(out["buying_power"]["available"], m("130.00").to_string());
  ASSERT_EQ(out["orders"].size(), 1u);
  EXPECT_EQ(out["orders"][0]["symbol"], "AAPL");
  EXPECT_EQ(out["orders"][0]["qty"], 1);  // 130.00 buys 1 AAPL; the 30.00 left, nothing else.
  EXPECT_EQ(out["declined"].size(), 2u);
}

TEST_F(BuyingPowerCheckTest, WithoutTheCheckTheBrokerRefusesWhatTheAccountCannotCover) {
  config_.limits.check_buying_power = false;
  const Json out = check();
  EXPECT_FALSE(out.contains("buying_power"));
  ASSERT_EQ(out["orders"].size(), 3u);
  const Json done = execute(out);
  EXPECT_EQ(done["orders"][0]["state"], "rejected");  // 3 AAPL cost 300.00 of 250.00.
  EXPECT_NE(done["orders"][0]["reason"].get<std::string>().find("insufficient buying power"),
            std::string::npos);
  EXPECT_EQ(done["orders"][1]["state"], "submitted");
  EXPECT_EQ(done["orders"][2]["state"], "submitted");
}

}  // namespace
}  // namespace stratus
