// The result's orders written as text equal, byte for byte, the dump of the result built with
// them as JSON values: for a whole backtest of the bundled data, and for order entries holding
// every kind of string nlohmann escapes.
#include "backtest/backtest_json.h"

#include <gtest/gtest.h>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/sim/csv_market_data.h"
#include "backtest/backtest_order_entry.h"
#include "backtest/backtest_outcome.h"
#include "backtest/counting_event_sink.h"
#include "config/config_loader.h"

namespace stratus {
namespace {

using Json = nlohmann::json;

const std::string kBundled = std::string(STRATUS_SOURCE_DIR) + "/data/bars/sp500-16.csv.gz";

Date day(int y, unsigned m, unsigned d) {
  return Date(std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d});
}

TEST(BacktestJsonText, EqualsTheDumpOfTheWholeResult) {
  auto config = load_config(ConfigSources{std::nullopt, "dev", {}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  config->backtest.monthly_contribution = Money::from_dollars(500);
  auto data = CsvMarketData::load(kBundled, CsvLayout::kSp500, config->watchlist);
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  XnysCalendar calendar;
  auto settings = backtest_settings(*config, day(2016, 1, 1), day(2016, 12, 31));
  ASSERT_TRUE(settings.ok());
  CountingEventSink audit;
  auto outcome = backtest_with_benchmarks(*config, calendar, **data, audit, *settings,
                                          DataDescription{kBundled, 16, (*data)->bar_count()});
  ASSERT_TRUE(outcome.ok()) << outcome.error().to_string();
  ASSERT_GT(outcome->strategy.orders.size(), 20U);

  auto whole = backtest_result_json(*config, *outcome, **data, ResultOrders::kIncluded);
  auto without = backtest_result_json(*config, *outcome, **data, ResultOrders::kLeftOut);
  ASSERT_TRUE(whole.ok() && without.ok());
  EXPECT_FALSE(without->contains("orders"));
  EXPECT_EQ(backtest_json_text(*without, outcome->strategy.orders), whole->dump());
}

TEST(BacktestJsonText, PutsTheOrdersInKeyOrderWhereverThatFalls) {
  OrderRecord order;
  order.client_order_id = "dip-AAPL-20160104-1";
  order.symbol = "AAPL";
  const std::vector<OrderRecord> orders = {order};
  const Json entry = Json::array({order_entry_json(order)});
  for (const Json& rest : {Json::object(), Json{{"a", 1}}, Json{{"z", 1}},
                           Json{{"a", 1}, {"ordersz", 2}, {"zz", nullptr}}}) {
    Json whole = rest;
    whole["orders"] = entry;
    EXPECT_EQ(backtest_json_text(rest, orders), whole.dump()) << rest.dump();
  }
  EXPECT_EQ(backtest_json_text(Json{{"a", 1}}, {}), R"({"a":1,"orders":[]})");
}

TEST(BacktestJsonText, ComesInPiecesOfAboutOneMebibyte) {
  std::vector<OrderRecord> orders(12'000);
  Json entries = Json::array();
  for (std::size_t i = 0; i < orders.size(); ++i) {
    orders[i].client_order_id = "dip-SYM-20160104-" + std::to_string(i);
    orders[i].symbol = "SYM";
    orders[i].reason = i % 7 == 0 ? "clipped to the cap \"4\"" : "";
    entries.push_back(order_entry_json(orders[i]));
  }
  const Json rest = {{"kind", "backtest"}, {"version", 1}};
  std::vector<std::size_t> sizes;
  std::string joined;
  write_backtest_json(rest, orders, [&](std::string_view chunk) {
    sizes.push_back(chunk.size());
    joined += chunk;
  });
  Json whole = rest;
  whole["orders"] = entries;
  EXPECT_EQ(joined, whole.dump());
  ASSERT_GE(sizes.size(), 3U);
  for (const std::size_t size : sizes) EXPECT_LT(size, (std::size_t{1} << 20) + 4096);
}

TEST(OrderEntryText, EqualsTheDumpOfTheEntryForEveryKindOfString) {
  OrderRecord order;
  order.client_order_id = "dip-BRK.B-20150824-1";
  order.symbol = "BRK.B";
  order.session = day(2015, 8, 24);
  order.qty = Quantity(3);
  order.limit_price = Money::from_units(1'057'600);
  order.commission = Money::from_units(-5);
  for (const std::string& reason : std::vector<std::string>{
           "", "plain", "say \"no\"", "back\\slash", "tab\there", "line\nend", std::string(1, '\0'),
           "\x01\x1f", "caf\xC3\xA9", "\xE2\x82\xAC 5", "\x7f"}) {
    order.reason = reason;
    for (const bool filled : {false, true}) {
      if (filled) {
        order.state = OrderState::kFilled;
        order.filled_qty = Quantity(2);
        order.filled_avg_price = Money::from_units(1'060'000);
        order.filled_at = *parse_utc_timestamp("2015-08-24T20:00:00Z");
      } else {
        order.state = OrderState::kRejected;
        order.filled_qty = Quantity(0);
        order.filled_avg_price.reset();
        order.filled_at.reset();
      }
      std::string text;
      append_order_entry_text(text, order);
      EXPECT_EQ(text, order_entry_json(order).dump()) << "reason " << Json(reason).dump();
    }
  }
}

TEST(OrderEntryText, ThrowsAsDumpDoesOnTextThatIsNotUtf8) {
  OrderRecord order;
  order.reason = "\xC3";
  std::string text;
  EXPECT_THROW(append_order_entry_text(text, order), nlohmann::json::type_error);
  EXPECT_THROW((void)order_entry_json(order).dump(), nlohmann::json::type_error);
}

}  // namespace
}  // namespace stratus
