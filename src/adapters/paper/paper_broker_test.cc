// Tests of the paper broker on a real SQLite file, with a settable clock, a weekday calendar
// (09:30-16:00 New York) and in-memory daily bars.
#include "adapters/paper/paper_broker.h"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "adapters/calendar/weekday_calendar.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

Money m(const char* text) { return *Money::parse(text); }
Date d(const char* text) { return *parse_date(text); }
Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

// Daily bars held in memory, per symbol, ascending.
class BarsInMemory : public MarketData {
 public:
  std::map<std::string, std::vector<DailyBar>, std::less<>> bars;

  Result<std::vector<DailyBar>> daily_bars(std::string_view symbol, Date through,
                                           std::size_t count) override {
    auto it = bars.find(symbol);
    if (it == bars.end()) return Error::not_found("no data for " + std::string(symbol));
    std::vector<DailyBar> out;
    for (const auto& bar : it->second) {
      if (bar.session <= through) out.push_back(bar);
    }
    if (out.size() > count) out.erase(out.begin(), out.end() - static_cast<long>(count));
    return out;
  }

  Result<std::optional<DailyBar>> first_bar_after(std::string_view symbol, Date after) override {
    auto it = bars.find(symbol);
    if (it == bars.end()) return Error::not_found("no data for " + std::string(symbol));
    for (const auto& bar : it->second) {
      if (bar.session > after) return std::optional<DailyBar>(bar);
    }
    return std::optional<DailyBar>();
  }
};

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

OrderRequest market(const std::string& id, int qty = 2) {
  OrderRequest r;
  r.client_order_id = id;
  r.symbol = "MSFT";
  r.qty = Quantity(qty);
  return r;
}

OrderRequest limit(const std::string& id, const char* price, TimeInForce tif = TimeInForce::kDay) {
  OrderRequest r = market(id);
  r.type = OrderType::kLimit;
  r.limit_price = m(price);
  r.time_in_force = tif;
  return r;
}

class PaperBrokerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 2015-08-24 is a Monday; New York is on EDT (UTC-4): 09:30 = 13:30Z, 16:00 = 20:00Z.
    data_.bars["MSFT"] = {
        bar("2015-08-24", m("43.00"), m("42.00"), m("43.07")),
        bar("2015-08-25", m("44.00"), m("42.50"), m("43.50")),
        bar("2015-08-26", std::nullopt, m("44.00"), m("45.00")),
        bar("2015-08-27", m("43.00"), m("41.50"), m("42.80")),
        bar("2015-08-28", m("43.20"), m("43.00"), m("43.30")),
        bar("2015-08-31", m("43.40"), m("43.10"), m("43.60")),
    };
    open_broker();
  }

  void open_broker() {
    auto db = open_stratus_database(dir_.file("stratus.db"), clock_);
    ASSERT_TRUE(db.ok()) << db.error().to_string();
    db_ = std::move(db).value();
    broker_ = std::make_unique<PaperBroker>(*db_, data_, calendar_, clock_, options_);
  }

  BrokerOrder submit(const OrderRequest& request) {
    auto order = broker_->submit(request);
    EXPECT_TRUE(order.ok()) << order.error().to_string();
    return order.ok() ? *order : BrokerOrder{};
  }

  BrokerOrder find(const std::string& id) {
    auto order = broker_->find_by_client_order_id(id);
    EXPECT_TRUE(order.ok()) << order.error().to_string();
    if (!order.ok() || !order->has_value()) {
      ADD_FAILURE() << "no order " << id;
      return BrokerOrder{};
    }
    return **order;
  }

  TestTempDir dir_{"paper"};
  SettableClock clock_{t("2015-08-24T19:45:00Z")};
  WeekdayCalendar calendar_;
  BarsInMemory data_;
  PaperBrokerOptions options_{5, m("1.00")};
  std::unique_ptr<Database> db_;
  std::unique_ptr<PaperBroker> broker_;
};

TEST_F(PaperBrokerTest, SubmitAcceptsAndAReusedIdIsAConflict) {
  const BrokerOrder order = submit(market("o1"));
  EXPECT_EQ(order.broker_order_id, "paper-1");
  EXPECT_EQ(order.client_order_id, "o1");
  EXPECT_EQ(order.symbol, "MSFT");
  EXPECT_EQ(order.qty, Quantity(2));
  EXPECT_EQ(order.status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(order.submitted_at, t("2015-08-24T19:45:00Z"));
  EXPECT_EQ(order.filled_qty, Quantity(0));
  EXPECT_EQ(broker_->name(), "paper");

  auto again = broker_->submit(market("o1", 5));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message.rfind("client_order_id must be unique", 0), 0u)
      << again.error().message;
  EXPECT_EQ(find("o1").qty, Quantity(2));  // The original is untouched.

  EXPECT_EQ(submit(market("o2")).broker_order_id, "paper-2");
}

TEST_F(PaperBrokerTest, InvalidOrdersAreRejectedAndNothingIsStored) {
  OrderRequest zero = market("zero", 0);
  OrderRequest no_symbol = market("no-symbol");
  no_symbol.symbol = "";
  OrderRequest no_limit = market("no-limit");
  no_limit.type = OrderType::kLimit;
  OrderRequest unknown = market("unknown");
  unknown.symbol = "ZZZZ";
  OrderRequest long_id = market(std::string(49, 'x'));
  for (const OrderRequest& r : {zero, no_symbol, no_limit, unknown, long_id}) {
    auto out = broker_->submit(r);
    ASSERT_FALSE(out.ok()) << r.client_order_id;
    EXPECT_EQ(out.error().code, ErrorCode::kRejected) << out.error().to_string();
    auto found = broker_->find_by_client_order_id(r.client_order_id);
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->has_value()) << r.client_order_id;
  }
  auto unknown_out = broker_->submit(unknown);
  EXPECT_NE(unknown_out.error().message.find("unknown symbol \"ZZZZ\""), std::string::npos)
      << unknown_out.error().message;
}

TEST_F(PaperBrokerTest, UnknownIdIsNotAnError) {
  auto found = broker_->find_by_client_order_id("never");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
}

TEST_F(PaperBrokerTest, MarketOrderFillsAtTheNextOpenWithSlippageOnlyOnceItHasPassed) {
  submit(market("o1"));  // Monday 15:45 New York.
  clock_.set(t("2015-08-24T23:00:00Z"));
  EXPECT_EQ(find("o1").status, BrokerOrderStatus::kAccepted);
  clock_.set(t("2015-08-25T13:29:59Z"));  // Tuesday 09:29:59.
  EXPECT_EQ(find("o1").status, BrokerOrderStatus::kAccepted);

  clock_.set(t("2015-08-25T13:30:00Z"));  // Tuesday's open.
  const BrokerOrder filled = find("o1");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_qty, Quantity(2));
  EXPECT_EQ(filled.filled_avg_price, m("44.022"));  // 44.00 + 5 bps.
  EXPECT_EQ(filled.commission, m("1.00"));
  EXPECT_EQ(filled.filled_at, t("2015-08-25T13:30:00Z"));
  EXPECT_EQ(filled.submitted_at, t("2015-08-24T19:45:00Z"));
  EXPECT_EQ(filled.broker_order_id, "paper-1");
  EXPECT_TRUE(filled.reason.empty());

  // Persisted: later calls give the same answer even if the data changes.
  data_.bars["MSFT"][1].open = m("99.00");
  clock_.set(t("2015-09-30T13:30:00Z"));
  const BrokerOrder again = find("o1");
  EXPECT_EQ(again.filled_avg_price, m("44.022"));
  EXPECT_EQ(again.filled_at, t("2015-08-25T13:30:00Z"));
}

TEST_F(PaperBrokerTest, OrderBeforeTheOpenFillsAtThatDaysOpen) {
  clock_.set(t("2015-08-25T12:00:00Z"));  // Tuesday 08:00.
  submit(market("early"));
  EXPECT_EQ(find("early").status, BrokerOrderStatus::kAccepted);
  clock_.set(t("2015-08-25T13:30:00Z"));
  const BrokerOrder filled = find("early");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("44.022"));
  EXPECT_EQ(filled.filled_at, t("2015-08-25T13:30:00Z"));
}

TEST_F(PaperBrokerTest, OrderDuringTheSessionFillsAtTheNextSessionsOpen) {
  clock_.set(t("2015-08-25T14:00:00Z"));  // Tuesday 10:00, after the open.
  submit(market("intraday"));
  clock_.set(t("2015-08-26T13:30:00Z"));  // Wednesday's open; its bar has no open.
  EXPECT_EQ(find("intraday").status, BrokerOrderStatus::kAccepted);
}

TEST_F(PaperBrokerTest, FridayEveningOrderFillsAtMondaysOpen) {
  clock_.set(t("2015-08-28T21:00:00Z"));  // Friday 17:00.
  submit(market("weekend"));
  clock_.set(t("2015-08-30T15:00:00Z"));  // Sunday.
  EXPECT_EQ(find("weekend").status, BrokerOrderStatus::kAccepted);
  clock_.set(t("2015-08-31T13:30:00Z"));
  const BrokerOrder filled = find("weekend");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("43.4217"));  // 43.40 * 1.0005 = 43.4217.
  EXPECT_EQ(filled.filled_at, t("2015-08-31T13:30:00Z"));
}

TEST_F(PaperBrokerTest, MissingOpenFillsAtTheCloseOnceItIsKnown) {
  clock_.set(t("2015-08-25T21:00:00Z"));  // Tuesday after the close: Wednesday is next.
  submit(market("no-open"));
  clock_.set(t("2015-08-26T15:00:00Z"));  // Wednesday 11:00: the close is not known yet.
  EXPECT_EQ(find("no-open").status, BrokerOrderStatus::kAccepted);
  clock_.set(t("2015-08-26T20:00:00Z"));  // Wednesday's close.
  const BrokerOrder filled = find("no-open");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("45.0225"));  // 45.00 + 5 bps.
  EXPECT_EQ(filled.filled_at, t("2015-08-26T20:00:00Z"));
}

TEST_F(PaperBrokerTest, LimitAtOrAboveTheOpenFillsAtTheOpenButNeverAboveTheLimit) {
  submit(limit("roomy", "44.50"));
  submit(limit("tight", "44.01"));
  clock_.set(t("2015-08-25T13:30:00Z"));
  const BrokerOrder roomy = find("roomy");
  EXPECT_EQ(roomy.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(roomy.filled_avg_price, m("44.022"));
  EXPECT_EQ(roomy.filled_at, t("2015-08-25T13:30:00Z"));
  const BrokerOrder tight = find("tight");
  EXPECT_EQ(tight.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(tight.filled_avg_price, m("44.01"));
}

TEST_F(PaperBrokerTest, LimitBelowTheOpenFillsAtTheLimitWhenTheLowReachesIt) {
  submit(limit("dip", "43.00"));  // Tuesday opens 44.00, low 42.50.
  clock_.set(t("2015-08-25T19:59:59Z"));
  EXPECT_EQ(find("dip").status, BrokerOrderStatus::kAccepted);  // The low is not known yet.
  clock_.set(t("2015-08-25T20:00:00Z"));
  const BrokerOrder filled = find("dip");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("43.00"));
  EXPECT_EQ(filled.filled_at, t("2015-08-25T20:00:00Z"));
  EXPECT_EQ(filled.commission, m("1.00"));
}

TEST_F(PaperBrokerTest, DayLimitNotReachedExpiresAfterTheClose) {
  submit(limit("low-ball", "42.00"));  // Tuesday's low is 42.50.
  clock_.set(t("2015-08-25T19:59:59Z"));
  EXPECT_EQ(find("low-ball").status, BrokerOrderStatus::kAccepted);
  clock_.set(t("2015-08-25T20:00:00Z"));
  const BrokerOrder expired = find("low-ball");
  EXPECT_EQ(expired.status, BrokerOrderStatus::kExpired);
  EXPECT_EQ(expired.filled_qty, Quantity(0));
  EXPECT_EQ(expired.filled_avg_price, std::nullopt);
  EXPECT_EQ(expired.filled_at, std::nullopt);
  EXPECT_EQ(expired.commission, m("0"));
  EXPECT_NE(expired.reason.find("limit 42.00 not reached in session 2015-08-25"), std::string::npos)
      << expired.reason;
  // Thursday's low would have reached it, but a day order is over.
  clock_.set(t("2015-08-28T20:00:00Z"));
  EXPECT_EQ(find("low-ball").status, BrokerOrderStatus::kExpired);
}

TEST_F(PaperBrokerTest, GoodTillCanceledLimitWaitsForALaterSession) {
  submit(limit("patient", "42.00", TimeInForce::kGtc));
  clock_.set(t("2015-08-26T20:00:00Z"));  // Tuesday and Wednesday never reached 42.00.
  EXPECT_EQ(find("patient").status, BrokerOrderStatus::kAccepted);
  clock_.set(t("2015-08-27T20:00:00Z"));  // Thursday's low is 41.50.
  const BrokerOrder filled = find("patient");
  EXPECT_EQ(filled.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(filled.filled_avg_price, m("42.00"));
  EXPECT_EQ(filled.filled_at, t("2015-08-27T20:00:00Z"));
}

TEST_F(PaperBrokerTest, NoBarYetMeansStillAccepted) {
  clock_.set(t("2015-09-01T12:00:00Z"));  // After the last bar in the data.
  submit(market("future"));
  clock_.set(t("2015-09-02T15:00:00Z"));
  EXPECT_EQ(find("future").status, BrokerOrderStatus::kAccepted);
}

TEST_F(PaperBrokerTest, ARestartedBrokerSeesTheSameState) {
  submit(market("o1"));
  submit(limit("o2", "42.00"));
  clock_.set(t("2015-08-25T13:30:00Z"));
  ASSERT_EQ(find("o1").status, BrokerOrderStatus::kFilled);

  broker_.reset();
  db_.reset();
  open_broker();

  const BrokerOrder o1 = find("o1");
  EXPECT_EQ(o1.status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(o1.filled_avg_price, m("44.022"));
  EXPECT_EQ(o1.broker_order_id, "paper-1");
  EXPECT_EQ(find("o2").status, BrokerOrderStatus::kAccepted);
  auto duplicate = broker_->submit(market("o1"));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  EXPECT_EQ(submit(market("o3")).broker_order_id, "paper-3");
}

TEST_F(PaperBrokerTest, TwoConnectionsCannotBothPlaceTheSameId) {
  auto other_db = open_stratus_database(dir_.file("stratus.db"), clock_);
  ASSERT_TRUE(other_db.ok());
  PaperBroker other(**other_db, data_, calendar_, clock_, options_);
  auto first = broker_->submit(market("shared"));
  auto second = other.submit(market("shared"));
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
}

TEST(PaperBrokerSchema, AnUnmigratedDatabaseIsAClearError) {
  TestTempDir dir("paper");
  auto db = Database::open(dir.file("bare.db"));
  ASSERT_TRUE(db.ok());
  SettableClock clock{t("2015-08-24T19:45:00Z")};
  WeekdayCalendar calendar;
  BarsInMemory data;
  PaperBroker broker(**db, data, calendar, clock, PaperBrokerOptions{});
  auto out = broker.find_by_client_order_id("x");
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("open_stratus_database"), std::string::npos);
}

}  // namespace
}  // namespace stratus
