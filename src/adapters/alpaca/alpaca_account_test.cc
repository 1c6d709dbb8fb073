#include "adapters/alpaca/alpaca_account.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

// The spec's getAccount example (abridged to the fields read, plus one unknown field).
Json example_account() {
  return Json::parse(R"({
    "account_blocked": false, "account_number": "PALPACA_123", "buying_power": "245432.61",
    "cash": "-23140.2", "currency": "USD", "daytrade_count": 0, "equity": "123346.11",
    "id": "1d9eed04-be39-4e01-9b84-a48ac5bbafcf", "last_equity": "122011.09751111286868",
    "pattern_day_trader": true, "portfolio_value": "123346.11", "status": "ACTIVE",
    "trade_suspended_by_user": false, "trading_blocked": false, "transfers_blocked": false,
    "admin_configurations": {}})");
}

TEST(AlpacaAccount, ReadsTheSpecExample) {
  auto a = parse_alpaca_account(example_account());
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  EXPECT_EQ(a->id, "1d9eed04-be39-4e01-9b84-a48ac5bbafcf");
  EXPECT_EQ(a->account_number, "PALPACA_123");
  EXPECT_EQ(a->status, "ACTIVE");
  EXPECT_EQ(a->buying_power.to_string(), "245432.61");
  EXPECT_EQ(a->cash.to_string(), "-23140.20");
  EXPECT_EQ(a->equity->to_string(), "123346.11");
  EXPECT_EQ(a->pattern_day_trader, true);
  EXPECT_EQ(a->daytrade_count, 0);
  EXPECT_TRUE(a->can_trade());
}

TEST(AlpacaAccount, DeprecatedFieldsMayBeAbsent) {
  Json j = example_account();
  j.erase("pattern_day_trader");
  j.erase("daytrade_count");
  auto a = parse_alpaca_account(j);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->pattern_day_trader);
  EXPECT_FALSE(a->daytrade_count);
}

TEST(AlpacaAccount, BlockedOrInactiveAccountsCannotTrade) {
  for (const char* flag : {"trading_blocked", "account_blocked", "trade_suspended_by_user"}) {
    Json j = example_account();
    j[flag] = true;
    EXPECT_FALSE(parse_alpaca_account(j)->can_trade()) << flag;
  }
  Json j = example_account();
  j["status"] = "ACCOUNT_UPDATED";
  EXPECT_FALSE(parse_alpaca_account(j)->can_trade());
}

TEST(AlpacaAccount, FieldsReadAreChecked) {
  for (const char* field :
       {"id", "status", "cash", "buying_power", "trading_blocked", "account_blocked"}) {
    Json j = example_account();
    j.erase(field);
    auto a = parse_alpaca_account(j);
    ASSERT_FALSE(a.ok()) << field;
    EXPECT_EQ(a.error().message.find("field \"" + std::string(field) + "\" is missing"), 0u);
  }
  Json j = example_account();
  j["buying_power"] = 245432.61;
  EXPECT_EQ(parse_alpaca_account(j).error().message,
            "field \"buying_power\" = 245432.61: expected a decimal number as a string, like "
            "\"150.25\"");
  j = example_account();
  j["trading_blocked"] = "false";
  EXPECT_FALSE(parse_alpaca_account(j).ok());
}

TEST(AlpacaPositions, ReadsPositionsAndNamesTheBadElement) {
  Json list = Json::parse(R"([
    {"asset_id": "904837e3-3b76-47ec-b432-046db621571b", "symbol": "AAPL", "exchange": "NASDAQ",
     "asset_class": "us_equity", "avg_entry_price": "100.0", "qty": "5", "qty_available": "4",
     "side": "long", "market_value": "600.0", "cost_basis": "500.0", "unrealized_pl": "100.0",
     "unrealized_plpc": "0.20", "unrealized_intraday_pl": "10.0",
     "unrealized_intraday_plpc": "0.0084", "current_price": "120.0", "lastday_price": "119.0",
     "change_today": "0.0084", "asset_marginable": true},
    {"symbol": "MSFT", "qty": "0.5", "side": "long", "avg_entry_price": "400", "cost_basis": "200",
     "market_value": "205", "current_price": "410", "unrealized_pl": "5"}])");
  auto positions = parse_alpaca_positions(list);
  ASSERT_TRUE(positions.ok()) << positions.error().to_string();
  ASSERT_EQ(positions->size(), 2u);
  EXPECT_EQ((*positions)[0].symbol, "AAPL");
  EXPECT_EQ((*positions)[0].whole_shares, Quantity(5));
  EXPECT_EQ((*positions)[0].market_value.to_string(), "600.00");
  EXPECT_EQ((*positions)[1].qty, "0.5");
  EXPECT_EQ((*positions)[1].whole_shares, Quantity(0));

  list[1]["side"] = "sideways";
  auto bad = parse_alpaca_positions(list);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().to_string(),
            "position 1: field \"side\" = \"sideways\": expected long or short");
  EXPECT_FALSE(parse_alpaca_positions(Json::object()).ok());
}

}  // namespace
}  // namespace stratus
