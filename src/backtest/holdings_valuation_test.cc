// Tests of HoldingsValuation: holdings valued at the latest close on or before each day as the
// holdings grow (a symbol first held in the middle of the others) and shrink; a holding with no
// close by the day is an error naming it.
#include "backtest/holdings_valuation.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/sim/csv_market_data.h"

namespace stratus {
namespace {

Money m(const char* text) { return *Money::parse(text); }
Date d(const char* text) { return *parse_date(text); }

DailyBar close_on(const char* session, const char* close) {
  DailyBar bar;
  bar.session = d(session);
  bar.close = m(close);
  return bar;
}

using Holdings = std::map<std::string, Holding, std::less<>>;

Holding shares(std::int64_t n) { return Holding{Quantity(n), Money()}; }

std::unique_ptr<CsvMarketData> market() {
  auto data = CsvMarketData::from_bars(
      {{"AAA", {close_on("2015-03-02", "10.00"), close_on("2015-03-04", "11.00")}},
       {"BBB", {close_on("2015-03-03", "20.50")}},
       {"CCC", {close_on("2015-03-02", "5.25"), close_on("2015-03-03", "5.50")}}});
  EXPECT_TRUE(data.ok()) << data.error().to_string();
  return std::move(data).value();
}

TEST(HoldingsValuation, ValuesEachHoldingAtItsLatestCloseAsTheHoldingsGrow) {
  const auto data = market();
  HoldingsValuation valuation(*data);
  Holdings holdings;
  EXPECT_EQ(*valuation.value(holdings, d("2015-03-02")), Money());

  holdings.emplace("AAA", shares(3));
  holdings.emplace("CCC", shares(4));
  EXPECT_EQ(*valuation.value(holdings, d("2015-03-02")), m("51.00"));  // 3 x 10 + 4 x 5.25
  holdings.emplace("BBB", shares(2));  // Sorts between the two held already.
  EXPECT_EQ(*valuation.value(holdings, d("2015-03-03")), m("93.00"));  // 30 + 41 + 22
  // AAA has no bar on 03-03 (kept its 10.00) and a new one on 03-04; BBB and CCC keep theirs.
  EXPECT_EQ(*valuation.value(holdings, d("2015-03-04")), m("96.00"));  // 33 + 41 + 22
  holdings.erase("BBB");                                               // Its reader stays, unused.
  EXPECT_EQ(*valuation.value(holdings, d("2015-03-04")), m("55.00"));  // 33 + 22
}

TEST(HoldingsValuation, AHoldingWithoutACloseByTheDayIsAnErrorNamingIt) {
  const auto data = market();
  HoldingsValuation valuation(*data);
  const Holdings holdings = {{"AAA", shares(1)}, {"BBB", shares(1)}};
  const auto value = valuation.value(holdings, d("2015-03-02"));  // BBB's first close is 03-03.
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.error().code, ErrorCode::kInternal);
  EXPECT_NE(value.error().message.find("BBB"), std::string::npos) << value.error().message;
  EXPECT_NE(value.error().message.find("2015-03-02"), std::string::npos) << value.error().message;

  const auto unknown = valuation.value({{"ZZZ", shares(1)}}, d("2015-03-02"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace stratus
