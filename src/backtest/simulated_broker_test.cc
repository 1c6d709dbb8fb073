// Tests of the simulated broker of a backtest: buying power, the fill rules of both fill points,
// limit and gtc orders, missing bars, rejections and the absence of look-ahead. The data are
// hand-made daily bars; the calendar is the real XNYS one, around Thanksgiving 2015 (Thursday
// 11-26 closed, Friday 11-27 closing at 13:00) and the March 2015 change to daylight-saving time.
//
// New York in November 2015 is on EST (UTC-5): 09:30 = 14:30Z, 13:00 = 18:00Z, 16:00 = 21:00Z.
// On 2015-03-06 (EST) the close is 21:00Z; on 2015-03-09 (EDT, UTC-4) the open is 13:30Z and the
// close 20:00Z.
#include "backtest/simulated_broker.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/sim/csv_market_data.h"

namespace stratus {

// Readable failures: statuses, amounts and instants as text.
void PrintTo(BrokerOrderStatus status, std::ostream* os) {
  *os << broker_order_status_name(status);
}
void PrintTo(const Money& money, std::ostream* os) { *os << money.to_string(); }
void PrintTo(ErrorCode code, std::ostream* os) { *os << error_code_name(code); }

namespace {

using Bars = std::map<std::string, std::vector<DailyBar>>;

Money m(const char* text) { return *Money::parse(text); }
Date d(const char* text) { return *parse_date(text); }
Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

DailyBar bar(const char* session, std::optional<Money> open, std::optional<Money> low,
             Money close) {
  DailyBar b;
  b.session = d(session);
  b.open = open;
  b.high = std::nullopt;
  b.low = low;
  b.close = close;
  b.volume = 1000;
  return b;
}

// A bar whose open, low and close are all `price`.
DailyBar flat(const char* session, const char* price) {
  return bar(session, m(price), m(price), m(price));
}

OrderRequest market(const std::string& id, std::int64_t qty, const std::string& symbol = "SPY") {
  OrderRequest r;
  r.client_order_id = id;
  r.symbol = symbol;
  r.qty = Quantity(qty);
  return r;
}

OrderRequest limit(const std::string& id, std::int64_t qty, const char* price,
                   TimeInForce tif = TimeInForce::kDay, const std::string& symbol = "SPY") {
  OrderRequest r = market(id, qty, symbol);
  r.type = OrderType::kLimit;
  r.limit_price = m(price);
  r.time_in_force = tif;
  return r;
}

FillModel model(FillPoint point, int slippage_bps = 0, const char* per_order = "0",
                const char* per_share = "0") {
  FillModel fill;
  fill.point = point;
  fill.slippage_bps = slippage_bps;
  fill.commission_per_order = m(per_order);
  fill.commission_per_share = m(per_share);
  return fill;
}

// Everything observable of an order, for comparing two brokers.
std::string describe(const BrokerOrder& order) {
  std::string text = order.broker_order_id + " " + order.client_order_id + " " + order.symbol +
                     " qty=" + order.qty.to_string() +
                     " status=" + std::string(broker_order_status_name(order.status)) +
                     " filled=" + order.filled_qty.to_string() +
                     " commission=" + order.commission.to_string() +
                     " submitted=" + format_utc_timestamp(order.submitted_at);
  if (order.filled_avg_price) text += " price=" + order.filled_avg_price->to_string();
  if (order.filled_at) text += " at=" + format_utc_timestamp(*order.filled_at);
  return text + " reason=" + order.reason;
}

// A broker over its own data; the calendar and the clock are shared by the test.
struct Account {
  std::unique_ptr<CsvMarketData> data;
  std::unique_ptr<SimulatedBroker> broker;

  std::string describe_all() const {
    std::string text = "cash=" + broker->cash().to_string() +
                       " buying_power=" + broker->buying_power().to_string() + "\n";
    for (const BrokerOrder& order : broker->orders()) text += describe(order) + "\n";
    for (const auto& [symbol, holding] : broker->holdings()) {
      text += symbol + " " + holding.shares.to_string() + " " + holding.cost.to_string() + "\n";
    }
    return text;
  }
};

class SimulatedBrokerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(calendar_.status().ok()) << calendar_.status().error().to_string();
  }

  Account open_account(Bars bars, FillModel fill, const char* deposit = "10000") {
    Account account;
    auto data = CsvMarketData::from_bars(std::move(bars));
    EXPECT_TRUE(data.ok()) << data.error().to_string();
    if (!data.ok()) return account;
    account.data = std::move(data).value();
    account.broker = std::make_unique<SimulatedBroker>(*account.data, calendar_, clock_, fill);
    account.broker->deposit(m(deposit));
    return account;
  }

  // Opens the account the test's helpers below act on.
  void start(Bars bars, FillModel fill, const char* deposit = "10000") {
    account_ = open_account(std::move(bars), fill, deposit);
    ASSERT_NE(account_.broker, nullptr);
  }

  SimulatedBroker& broker() { return *account_.broker; }

  BrokerOrder submit_at(const char* when, const OrderRequest& request) {
    clock_.set(t(when));
    auto order = broker().submit(request);
    EXPECT_TRUE(order.ok()) << order.error().to_string();
    return order.ok() ? *order : BrokerOrder{};
  }

  Error rejection_at(const char* when, const OrderRequest& request) {
    clock_.set(t(when));
    auto order = broker().submit(request);
    EXPECT_FALSE(order.ok()) << "accepted: " << (order.ok() ? describe(*order) : "");
    return order.ok() ? Error{} : order.error();
  }

  // The order as find_by_client_order_id reports it with the clock at `when`.
  BrokerOrder find_at(const char* when, const std::string& id) {
    clock_.set(t(when));
    auto order = broker().find_by_client_order_id(id);
    EXPECT_TRUE(order.ok()) << order.error().to_string();
    if (!order.ok() || !order->has_value()) {
      ADD_FAILURE() << "no order " << id;
      return BrokerOrder{};
    }
    return **order;
  }

  XnysCalendar calendar_;
  SettableClock clock_{t("2015-11-25T15:00:00Z")};
  Account account_;
};

// SPY around Thanksgiving 2015: no bar on 11-26 (closed).
Bars thanksgiving_bars() {
  return {{"SPY",
           {flat("2015-11-23", "49.00"), flat("2015-11-24", "50.00"),
            bar("2015-11-25", m("50.20"), m("49.80"), m("50.1000")),
            bar("2015-11-27", m("51.00"), m("50.50"), m("51.50")),
            bar("2015-11-30", m("52.00"), m("51.50"), m("52.50")), flat("2015-12-01", "53.00")}}};
}

// --- Market orders filling at the close ----------------------------------------------------------

TEST_F(SimulatedBrokerTest, CloseMarketOrderIsNotFilledBeforeTheSessionClose) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 5, "1.00", "0.005"));
  const BrokerOrder order = submit_at("2015-11-25T15:00:00Z", market("o1", 10));
  EXPECT_EQ(order.status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(order.broker_order_id, "sim-1");
  EXPECT_EQ(order.submitted_at, t("2015-11-25T15:00:00Z"));

  const BrokerOrder before = find_at("2015-11-25T20:59:59Z", "o1");
  EXPECT_EQ(before.status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(before.filled_qty, Quantity(0));
  EXPECT_FALSE(before.filled_avg_price.has_value());
  EXPECT_FALSE(before.filled_at.has_value());
  EXPECT_EQ(broker().cash(), m("10000"));
  EXPECT_TRUE(broker().fills().empty());
  EXPECT_TRUE(broker().holdings().empty());
}

TEST_F(SimulatedBrokerTest, CloseMarketOrderFillsAtTheCloseInstantWithSlippageAndCommission) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 5, "1.00", "0.005"));
  submit_at("2015-11-25T15:00:00Z", market("o1", 10));
  // Estimate: the 11-24 close 50.00 + 5 bps = 50.025, x 10 = 500.25, + 1.00 + 10 x 0.005.
  EXPECT_EQ(broker().buying_power(), m("9498.70"));

  const BrokerOrder filled = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_qty, Quantity(10));
  // 50.1000 + 5 bps = 50.12505, exactly half a unit: rounded away from zero.
  ASSERT_TRUE(filled.filled_avg_price.has_value());
  EXPECT_EQ(*filled.filled_avg_price, m("50.1251"));
  EXPECT_EQ(filled.filled_at, t("2015-11-25T21:00:00Z"));
  EXPECT_EQ(filled.commission, m("1.05"));
  EXPECT_TRUE(filled.reason.empty());

  // 10 x 50.1251 + 1.05 = 502.301.
  EXPECT_EQ(broker().cash(), m("9497.699"));
  EXPECT_EQ(broker().buying_power(), broker().cash());
  ASSERT_EQ(broker().holdings().count("SPY"), 1u);
  EXPECT_EQ(broker().holdings().at("SPY").shares, Quantity(10));
  EXPECT_EQ(broker().holdings().at("SPY").cost, m("502.301"));
  ASSERT_EQ(broker().fills().size(), 1u);
  const Fill& fill = broker().fills()[0];
  EXPECT_EQ(fill.client_order_id, "o1");
  EXPECT_EQ(fill.symbol, "SPY");
  EXPECT_EQ(fill.qty, Quantity(10));
  EXPECT_EQ(fill.price, m("50.1251"));
  EXPECT_EQ(fill.commission, m("1.05"));
  EXPECT_EQ(fill.at, t("2015-11-25T21:00:00Z"));
  EXPECT_EQ(broker().orders()[0].status, BrokerOrderStatus::kFilled);
}

TEST_F(SimulatedBrokerTest, AvailableBuyingPowerSettlesWhatIsDueFirst) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 5, "1.00", "0.005"));
  submit_at("2015-11-25T15:00:00Z", market("o1", 10));
  clock_.set(t("2015-11-25T20:59:59Z"));
  auto before = broker().available_buying_power();
  ASSERT_TRUE(before.ok()) << before.error().to_string();
  EXPECT_EQ(*before, std::optional<Money>(m("9498.70")));  // The estimate is held.
  // At the close the fill is booked before answering: its cost (502.301), not its estimate.
  clock_.set(t("2015-11-25T21:00:00Z"));
  EXPECT_EQ(broker().buying_power(), m("9498.70"));  // Not settled yet.
  auto after = broker().available_buying_power();
  ASSERT_TRUE(after.ok()) << after.error().to_string();
  EXPECT_EQ(*after, std::optional<Money>(m("9497.699")));
  EXPECT_EQ(broker().fills().size(), 1u);
}

TEST_F(SimulatedBrokerTest, SlippageBelowHalfAUnitRoundsDown) {
  Bars bars = thanksgiving_bars();
  bars["SPY"][2].close = m("50.0999");  // x 1.0005 = 50.12494995.
  start(bars, model(FillPoint::kClose, 5));
  submit_at("2015-11-25T15:00:00Z", market("o1", 1));
  EXPECT_EQ(find_at("2015-11-25T21:00:00Z", "o1").filled_avg_price, m("50.1249"));
}

TEST_F(SimulatedBrokerTest, CloseMarketOrderSubmittedAfterTheCloseFillsAtTheNextSessionClose) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  submit_at("2015-11-25T21:00:00Z", market("o1", 10));  // At the 11-25 close: too late for it.
  EXPECT_EQ(find_at("2015-11-25T23:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-26T21:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);  // Closed.
  // 11-27 closes early, at 13:00.
  EXPECT_EQ(find_at("2015-11-27T17:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-27T18:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("51.50"));
  EXPECT_EQ(filled.filled_at, t("2015-11-27T18:00:00Z"));
}

TEST_F(SimulatedBrokerTest, CloseMarketOrderSubmittedOnTheHolidayFillsAtTheEarlyClose) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  submit_at("2015-11-26T17:00:00Z", market("o1", 1));
  EXPECT_EQ(find_at("2015-11-27T17:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-27T18:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_at, t("2015-11-27T18:00:00Z"));
}

TEST_F(SimulatedBrokerTest, CloseMarketOrderSubmittedBeforeTheEarlyCloseFillsAtIt) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  submit_at("2015-11-27T17:59:59Z", market("o1", 1));  // 12:59:59 in New York.
  const BrokerOrder filled = find_at("2015-11-27T18:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_at, t("2015-11-27T18:00:00Z"));
  EXPECT_EQ(filled.filled_avg_price, m("51.50"));
}

TEST_F(SimulatedBrokerTest, CloseMarketOrderSubmittedAfterTheEarlyCloseWaitsForTheNextSession) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  // 14:00 in New York: before a regular close, but after this session's 13:00 close.
  submit_at("2015-11-27T19:00:00Z", market("o1", 1));
  EXPECT_EQ(find_at("2015-11-27T21:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-30T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-30T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_at, t("2015-11-30T21:00:00Z"));
  EXPECT_EQ(filled.filled_avg_price, m("52.50"));
}

// SPY around the change to daylight-saving time on Sunday 2015-03-08.
Bars dst_bars() {
  return {{"SPY",
           {flat("2015-03-05", "40.00"), bar("2015-03-06", m("41.00"), m("40.50"), m("41.50")),
            bar("2015-03-09", m("42.00"), m("41.50"), m("42.50")), flat("2015-03-10", "43.00")}}};
}

TEST_F(SimulatedBrokerTest, CloseFillAfterTheDaylightSavingChangeIsAtFourPmNewYorkTime) {
  start(dst_bars(), model(FillPoint::kClose));
  submit_at("2015-03-06T22:00:00Z", market("o1", 1));  // Friday 17:00 EST, after the close.
  EXPECT_EQ(find_at("2015-03-09T19:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-03-09T20:00:00Z", "o1");  // 16:00 EDT.
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_at, t("2015-03-09T20:00:00Z"));
  EXPECT_EQ(filled.filled_avg_price, m("42.50"));
}

TEST_F(SimulatedBrokerTest, NextOpenFillAfterTheDaylightSavingChangeIsAtNineThirtyNewYorkTime) {
  start(dst_bars(), model(FillPoint::kNextOpen));
  submit_at("2015-03-06T22:00:00Z", market("o1", 1));
  EXPECT_EQ(find_at("2015-03-09T13:29:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-03-09T13:30:00Z", "o1");  // 09:30 EDT.
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_at, t("2015-03-09T13:30:00Z"));
  EXPECT_EQ(filled.filled_avg_price, m("42.00"));
}

// --- Market orders filling at the next open
// -------------------------------------------------------

TEST_F(SimulatedBrokerTest, NextOpenOrderSubmittedBeforeTheOpenFillsAtThatDaysOpen) {
  start(thanksgiving_bars(), model(FillPoint::kNextOpen, 10, "0.50"));
  submit_at("2015-11-25T13:00:00Z", market("o1", 4));  // 08:00 in New York.
  const BrokerOrder before = find_at("2015-11-25T14:29:59Z", "o1");
  EXPECT_EQ(before.status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(broker().cash(), m("10000"));

  const BrokerOrder filled = find_at("2015-11-25T14:30:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("50.2502"));  // 50.20 + 10 bps.
  EXPECT_EQ(filled.filled_at, t("2015-11-25T14:30:00Z"));
  EXPECT_EQ(filled.commission, m("0.50"));
  EXPECT_EQ(broker().cash(), m("9798.4992"));  // 10000 - 4 x 50.2502 - 0.50.
}

TEST_F(SimulatedBrokerTest, NextOpenOrderSubmittedDuringTheSessionFillsAtTheNextSessionsOpen) {
  start(thanksgiving_bars(), model(FillPoint::kNextOpen));
  submit_at("2015-11-25T15:00:00Z", market("o1", 1));
  EXPECT_EQ(find_at("2015-11-25T21:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-26T14:30:00Z", "o1").status, BrokerOrderStatus::kAccepted);  // Closed.
  EXPECT_EQ(find_at("2015-11-27T14:29:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-27T14:30:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("51.00"));
  EXPECT_EQ(filled.filled_at, t("2015-11-27T14:30:00Z"));
}

TEST_F(SimulatedBrokerTest, NextOpenOrderFillsAtTheCloseWhenTheBarHasNoOpen) {
  Bars bars = thanksgiving_bars();
  bars["SPY"][3].open = std::nullopt;  // 11-27: no open.
  start(bars, model(FillPoint::kNextOpen));
  submit_at("2015-11-25T22:00:00Z", market("o1", 1));
  EXPECT_EQ(find_at("2015-11-27T14:30:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-27T17:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-27T18:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("51.50"));
  EXPECT_EQ(filled.filled_at, t("2015-11-27T18:00:00Z"));
}

// --- Buying power
// ---------------------------------------------------------------------------------

// SPY at 100 until 11-24, then 1000 on 11-25: a close that, at 10:00 on 11-25, is in the future.
Bars gap_bars() {
  return {
      {"SPY",
       {flat("2015-11-23", "100.00"), flat("2015-11-24", "100.00"), flat("2015-11-25", "1000.00"),
        flat("2015-11-27", "1000.00"), flat("2015-11-30", "1000.00")}}};
}

TEST_F(SimulatedBrokerTest, BuyingPowerEstimateUsesTheLastCompletedSessionsClose) {
  start(gap_bars(), model(FillPoint::kClose), "1000");
  // 9 x 100 (the 11-24 close) fits 1000; 9 x 1000 (11-25's coming close) would not.
  const BrokerOrder order = submit_at("2015-11-25T15:00:00Z", market("o1", 9));
  EXPECT_EQ(order.status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(broker().buying_power(), m("100.00"));
  EXPECT_EQ(broker().cash(), m("1000"));
}

TEST_F(SimulatedBrokerTest, BuyingPowerEstimateUsesASessionsCloseOnceItIsCompleted) {
  start(gap_bars(), model(FillPoint::kClose), "1000");
  // At the 11-25 close that session is completed: 2 x 1000 no longer fits.
  const Error error = rejection_at("2015-11-25T21:00:00Z", market("o1", 2));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_EQ(error.message.rfind("insufficient buying power", 0), 0u) << error.message;
  EXPECT_EQ(submit_at("2015-11-25T21:00:00Z", market("o2", 1)).status,
            BrokerOrderStatus::kAccepted);
  EXPECT_EQ(broker().buying_power(), m("0"));
}

TEST_F(SimulatedBrokerTest, OrderOverBuyingPowerIsRejectedAndNotKept) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 0, "1.00"), "500");
  // 10 x 50.00 + 1.00 = 501.00 > 500.
  const Error error = rejection_at("2015-11-25T15:00:00Z", market("o1", 10));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_EQ(error.message.rfind("insufficient buying power", 0), 0u) << error.message;
  EXPECT_TRUE(broker().orders().empty());
  EXPECT_EQ(broker().buying_power(), m("500"));
  auto found = broker().find_by_client_order_id("o1");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  // Exactly the buying power is enough.
  EXPECT_EQ(submit_at("2015-11-25T15:00:00Z", market("o2", 9)).status,
            BrokerOrderStatus::kAccepted);  // 9 x 50.00 + 1.00 = 451.00.
}

TEST_F(SimulatedBrokerTest, EstimateOfALimitOrderUsesTheLimitPriceWithSlippage) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 100, "1.00"), "1000");
  // 10 x (90.00 + 1%) + 1.00 = 910.00.
  submit_at("2015-11-25T15:00:00Z", limit("o1", 10, "90.00"));
  EXPECT_EQ(broker().buying_power(), m("90.00"));
  // 1 x 90.90 + 1.00 = 91.90 > 90.00.
  const Error error = rejection_at("2015-11-25T15:00:00Z", limit("o2", 1, "90.00"));
  EXPECT_EQ(error.message.rfind("insufficient buying power", 0), 0u) << error.message;
}

TEST_F(SimulatedBrokerTest, OpenOrdersCommitTheirEstimates) {
  start(gap_bars(), model(FillPoint::kClose), "1000");
  EXPECT_EQ(submit_at("2015-11-24T15:00:00Z", market("o1", 6)).status,
            BrokerOrderStatus::kAccepted);  // 600 of 1000 (the 11-23 close).
  EXPECT_EQ(broker().buying_power(), m("400"));
  const Error error = rejection_at("2015-11-24T15:00:00Z", market("o2", 6));  // 600 > 400.
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_EQ(error.message.rfind("insufficient buying power", 0), 0u) << error.message;
  EXPECT_EQ(broker().orders().size(), 1u);
  EXPECT_EQ(submit_at("2015-11-24T15:00:00Z", market("o3", 4)).status,
            BrokerOrderStatus::kAccepted);
  EXPECT_EQ(broker().buying_power(), m("0"));
}

TEST_F(SimulatedBrokerTest, CommitmentIsReleasedWhenTheOrderFills) {
  start(gap_bars(), model(FillPoint::kClose), "1000");
  submit_at("2015-11-24T15:00:00Z", market("o1", 6));
  EXPECT_EQ(broker().buying_power(), m("400"));
  EXPECT_EQ(find_at("2015-11-24T21:00:00Z", "o1").status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(broker().cash(), m("400"));
  EXPECT_EQ(broker().buying_power(), m("400"));
}

TEST_F(SimulatedBrokerTest, CommitmentIsReleasedWhenTheOrderExpires) {
  start(thanksgiving_bars(), model(FillPoint::kClose), "1000");
  submit_at("2015-11-25T15:00:00Z", limit("o1", 10, "45.00"));  // The close is 50.10.
  EXPECT_EQ(broker().buying_power(), m("550"));
  EXPECT_EQ(find_at("2015-11-25T21:00:00Z", "o1").status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(broker().cash(), m("1000"));
  EXPECT_EQ(broker().buying_power(), m("1000"));
}

TEST_F(SimulatedBrokerTest, FillCostingMoreThanTheCashIsCanceledAndCashStaysNonNegative) {
  start(gap_bars(), model(FillPoint::kClose), "1000");
  submit_at("2015-11-25T15:00:00Z", market("o1", 9));  // Estimated at 900; fills at 9000.
  const BrokerOrder order = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(order.status, BrokerOrderStatus::kCanceled);
  EXPECT_EQ(order.reason.rfind("insufficient buying power at the fill", 0), 0u) << order.reason;
  EXPECT_EQ(order.filled_qty, Quantity(0));
  EXPECT_FALSE(order.filled_avg_price.has_value());
  EXPECT_FALSE(order.filled_at.has_value());
  EXPECT_EQ(broker().cash(), m("1000"));
  EXPECT_EQ(broker().buying_power(), m("1000"));
  EXPECT_TRUE(broker().fills().empty());
  EXPECT_TRUE(broker().holdings().empty());
}

TEST_F(SimulatedBrokerTest, LaterOrderThatNoLongerFitsTheCashAtTheFillIsCanceled) {
  Bars bars = gap_bars();
  bars["SPY"][2] = flat("2015-11-25", "120.00");
  start(bars, model(FillPoint::kClose), "1000");
  submit_at("2015-11-25T15:00:00Z", market("o1", 5));  // 500 estimated, 600 at the fill.
  submit_at("2015-11-25T15:00:00Z", market("o2", 4));  // 400 estimated, 480 at the fill.
  EXPECT_EQ(find_at("2015-11-25T21:00:00Z", "o1").status, BrokerOrderStatus::kFilled);
  const BrokerOrder second = find_at("2015-11-25T21:00:00Z", "o2");
  EXPECT_EQ(second.status, BrokerOrderStatus::kCanceled);
  EXPECT_EQ(second.reason.rfind("insufficient buying power at the fill", 0), 0u) << second.reason;
  EXPECT_EQ(broker().cash(), m("400"));
  EXPECT_EQ(broker().buying_power(), m("400"));
  EXPECT_EQ(broker().holdings().at("SPY").shares, Quantity(5));
}

// The Broker port answers for the present: an order whose fill instant has passed is no longer
// open, so its commitment must not hold back a new order, whether or not anyone looked it up.
TEST_F(SimulatedBrokerTest, SubmitCountsOnlyOrdersStillOpenAtItsTime) {
  start(gap_bars(), model(FillPoint::kClose), "1000");
  submit_at("2015-11-25T15:00:00Z", market("o1", 9));  // Canceled at the 11-25 close (9000).
  // Two days later, with nothing settled in between: 1 x 1000 (the 11-25 close) fits the cash.
  const BrokerOrder second = submit_at("2015-11-27T15:00:00Z", market("o2", 1));
  EXPECT_EQ(second.status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-27T15:00:00Z", "o1").status, BrokerOrderStatus::kCanceled);
}

TEST_F(SimulatedBrokerTest, DepositRaisesCashAndBuyingPower) {
  start(thanksgiving_bars(), model(FillPoint::kClose), "100");
  EXPECT_EQ(broker().cash(), m("100"));
  EXPECT_EQ(broker().buying_power(), m("100"));
  submit_at("2015-11-25T15:00:00Z", market("o1", 1));  // 50.00 committed.
  broker().deposit(m("250.25"));
  EXPECT_EQ(broker().cash(), m("350.25"));
  EXPECT_EQ(broker().buying_power(), m("300.25"));
  EXPECT_EQ(submit_at("2015-11-25T15:00:00Z", market("o2", 6)).status,
            BrokerOrderStatus::kAccepted);  // 300.00.
}

// --- Limit orders
// ---------------------------------------------------------------------------------

TEST_F(SimulatedBrokerTest, CloseLimitAboveThePriceFillsAtTheSlippedClose) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 10));
  submit_at("2015-11-25T15:00:00Z", limit("o1", 2, "51.00"));
  EXPECT_EQ(find_at("2015-11-25T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("50.1501"));  // 50.10 + 10 bps.
  EXPECT_EQ(filled.filled_at, t("2015-11-25T21:00:00Z"));
}

TEST_F(SimulatedBrokerTest, CloseLimitBetweenThePriceAndTheSlippedPriceFillsAtTheLimit) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 10));
  submit_at("2015-11-25T15:00:00Z", limit("o1", 2, "50.12"));
  const BrokerOrder filled = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("50.12"));
}

TEST_F(SimulatedBrokerTest, CloseLimitAtThePriceFills) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  submit_at("2015-11-25T15:00:00Z", limit("o1", 2, "50.10"));
  const BrokerOrder filled = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("50.10"));
}

TEST_F(SimulatedBrokerTest, CloseDayLimitBelowTheCloseExpiresAtTheCloseEvenWhenTheLowReachedIt) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  submit_at("2015-11-25T15:00:00Z", limit("o1", 2, "49.90"));  // Low 49.80, close 50.10.
  EXPECT_EQ(find_at("2015-11-25T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder expired = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(expired.status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(expired.reason, "limit 49.90 not reached in session 2015-11-25");
  EXPECT_FALSE(expired.filled_at.has_value());
  EXPECT_TRUE(broker().fills().empty());
}

TEST_F(SimulatedBrokerTest, NextOpenLimitAtOrAboveTheOpenFillsAtTheOpen) {
  start(thanksgiving_bars(), model(FillPoint::kNextOpen, 10));
  submit_at("2015-11-25T13:00:00Z", limit("o1", 1, "50.20"));  // The open is 50.20.
  const BrokerOrder filled = find_at("2015-11-25T14:30:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("50.20"));  // min(50.2502, 50.20).
  EXPECT_EQ(filled.filled_at, t("2015-11-25T14:30:00Z"));
}

TEST_F(SimulatedBrokerTest, NextOpenLimitBelowTheOpenFillsAtTheLimitAtTheCloseWhenTheLowReachedIt) {
  start(thanksgiving_bars(), model(FillPoint::kNextOpen, 10));
  // Open 50.20, low 49.80, close 50.10: the limit is reached only during the session.
  submit_at("2015-11-25T13:00:00Z", limit("o1", 3, "50.00"));
  EXPECT_EQ(find_at("2015-11-25T14:30:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-25T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("50.00"));  // The limit, without slippage.
  EXPECT_EQ(filled.filled_at, t("2015-11-25T21:00:00Z"));
  EXPECT_EQ(broker().cash(), m("9850.00"));
}

TEST_F(SimulatedBrokerTest, NextOpenDayLimitBelowTheLowExpiresAtTheClose) {
  start(thanksgiving_bars(), model(FillPoint::kNextOpen));
  submit_at("2015-11-25T13:00:00Z", limit("o1", 3, "49.50"));  // Low 49.80.
  EXPECT_EQ(find_at("2015-11-25T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder expired = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(expired.status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(expired.reason, "limit 49.50 not reached in session 2015-11-25");
  EXPECT_EQ(broker().buying_power(), m("10000"));
}

// fill_model.h: a bar without an open fills at its close; simulated_broker.h: for kNextOpen a
// limit above that price fills at the limit at the close when the session's low reached it.
TEST_F(SimulatedBrokerTest, NextOpenLimitOnABarWithoutAnOpenFillsAtTheLimitWhenTheLowReachedIt) {
  Bars bars = thanksgiving_bars();
  bars["SPY"][2].open = std::nullopt;  // 11-25: no open; low 49.80, close 50.10.
  start(bars, model(FillPoint::kNextOpen));
  submit_at("2015-11-25T13:00:00Z", limit("o1", 3, "50.00"));
  const BrokerOrder order = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(order.status, BrokerOrderStatus::kFilled) << order.reason;
  EXPECT_EQ(order.filled_avg_price, m("50.00"));
  EXPECT_EQ(order.filled_at, t("2015-11-25T21:00:00Z"));
}

TEST_F(SimulatedBrokerTest, GtcLimitWaitsForLaterSessionsUntilThePriceReachesIt) {
  Bars bars = thanksgiving_bars();
  bars["SPY"][4] = flat("2015-11-30", "48.90");
  start(bars, model(FillPoint::kClose, 10), "1000");
  submit_at("2015-11-25T15:00:00Z", limit("o1", 10, "49.00", TimeInForce::kGtc));
  EXPECT_EQ(broker().buying_power(), m("509.51"));  // 1000 - 10 x 49.049.
  EXPECT_EQ(find_at("2015-11-25T21:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-27T18:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(broker().buying_power(), m("509.51"));  // Still committed.
  EXPECT_EQ(find_at("2015-11-30T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-30T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("48.9489"));  // 48.90 + 10 bps, under the limit.
  EXPECT_EQ(filled.filled_at, t("2015-11-30T21:00:00Z"));
  EXPECT_EQ(broker().cash(), m("510.511"));
  EXPECT_EQ(broker().buying_power(), m("510.511"));
}

TEST_F(SimulatedBrokerTest, GtcLimitSettledLateStillFillsAtTheFirstSessionThatReachedIt) {
  Bars bars = thanksgiving_bars();
  bars["SPY"][3] = flat("2015-11-27", "48.00");
  bars["SPY"][4] = flat("2015-11-30", "47.00");
  start(bars, model(FillPoint::kClose));
  submit_at("2015-11-25T15:00:00Z", limit("o1", 1, "49.00", TimeInForce::kGtc));
  const BrokerOrder filled = find_at("2015-12-01T21:00:00Z", "o1");  // First look since.
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("48.00"));
  EXPECT_EQ(filled.filled_at, t("2015-11-27T18:00:00Z"));
}

// --- Missing bars
// ---------------------------------------------------------------------------------

Bars halted_bars() {
  Bars bars = thanksgiving_bars();
  bars["HALT"] = {flat("2015-11-24", "20.00"), flat("2015-11-30", "21.00")};
  return bars;
}

TEST_F(SimulatedBrokerTest, DayOrderForASymbolWithoutABarOnItsFillSessionExpires) {
  start(halted_bars(), model(FillPoint::kClose));
  submit_at("2015-11-25T15:00:00Z", market("o1", 5, "HALT"));
  EXPECT_EQ(broker().buying_power(), m("9900.00"));
  EXPECT_EQ(find_at("2015-11-25T20:59:59Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder expired = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(expired.status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(expired.reason, "no bar for HALT on 2015-11-25");
  EXPECT_EQ(broker().buying_power(), m("10000"));
  EXPECT_TRUE(broker().fills().empty());
}

TEST_F(SimulatedBrokerTest, NextOpenDayOrderForASymbolWithoutABarExpiresAtTheClose) {
  start(halted_bars(), model(FillPoint::kNextOpen));
  submit_at("2015-11-25T13:00:00Z", market("o1", 5, "HALT"));
  EXPECT_EQ(find_at("2015-11-25T14:30:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder expired = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(expired.status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(expired.reason, "no bar for HALT on 2015-11-25");
}

TEST_F(SimulatedBrokerTest, GtcOrderForASymbolWithoutABarWaitsForItsNextBar) {
  start(halted_bars(), model(FillPoint::kClose));
  OrderRequest request = market("o1", 5, "HALT");
  request.time_in_force = TimeInForce::kGtc;
  submit_at("2015-11-25T15:00:00Z", request);
  EXPECT_EQ(find_at("2015-11-25T21:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(find_at("2015-11-27T18:00:00Z", "o1").status, BrokerOrderStatus::kAccepted);
  const BrokerOrder filled = find_at("2015-11-30T21:00:00Z", "o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("21.00"));
  EXPECT_EQ(filled.filled_at, t("2015-11-30T21:00:00Z"));
}

// --- Rejections
// -----------------------------------------------------------------------------------

TEST_F(SimulatedBrokerTest, EmptyClientOrderIdIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  const Error error = rejection_at("2015-11-25T15:00:00Z", market("", 1));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_NE(error.message.find("client_order_id"), std::string::npos) << error.message;
  EXPECT_TRUE(broker().orders().empty());
}

TEST_F(SimulatedBrokerTest, ClientOrderIdLongerThan48CharactersIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  const Error error = rejection_at("2015-11-25T15:00:00Z", market(std::string(49, 'x'), 1));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_NE(error.message.find("48"), std::string::npos) << error.message;
  EXPECT_TRUE(broker().orders().empty());
  EXPECT_EQ(submit_at("2015-11-25T15:00:00Z", market(std::string(48, 'x'), 1)).status,
            BrokerOrderStatus::kAccepted);
}

TEST_F(SimulatedBrokerTest, NonPositiveQuantityIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  for (const std::int64_t qty : {0, -1}) {
    const Error error = rejection_at("2015-11-25T15:00:00Z", market("o1", qty));
    EXPECT_EQ(error.code, ErrorCode::kRejected);
    EXPECT_NE(error.message.find("qty"), std::string::npos) << error.message;
  }
  EXPECT_TRUE(broker().orders().empty());
  EXPECT_EQ(broker().buying_power(), m("10000"));
}

TEST_F(SimulatedBrokerTest, EmptySymbolIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  const Error error = rejection_at("2015-11-25T15:00:00Z", market("o1", 1, ""));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_TRUE(broker().orders().empty());
}

TEST_F(SimulatedBrokerTest, MarketOrderForAnUnknownSymbolIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  const Error error = rejection_at("2015-11-25T15:00:00Z", market("o1", 1, "NOPE"));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_EQ(error.message, "unknown symbol \"NOPE\"");
  EXPECT_TRUE(broker().orders().empty());
}

// simulated_broker.h: "Rejected: ... a symbol the data does not know", whatever the order type.
TEST_F(SimulatedBrokerTest, LimitOrderForAnUnknownSymbolIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  const Error error =
      rejection_at("2015-11-25T15:00:00Z", limit("o1", 1, "10.00", TimeInForce::kDay, "NOPE"));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_TRUE(broker().orders().empty());
  // Whatever submit answered, the account must stay usable.
  const Status settled = broker().settle(t("2015-11-25T21:00:00Z"));
  EXPECT_TRUE(settled.ok()) << settled.error().to_string();
}

TEST_F(SimulatedBrokerTest, MarketOrderForASymbolWithoutACloseYetIsRejected) {
  Bars bars = thanksgiving_bars();
  bars["NEW"] = {flat("2015-11-27", "10.00")};  // Listed after the submission.
  start(bars, model(FillPoint::kClose));
  const Error error = rejection_at("2015-11-25T15:00:00Z", market("o1", 1, "NEW"));
  EXPECT_EQ(error.code, ErrorCode::kRejected);
  EXPECT_EQ(error.message, "no price for NEW on or before 2015-11-24");
  EXPECT_TRUE(broker().orders().empty());
}

TEST_F(SimulatedBrokerTest, LimitOrderWithoutAPositiveLimitPriceIsRejected) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  OrderRequest no_price = limit("o1", 1, "10.00");
  no_price.limit_price = std::nullopt;
  OrderRequest zero_price = limit("o2", 1, "0");
  for (const OrderRequest& request : {no_price, zero_price}) {
    const Error error = rejection_at("2015-11-25T15:00:00Z", request);
    EXPECT_EQ(error.code, ErrorCode::kRejected);
    EXPECT_NE(error.message.find("limit_price"), std::string::npos) << error.message;
  }
  EXPECT_TRUE(broker().orders().empty());
}

TEST_F(SimulatedBrokerTest, ReusedClientOrderIdIsAConflictAndTheOriginalIsUnchanged) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  const BrokerOrder original = submit_at("2015-11-25T15:00:00Z", market("o1", 2));
  const Error error = rejection_at("2015-11-25T16:00:00Z", market("o1", 5));
  EXPECT_EQ(error.code, ErrorCode::kConflict);
  EXPECT_EQ(error.message.rfind("client_order_id must be unique", 0), 0u) << error.message;
  ASSERT_EQ(broker().orders().size(), 1u);
  EXPECT_EQ(describe(broker().orders()[0]), describe(original));
  EXPECT_EQ(broker().buying_power(), m("9900.00"));  // Only the original's 2 x 50.00.
  const BrokerOrder filled = find_at("2015-11-25T21:00:00Z", "o1");
  EXPECT_EQ(filled.qty, Quantity(2));
  EXPECT_EQ(filled.submitted_at, t("2015-11-25T15:00:00Z"));
  // Still a conflict once the original has filled.
  EXPECT_EQ(rejection_at("2015-11-25T22:00:00Z", market("o1", 1)).code, ErrorCode::kConflict);
}

// --- Bookkeeping
// ----------------------------------------------------------------------------------

TEST_F(SimulatedBrokerTest, SettleIsIdempotent) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 5, "1.00"));
  submit_at("2015-11-25T15:00:00Z", market("o1", 3));
  submit_at("2015-11-25T15:00:00Z", limit("o2", 3, "40.00"));
  submit_at("2015-11-25T15:00:00Z", limit("o3", 3, "40.00", TimeInForce::kGtc));
  const Timestamp close = t("2015-11-25T21:00:00Z");
  ASSERT_TRUE(broker().settle(close).ok());
  const std::string once = account_.describe_all();
  const std::size_t fills = broker().fills().size();
  ASSERT_TRUE(broker().settle(close).ok());
  ASSERT_TRUE(broker().settle(close).ok());
  EXPECT_EQ(account_.describe_all(), once);
  EXPECT_EQ(broker().fills().size(), fills);
  EXPECT_EQ(fills, 1u);
  // Settling an earlier instant afterwards changes nothing either.
  ASSERT_TRUE(broker().settle(t("2015-11-25T16:00:00Z")).ok());
  EXPECT_EQ(account_.describe_all(), once);
}

TEST_F(SimulatedBrokerTest, OrdersKeepSubmissionOrderAndNumberedBrokerIds) {
  start(thanksgiving_bars(), model(FillPoint::kClose));
  EXPECT_EQ(submit_at("2015-11-25T15:00:00Z", market("b", 1)).broker_order_id, "sim-1");
  EXPECT_EQ(submit_at("2015-11-25T15:01:00Z", limit("a", 1, "40.00")).broker_order_id, "sim-2");
  EXPECT_EQ(submit_at("2015-11-25T15:02:00Z", market("c", 1)).broker_order_id, "sim-3");
  ASSERT_TRUE(broker().settle(t("2015-11-25T21:00:00Z")).ok());
  const std::vector<BrokerOrder>& orders = broker().orders();
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_EQ(orders[0].client_order_id, "b");
  EXPECT_EQ(orders[1].client_order_id, "a");
  EXPECT_EQ(orders[2].client_order_id, "c");
  EXPECT_EQ(orders[0].status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(orders[1].status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(orders[2].status, BrokerOrderStatus::kFilled);
  ASSERT_EQ(broker().fills().size(), 2u);
  EXPECT_EQ(broker().fills()[0].client_order_id, "b");
  EXPECT_EQ(broker().fills()[1].client_order_id, "c");
  EXPECT_EQ(broker().name(), "simulated");
}

TEST_F(SimulatedBrokerTest, HoldingsAccumulateSharesAndCostOverFills) {
  start(thanksgiving_bars(), model(FillPoint::kClose, 0, "1.00"));
  submit_at("2015-11-25T15:00:00Z", market("o1", 2));
  submit_at("2015-11-25T22:00:00Z", market("o2", 3));
  ASSERT_TRUE(broker().settle(t("2015-11-27T18:00:00Z")).ok());
  const Holding& holding = broker().holdings().at("SPY");
  EXPECT_EQ(holding.shares, Quantity(5));
  EXPECT_EQ(holding.cost, m("256.70"));  // 2 x 50.10 + 1.00 + 3 x 51.50 + 1.00.
  EXPECT_EQ(broker().cash(), m("9743.30"));
}

// --- No look-ahead
// --------------------------------------------------------------------------------

// The instants at which both accounts are compared: through the 11-25 session and its evening.
std::vector<const char*> probe_instants() {
  return {"2015-11-25T13:00:00Z", "2015-11-25T14:29:59Z", "2015-11-25T14:30:00Z",
          "2015-11-25T15:00:00Z", "2015-11-25T20:59:59Z", "2015-11-25T21:00:00Z",
          "2015-11-25T23:00:00Z", "2015-11-26T16:00:00Z"};
}

// Identical through 11-25; wildly different afterwards (other prices, a missing session).
Bars later_bars_changed() {
  Bars bars = halted_bars();
  bars["SPY"][3] = bar("2015-11-27", m("10.00"), m("1.00"), m("5.00"));
  bars["SPY"].erase(bars["SPY"].begin() + 4);  // No 11-30.
  bars["SPY"][4] = flat("2015-12-01", "900.00");
  bars["HALT"][1] = flat("2015-11-30", "1.00");
  return bars;
}

void submit_the_same(SimulatedBroker& broker, SettableClock& clock) {
  clock.set(t("2015-11-25T13:00:00Z"));
  EXPECT_TRUE(broker.submit(market("m", 5)).ok());
  EXPECT_TRUE(broker.submit(limit("l-day", 5, "49.50")).ok());
  EXPECT_TRUE(broker.submit(limit("l-gtc", 5, "49.50", TimeInForce::kGtc)).ok());
  EXPECT_TRUE(broker.submit(limit("l-high", 5, "60.00")).ok());
  EXPECT_TRUE(broker.submit(market("halted", 5, "HALT")).ok());
  OrderRequest halted_gtc = market("halted-gtc", 5, "HALT");
  halted_gtc.time_in_force = TimeInForce::kGtc;
  EXPECT_TRUE(broker.submit(halted_gtc).ok());
  clock.set(t("2015-11-25T15:00:00Z"));
  EXPECT_TRUE(broker.submit(market("m-late", 5)).ok());
}

TEST_F(SimulatedBrokerTest, CloseFillDecisionIgnoresBarsAfterTheFillSession) {
  Account a = open_account(halted_bars(), model(FillPoint::kClose, 5, "1.00"));
  Account b = open_account(later_bars_changed(), model(FillPoint::kClose, 5, "1.00"));
  ASSERT_TRUE(a.broker && b.broker);
  submit_the_same(*a.broker, clock_);
  submit_the_same(*b.broker, clock_);
  for (const char* when : probe_instants()) {
    ASSERT_TRUE(a.broker->settle(t(when)).ok());
    ASSERT_TRUE(b.broker->settle(t(when)).ok());
    EXPECT_EQ(a.describe_all(), b.describe_all()) << "at " << when;
  }
  EXPECT_EQ(a.broker->fills().size(), 3u);  // m, l-high, m-late at the 11-25 close.
}

TEST_F(SimulatedBrokerTest, NextOpenFillDecisionIgnoresBarsAfterTheFillSession) {
  Account a = open_account(halted_bars(), model(FillPoint::kNextOpen, 5, "1.00"));
  Account b = open_account(later_bars_changed(), model(FillPoint::kNextOpen, 5, "1.00"));
  ASSERT_TRUE(a.broker && b.broker);
  submit_the_same(*a.broker, clock_);
  submit_the_same(*b.broker, clock_);
  for (const char* when : probe_instants()) {
    ASSERT_TRUE(a.broker->settle(t(when)).ok());
    ASSERT_TRUE(b.broker->settle(t(when)).ok());
    EXPECT_EQ(a.describe_all(), b.describe_all()) << "at " << when;
  }
  // m and l-high at the 11-25 open; the low (49.80) never reached the other limits.
  EXPECT_EQ(a.broker->fills().size(), 2u);
}

// Before a session's close, nothing its close or low decide is known: two accounts whose 11-25
// bars differ only in them agree until the close.
TEST_F(SimulatedBrokerTest, NothingIsDecidedFromASessionsCloseOrLowBeforeItsClose) {
  Bars other = halted_bars();
  other["SPY"][2] = bar("2015-11-25", m("50.20"), m("30.00"), m("31.00"));
  for (const FillPoint point : {FillPoint::kClose, FillPoint::kNextOpen}) {
    Account a = open_account(halted_bars(), model(point));
    Account b = open_account(other, model(point));
    ASSERT_TRUE(a.broker && b.broker);
    submit_the_same(*a.broker, clock_);
    submit_the_same(*b.broker, clock_);
    for (const char* when :
         {"2015-11-25T14:30:00Z", "2015-11-25T18:00:00Z", "2015-11-25T20:59:59Z"}) {
      ASSERT_TRUE(a.broker->settle(t(when)).ok());
      ASSERT_TRUE(b.broker->settle(t(when)).ok());
      EXPECT_EQ(a.describe_all(), b.describe_all()) << fill_point_name(point) << " at " << when;
    }
    ASSERT_TRUE(a.broker->settle(t("2015-11-25T21:00:00Z")).ok());
    ASSERT_TRUE(b.broker->settle(t("2015-11-25T21:00:00Z")).ok());
    EXPECT_NE(a.describe_all(), b.describe_all()) << fill_point_name(point);
  }
}

}  // namespace
}  // namespace stratus
