#include "adapters/alpaca/alpaca_bars.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

using Json = nlohmann::json;

Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

TEST(MoneyFromNumber, KeepsTheDigitsSentAndRoundsPastFourPlaces) {
  EXPECT_EQ(money_from_number(Json::parse("178.26"), "c")->to_string(), "178.26");
  EXPECT_EQ(money_from_number(Json::parse("0.1"), "c")->units(), 1000);
  EXPECT_EQ(money_from_number(Json::parse("43.0725"), "c")->to_string(), "43.0725");
  EXPECT_EQ(money_from_number(Json::parse("178.235733"), "c")->to_string(), "178.2357");
  EXPECT_EQ(money_from_number(Json::parse("12.34565"), "c")->to_string(), "12.3457");
  EXPECT_EQ(money_from_number(Json::parse("187"), "c")->to_string(), "187.00");
  EXPECT_EQ(money_from_number(Json::parse("1e2"), "c")->to_string(), "100.00");
}

TEST(MoneyFromNumber, RefusesWhatIsNotAFittingNumber) {
  for (const char* text : {"\"178.26\"", "null", "true", "1e300", "99999999999999999999"}) {
    auto m = money_from_number(Json::parse(text), "c");
    ASSERT_FALSE(m.ok()) << text;
    EXPECT_EQ(m.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(m.error().message.find("\"c\""), std::string::npos) << m.error().message;
  }
}

TEST(ParseDailyBar, SessionIsTheNewYorkDateOfT) {
  // 05:00Z in winter and 04:00Z in summer are both New York midnight.
  auto winter = parse_alpaca_daily_bar(
      Json::parse(R"({"t":"2024-01-03T05:00:00Z","o":1.5,"h":2,"l":1,"c":1.75,"v":10,"n":3,
                      "vw":1.6})"),
      "AAPL");
  ASSERT_TRUE(winter.ok()) << winter.error().to_string();
  EXPECT_EQ(winter->session, day(2024, 1, 3));
  EXPECT_EQ(winter->open->to_string(), "1.50");
  EXPECT_EQ(winter->high->to_string(), "2.00");
  EXPECT_EQ(winter->low->to_string(), "1.00");
  EXPECT_EQ(winter->close.to_string(), "1.75");
  EXPECT_EQ(winter->volume, 10);
  auto summer = parse_alpaca_daily_bar(
      Json::parse(R"({"t":"2024-07-03T04:00:00Z","o":1,"h":1,"l":1,"c":1,"v":0})"), "AAPL");
  ASSERT_TRUE(summer.ok());
  EXPECT_EQ(summer->session, day(2024, 7, 3));
}

TEST(ParseDailyBar, RoundsAFractionalVolume) {
  auto bar = parse_alpaca_daily_bar(
      Json::parse(R"({"t":"2024-01-03T05:00:00Z","o":1,"h":1,"l":1,"c":1,"v":2.5})"), "AAPL");
  ASSERT_TRUE(bar.ok());
  EXPECT_EQ(bar->volume, 3);
}

TEST(ParseDailyBar, NamesSymbolFieldAndValueOfABadField) {
  const std::string good = R"({"t":"2024-01-03T05:00:00Z","o":1,"h":1,"l":1,"c":1,"v":1})";
  struct Case {
    const char* field;
    const char* value;
  };
  for (const Case& c :
       {Case{"t", "\"2024-01-03\""}, Case{"t", "17"}, Case{"o", "\"1.0\""}, Case{"h", "-1"},
        Case{"l", "0"}, Case{"c", "null"}, Case{"v", "-3"}, Case{"v", "\"7\""}}) {
    Json bar = Json::parse(good);
    bar[c.field] = Json::parse(c.value);
    auto parsed = parse_alpaca_daily_bar(bar, "MSFT");
    ASSERT_FALSE(parsed.ok()) << c.field << "=" << c.value;
    const std::string& m = parsed.error().message;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(m.rfind("MSFT: field \"" + std::string(c.field) + "\"", 0), 0u) << m;
    if (std::string(c.value) != "null") {
      EXPECT_NE(m.find(c.value), std::string::npos) << m;
    }
  }
  Json no_close = Json::parse(good);
  no_close.erase("c");
  auto missing = parse_alpaca_daily_bar(no_close, "MSFT");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("\"c\" is missing"), std::string::npos);
}

TEST(ParseBarsPage, ReadsSymbolsAndToken) {
  auto page = parse_alpaca_bars_page(R"({
    "bars": {"AAPL": [{"t":"2024-01-02T05:00:00Z","o":1,"h":1,"l":1,"c":1,"v":1},
                      {"t":"2024-01-03T05:00:00Z","o":2,"h":2,"l":2,"c":2,"v":2}],
             "MSFT": [], "XOM": null},
    "next_page_token": "QUFQTHwyMDI0LTAxLTA0", "currency": "USD"})");
  ASSERT_TRUE(page.ok()) << page.error().to_string();
  ASSERT_EQ(page->bars.size(), 3u);
  EXPECT_EQ(page->bars.at("AAPL").size(), 2u);
  EXPECT_TRUE(page->bars.at("MSFT").empty());
  EXPECT_TRUE(page->bars.at("XOM").empty());
  EXPECT_EQ(page->next_page_token, "QUFQTHwyMDI0LTAxLTA0");

  auto last = parse_alpaca_bars_page(R"({"bars": {}, "next_page_token": null})");
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE(last->next_page_token);
}

TEST(ParseBarsPage, RefusesAMalformedPage) {
  for (const char* body :
       {"", "[]", "<html>502</html>", R"({"next_page_token": null})", R"({"bars": []})",
        R"({"bars": {}})", R"({"bars": {}, "next_page_token": 5})",
        R"({"bars": {}, "next_page_token": ""})",
        R"({"bars": {"AAPL": {}}, "next_page_token": null})",
        R"({"bars": {"AAPL": [{"t":"2024-01-03T05:00:00Z","o":1,"h":1,"l":1,"c":1,"v":1},
                              {"t":"2024-01-03T05:00:00Z","o":1,"h":1,"l":1,"c":1,"v":1}]},
            "next_page_token": null})"}) {
    auto page = parse_alpaca_bars_page(body);
    ASSERT_FALSE(page.ok()) << body;
    EXPECT_EQ(page.error().code, ErrorCode::kInvalidInput) << body;
  }
}

TEST(ParseLatestTrades, TruncatesTheTimeToTheSecond) {
  auto trades = parse_alpaca_latest_trades(R"({"trades": {"AAPL": {"c":["@","F","T"],"i":826,
      "p":172.78,"s":100,"t":"2022-08-17T09:50:43.961102308Z","x":"Q","z":"C"}}})");
  ASSERT_TRUE(trades.ok()) << trades.error().to_string();
  ASSERT_EQ(trades->size(), 1u);
  EXPECT_EQ(trades->at("AAPL").price.to_string(), "172.78");
  EXPECT_EQ(format_utc_timestamp(trades->at("AAPL").at), "2022-08-17T09:50:43Z");
}

TEST(ParseLatestTrades, RefusesAMalformedAnswer) {
  for (const char* body : {R"({})", R"({"trades": []})", R"({"trades": {"AAPL": 5}})",
                           R"({"trades": {"AAPL": {"p": "1", "t": "2022-08-17T09:50:43Z"}}})",
                           R"({"trades": {"AAPL": {"p": 1}}})"}) {
    auto trades = parse_alpaca_latest_trades(body);
    ASSERT_FALSE(trades.ok()) << body;
    EXPECT_EQ(trades.error().code, ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace stratus
