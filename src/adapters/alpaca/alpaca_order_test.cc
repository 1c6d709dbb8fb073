#include "adapters/alpaca/alpaca_order.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

// The spec's EquityOrderResponse example, as an accepted market order for 2 AAPL.
Json example_order() {
  return Json::parse(R"({
    "asset_class": "us_equity", "asset_id": "b0b6dd9d-8b9b-48a9-ba46-b9d54906e415",
    "canceled_at": null, "client_order_id": "dip-AAPL-20231212-1",
    "created_at": "2023-12-12T22:31:24.668464435Z", "expired_at": null, "extended_hours": false,
    "failed_at": null, "filled_at": null, "filled_avg_price": null, "filled_qty": "0",
    "hwm": null, "id": "7b08df51-c1ac-453c-99f9-323a5f075f0d", "legs": null,
    "limit_price": null, "notional": null, "order_class": "", "order_type": "market",
    "qty": "2", "replaced_at": null, "replaced_by": null, "replaces": null, "side": "buy",
    "source": null, "status": "accepted", "stop_price": null,
    "submitted_at": "2023-12-12T22:31:24.577215743Z", "subtag": null, "symbol": "AAPL",
    "time_in_force": "day", "trail_percent": null, "trail_price": null, "type": "market",
    "updated_at": "2023-12-12T22:31:24.668464435Z"})");
}

TEST(AlpacaOrder, ReadsAnAcceptedOrder) {
  auto order = parse_alpaca_order(example_order());
  ASSERT_TRUE(order.ok()) << order.error().to_string();
  EXPECT_EQ(order->broker_order_id, "7b08df51-c1ac-453c-99f9-323a5f075f0d");
  EXPECT_EQ(order->client_order_id, "dip-AAPL-20231212-1");
  EXPECT_EQ(order->symbol, "AAPL");
  EXPECT_EQ(order->qty, Quantity(2));
  EXPECT_EQ(order->filled_qty, Quantity(0));
  EXPECT_FALSE(order->filled_avg_price);
  EXPECT_EQ(order->status, BrokerOrderStatus::kAccepted);
  EXPECT_EQ(format_utc_timestamp(order->submitted_at), "2023-12-12T22:31:24Z");
  EXPECT_FALSE(order->filled_at);
  EXPECT_EQ(order->commission, Money());
  EXPECT_TRUE(order->reason.empty());
}

TEST(AlpacaOrder, ReadsFillsAndPartialFills) {
  Json j = example_order();
  j["status"] = "partially_filled";
  j["filled_qty"] = "1";
  j["filled_avg_price"] = "189.123456";
  j["updated_at"] = "2023-12-13T14:30:01.5Z";
  auto partial = parse_alpaca_order(j);
  ASSERT_TRUE(partial.ok()) << partial.error().to_string();
  EXPECT_EQ(partial->status, BrokerOrderStatus::kPartiallyFilled);
  EXPECT_EQ(partial->filled_qty, Quantity(1));
  EXPECT_EQ(partial->filled_avg_price->to_string(), "189.1235");
  EXPECT_EQ(format_utc_timestamp(*partial->filled_at), "2023-12-13T14:30:01Z");  // updated_at

  j["status"] = "filled";
  j["filled_qty"] = "2";
  j["filled_at"] = "2023-12-13T14:31:00Z";
  auto filled = parse_alpaca_order(j);
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(filled->status, BrokerOrderStatus::kFilled);
  EXPECT_EQ(format_utc_timestamp(*filled->filled_at), "2023-12-13T14:31:00Z");
}

TEST(AlpacaOrder, MapsEveryStatus) {
  const Quantity two(2);
  const Quantity none(0);
  const Quantity one(1);
  auto map = [](std::string_view s, std::string_view tif, Quantity filled) {
    return *map_alpaca_status(s, tif, Quantity(2), filled);
  };
  for (const char* open : {"new", "accepted", "pending_new", "accepted_for_bidding", "held",
                           "stopped", "suspended", "pending_cancel", "pending_replace"}) {
    EXPECT_EQ(map(open, "day", none), BrokerOrderStatus::kAccepted) << open;
    EXPECT_EQ(map(open, "day", one), BrokerOrderStatus::kPartiallyFilled) << open;
  }
  EXPECT_EQ(map("partially_filled", "day", one), BrokerOrderStatus::kPartiallyFilled);
  EXPECT_EQ(map("filled", "day", two), BrokerOrderStatus::kFilled);
  EXPECT_EQ(map("canceled", "day", none), BrokerOrderStatus::kCanceled);
  EXPECT_EQ(map("replaced", "day", none), BrokerOrderStatus::kCanceled);
  EXPECT_EQ(map("expired", "day", none), BrokerOrderStatus::kExpired);
  EXPECT_EQ(map("rejected", "day", none), BrokerOrderStatus::kRejected);
  EXPECT_EQ(map("done_for_day", "day", one), BrokerOrderStatus::kExpired);
  EXPECT_EQ(map("done_for_day", "gtc", one), BrokerOrderStatus::kPartiallyFilled);
  EXPECT_EQ(map("calculated", "day", two), BrokerOrderStatus::kFilled);
  EXPECT_EQ(map("calculated", "day", one), BrokerOrderStatus::kExpired);
  auto unknown = map_alpaca_status("exploded", "day", two, none);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message,
            "field \"status\" = \"exploded\": expected one of Alpaca's order statuses");
}

TEST(AlpacaOrder, EndedOrdersCarryAReason) {
  Json j = example_order();
  j["status"] = "canceled";
  EXPECT_EQ(parse_alpaca_order(j)->reason, "Alpaca order status \"canceled\"");
  j["status"] = "replaced";
  j["replaced_by"] = "abc";
  EXPECT_EQ(parse_alpaca_order(j)->reason,
            "Alpaca order status \"replaced\" (replaced by order abc)");
}

TEST(AlpacaOrder, EveryFieldReadIsChecked) {
  struct Case {
    const char* field;
    Json value;
    const char* expect;
  };
  const std::vector<Case> cases = {
      {"id", nullptr, "field \"id\" is missing"},
      {"client_order_id", 7, "field \"client_order_id\" = 7"},
      {"symbol", nullptr, "field \"symbol\" is missing"},
      {"qty", nullptr, "field \"qty\" is null"},
      {"qty", 2, "field \"qty\" = 2"},
      {"filled_qty", "1.5", "field \"filled_qty\" = \"1.5\""},
      {"filled_qty", "3", "field \"filled_qty\" = 3 is more than qty = 2"},
      {"status", nullptr, "field \"status\" is missing"},
      {"time_in_force", false, "field \"time_in_force\" = false"},
      {"created_at", "yesterday", "field \"created_at\" = \"yesterday\""},
      {"submitted_at", 5, "field \"submitted_at\" = 5"},
      {"filled_at", "2023-12-12", "field \"filled_at\" = \"2023-12-12\""},
      {"filled_avg_price", 189.5, "field \"filled_avg_price\" = 189.5"},
  };
  for (const Case& c : cases) {
    Json j = example_order();
    if (std::string(c.field) == "filled_qty") j["filled_avg_price"] = "1.00";
    j[c.field] = c.value;
    auto order = parse_alpaca_order(j);
    ASSERT_FALSE(order.ok()) << c.field;
    EXPECT_EQ(order.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(order.error().message.find(c.expect), std::string::npos)
        << c.field << ": " << order.error().message;
  }
  Json no_price = example_order();
  no_price["filled_qty"] = "1";
  auto order = parse_alpaca_order(no_price);
  ASSERT_FALSE(order.ok());
  EXPECT_EQ(order.error().message, "field \"filled_avg_price\" is null although filled_qty = 1");
  EXPECT_FALSE(parse_alpaca_order(Json::array()).ok());
}

TEST(AlpacaOrder, SubmittedAtFallsBackToCreatedAt) {
  Json j = example_order();
  j["submitted_at"] = nullptr;
  EXPECT_EQ(format_utc_timestamp(parse_alpaca_order(j)->submitted_at), "2023-12-12T22:31:24Z");
}

OrderRequest market(const char* id = "dip-AAPL-20150824-1") {
  OrderRequest r;
  r.client_order_id = id;
  r.symbol = "AAPL";
  r.qty = Quantity(3);
  return r;
}

TEST(AlpacaOrder, BodiesCarryStringsAsAlpacaExpects) {
  EXPECT_EQ(alpaca_order_body(market()),
            Json::parse(R"({"symbol":"AAPL","qty":"3","side":"buy","type":"market",
                            "time_in_force":"day","client_order_id":"dip-AAPL-20150824-1"})"));
  OrderRequest limit = market();
  limit.type = OrderType::kLimit;
  limit.limit_price = Money::parse("43.07").value();
  limit.time_in_force = TimeInForce::kGtc;
  const Json body = alpaca_order_body(limit);
  EXPECT_EQ(body["type"], "limit");
  EXPECT_EQ(body["limit_price"], "43.07");
  EXPECT_EQ(body["time_in_force"], "gtc");
}

TEST(AlpacaOrder, RequestsAlpacaWouldRefuseAreRejectedBeforeSending) {
  EXPECT_TRUE(validate_alpaca_order_request(market()).ok());
  EXPECT_TRUE(validate_alpaca_order_request(market(std::string(48, 'x').c_str())).ok());
  auto long_id = validate_alpaca_order_request(market(std::string(49, 'x').c_str()));
  ASSERT_FALSE(long_id.ok());
  EXPECT_EQ(long_id.error().code, ErrorCode::kRejected);
  EXPECT_NE(long_id.error().message.find("49 characters; at most 48"), std::string::npos);
  EXPECT_FALSE(validate_alpaca_order_request(market("")).ok());
  OrderRequest r = market();
  r.qty = Quantity(0);
  EXPECT_FALSE(validate_alpaca_order_request(r).ok());
  r = market();
  r.symbol.clear();
  EXPECT_FALSE(validate_alpaca_order_request(r).ok());
  r = market();
  r.type = OrderType::kLimit;
  EXPECT_FALSE(validate_alpaca_order_request(r).ok());
  r.limit_price = Money::parse("50.045").value();
  auto subpenny = validate_alpaca_order_request(r);
  ASSERT_FALSE(subpenny.ok());
  EXPECT_NE(subpenny.error().message.find("limit_price = 50.045"), std::string::npos);
  r.limit_price = Money::parse("0.5025").value();  // Under $1: four decimals are fine.
  EXPECT_TRUE(validate_alpaca_order_request(r).ok());
}

}  // namespace
}  // namespace stratus
