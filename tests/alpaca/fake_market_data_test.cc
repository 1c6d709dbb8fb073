// The fake Alpaca's market data routes, checked over HTTP with an independent client
// (cpp-httplib's): auth and counting, parameter validation as the Market Data API spec gives it,
// pagination across symbols, bar stamps, split adjustment, latest trades, the admin endpoints and
// the standalone server's --bars. The AlpacaMarketData tests rely on this behaviour.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "adapters/sqlite/test_temp_dir.h"
#include "fakes/alpaca/fake_alpaca.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

DailyBar bar(Date session, const char* close, std::int64_t volume = 100) {
  DailyBar b;
  b.session = session;
  b.close = Money::parse(close).value();
  b.open = b.high = b.low = b.close;
  b.volume = volume;
  return b;
}

class FakeMarketDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake.market().set_bars("AAPL", {bar(day(2024, 1, 2), "185.64"), bar(day(2024, 1, 3), "184.25"),
                                    bar(day(2024, 7, 3), "221.55")});
    fake.market().set_bars("MSFT", {bar(day(2024, 1, 2), "370.87"), bar(day(2024, 1, 3), "370.60"),
                                    bar(day(2024, 1, 4), "367.94")});
    ASSERT_TRUE(fake.start().ok());
    client = std::make_unique<httplib::Client>("127.0.0.1", fake.port());
    client->set_read_timeout(2, 0);
    client->set_default_headers(
        {{"APCA-API-KEY-ID", "fake-key-id"}, {"APCA-API-SECRET-KEY", "fake-secret-key"}});
  }
  void TearDown() override {
    client.reset();
    fake.stop();
  }

  httplib::Result get(const std::string& path) { return client->Get(path); }

  // GET /v2/stocks/bars with `query` appended; expects 200 and returns the body.
  Json bars(const std::string& query) {
    auto r = get("/v2/stocks/bars?timeframe=1Day&" + query);
    EXPECT_TRUE(r);
    if (!r) return Json();
    EXPECT_EQ(r->status, 200) << r->body;
    return Json::parse(r->body);
  }

  // Expects 400 / 40010001 whose message contains `says`.
  void expect_refused(const std::string& query, const std::string& says) {
    auto r = get("/v2/stocks/bars?" + query);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << query << ": " << r->body;
    const Json body = Json::parse(r->body);
    EXPECT_EQ(body["code"], 40010001) << query;
    EXPECT_NE(body["message"].get<std::string>().find(says), std::string::npos)
        << query << ": " << r->body;
  }

  static FakeAlpacaOptions with_admin() {
    FakeAlpacaOptions options;
    options.admin_endpoints = true;
    return options;
  }

  FakeAlpaca fake{with_admin()};
  std::unique_ptr<httplib::Client> client;
};

TEST_F(FakeMarketDataTest, RequiresTheKeysAndCountsRequests) {
  httplib::Client anonymous("127.0.0.1", fake.port());
  auto r = anonymous.Get("/v2/stocks/bars?symbols=AAPL&timeframe=1Day");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(Json::parse(r->body)["code"], 40110000);
  r = anonymous.Get("/v2/stocks/trades/latest?symbols=AAPL");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(fake.requests().count_of(kGetBars), 1);
  EXPECT_EQ(fake.requests().count_of(kGetLatestTrades), 1);
}

TEST_F(FakeMarketDataTest, ServesDailyBarsStampedAtNewYorkMidnight) {
  const Json body = bars("symbols=AAPL&start=2024-01-01&end=2024-12-31");
  ASSERT_EQ(body["bars"]["AAPL"].size(), 3u);
  const Json& first = body["bars"]["AAPL"][0];
  EXPECT_EQ(first["t"], "2024-01-02T05:00:00Z");                    // EST.
  EXPECT_EQ(body["bars"]["AAPL"][2]["t"], "2024-07-03T04:00:00Z");  // EDT.
  EXPECT_EQ(first["c"].dump(), "185.64");
  for (const char* field : {"t", "o", "h", "l", "c", "v", "n", "vw"}) {
    EXPECT_TRUE(first.contains(field)) << field;
  }
  EXPECT_TRUE(first["v"].is_number_integer());
  EXPECT_TRUE(body["next_page_token"].is_null());
  EXPECT_EQ(body["currency"], "USD");
}

TEST_F(FakeMarketDataTest, RangeIsInclusiveForDatesAndInstants) {
  Json body = bars("symbols=MSFT&start=2024-01-03&end=2024-01-03");
  ASSERT_EQ(body["bars"]["MSFT"].size(), 1u);
  EXPECT_EQ(body["bars"]["MSFT"][0]["c"].dump(), "370.6");
  body = bars("symbols=MSFT&start=2024-01-03T00:00:00-05:00&end=2024-01-04T16:00:00-05:00");
  EXPECT_EQ(body["bars"]["MSFT"].size(), 2u);
  body = bars("symbols=MSFT&start=2024-01-02T05:00:01Z&end=2024-01-03T20:00:00Z");
  EXPECT_EQ(body["bars"]["MSFT"].size(), 1u);
  // Unknown symbols and empty ranges are simply absent.
  body = bars("symbols=ZZZZ,MSFT&start=2023-01-01&end=2023-12-31");
  EXPECT_TRUE(body["bars"].empty()) << body.dump();
}

TEST_F(FakeMarketDataTest, PagesCountBarsAcrossSymbols) {
  std::vector<std::pair<std::string, std::string>> seen;  // (symbol, t)
  std::string token;
  int pages = 0;
  while (true) {
    const Json body = bars("symbols=MSFT,AAPL&start=2024-01-01&end=2024-12-31&limit=2" +
                           (token.empty() ? "" : "&page_token=" + token));
    ++pages;
    int on_page = 0;
    for (const auto& [symbol, list] : body["bars"].items()) {
      for (const Json& b : list) {
        seen.emplace_back(symbol, b["t"].get<std::string>());
        ++on_page;
      }
    }
    EXPECT_LE(on_page, 2);
    if (body["next_page_token"].is_null()) break;
    token = body["next_page_token"].get<std::string>();
    ASSERT_LT(pages, 10);
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(seen.size(), 6u);
  EXPECT_EQ(seen[0], (std::pair<std::string, std::string>{"AAPL", "2024-01-02T05:00:00Z"}));
  EXPECT_EQ(seen[2].first, "AAPL");
  EXPECT_EQ(seen[3], (std::pair<std::string, std::string>{"MSFT", "2024-01-02T05:00:00Z"}));
  EXPECT_EQ(seen[5], (std::pair<std::string, std::string>{"MSFT", "2024-01-04T05:00:00Z"}));
}

TEST_F(FakeMarketDataTest, SortsDescendingWithinEachSymbol) {
  const Json body = bars("symbols=MSFT,AAPL&start=2024-01-01&end=2024-01-31&sort=desc&limit=3");
  ASSERT_EQ(body["bars"]["AAPL"].size(), 2u);
  EXPECT_EQ(body["bars"]["AAPL"][0]["t"], "2024-01-03T05:00:00Z");
  ASSERT_EQ(body["bars"]["MSFT"].size(), 1u);
  EXPECT_EQ(body["bars"]["MSFT"][0]["t"], "2024-01-04T05:00:00Z");
  const Json next = bars(
      "symbols=MSFT,AAPL&start=2024-01-01&end=2024-01-31&sort=desc&limit=3&"
      "page_token=" +
      body["next_page_token"].get<std::string>());
  ASSERT_EQ(next["bars"]["MSFT"].size(), 2u);
  EXPECT_EQ(next["bars"]["MSFT"][1]["t"], "2024-01-02T05:00:00Z");
}

TEST_F(FakeMarketDataTest, ValidatesEveryParameterAsTheSpecDescribes) {
  expect_refused("timeframe=1Day", "symbols is required");
  expect_refused("symbols=&timeframe=1Day", "symbols is required");
  expect_refused("symbols=AAPL", "timeframe is required");
  expect_refused("symbols=AAPL&timeframe=5Min", "daily bars only");
  expect_refused("symbols=AAPL&timeframe=1Week", "daily bars only");
  expect_refused("symbols=AAPL&timeframe=60Min", "invalid timeframe");
  expect_refused("symbols=AAPL&timeframe=2Day", "invalid timeframe");
  expect_refused("symbols=AAPL&timeframe=1Day&start=yesterday", "invalid start");
  expect_refused("symbols=AAPL&timeframe=1Day&end=2024-02-30", "invalid end");
  expect_refused("symbols=AAPL&timeframe=1Day&start=2024-02-01&end=2024-01-01", "before start");
  for (const char* limit : {"0", "10001", "abc", "-5", ""}) {
    expect_refused("symbols=AAPL&timeframe=1Day&limit=" + std::string(limit), "invalid limit");
  }
  expect_refused("symbols=AAPL&timeframe=1Day&adjustment=splits", "invalid adjustment");
  expect_refused("symbols=AAPL&timeframe=1Day&adjustment=split,,all", "invalid adjustment");
  expect_refused("symbols=AAPL&timeframe=1Day&feed=nasdaq", "invalid feed");
  expect_refused("symbols=AAPL&timeframe=1Day&sort=up", "invalid sort");
  expect_refused("symbols=AAPL&timeframe=1Day&page_token=bm90IGEgdG9rZW4=", "invalid page token");
  expect_refused("symbols=AAPL&timeframe=1Day&page_token=%%%", "invalid page token");
  // Valid spellings are accepted.
  bars("symbols=AAPL&timeframe=1D&adjustment=split,spin-off&feed=boats&limit=10000&sort=asc");
  EXPECT_EQ(fake.market().last_bars_params().at("adjustment"), "split,spin-off");
  EXPECT_EQ(fake.market().last_bars_params().at("feed"), "boats");
}

TEST_F(FakeMarketDataTest, ASplitAdjustsEarlierBarsWhenAskedFor) {
  fake.market().set_split("AAPL", day(2024, 1, 3), 4.0);
  Json raw = bars("symbols=AAPL&start=2024-01-01&end=2024-01-31&adjustment=raw");
  EXPECT_EQ(raw["bars"]["AAPL"][0]["c"].dump(), "185.64");
  for (const char* adjustment : {"split", "all", "dividend,split"}) {
    Json adjusted =
        bars("symbols=AAPL&start=2024-01-01&end=2024-01-31&adjustment=" + std::string(adjustment));
    EXPECT_EQ(adjusted["bars"]["AAPL"][0]["c"].dump(), "46.41") << adjustment;
    EXPECT_EQ(adjusted["bars"]["AAPL"][0]["v"], 400) << adjustment;
    EXPECT_EQ(adjusted["bars"]["AAPL"][1]["c"].dump(), "184.25") << adjustment;  // On the date.
  }
  // The default adjustment is raw.
  Json plain = bars("symbols=AAPL&start=2024-01-01&end=2024-01-31");
  EXPECT_EQ(plain["bars"]["AAPL"][0]["c"].dump(), "185.64");
}

TEST_F(FakeMarketDataTest, LatestTradesForTheSymbolsThatHaveOne) {
  fake.market().set_latest_trade(
      "AAPL", Money::parse("187.3").value(),
      FakeTime(Timestamp{day(2024, 1, 3)}) + std::chrono::hours(20) + std::chrono::nanoseconds(5));
  auto r = get("/v2/stocks/trades/latest?symbols=AAPL,MSFT&feed=iex");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const Json body = Json::parse(r->body);
  ASSERT_EQ(body["trades"].size(), 1u);
  const Json& t = body["trades"]["AAPL"];
  EXPECT_EQ(t["p"].dump(), "187.3");
  EXPECT_EQ(t["t"], "2024-01-03T20:00:00.000000005Z");
  for (const char* field : {"t", "x", "p", "s", "c", "i", "z"}) EXPECT_TRUE(t.contains(field));
  r = get("/v2/stocks/trades/latest?feed=iex");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = get("/v2/stocks/trades/latest?symbols=AAPL&feed=nyse");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
}

TEST_F(FakeMarketDataTest, InjectedFaultsApplyByEndpointName) {
  fake.faults().fail_next(1, 500, kGetBars);
  auto r = get("/v2/stocks/bars?symbols=AAPL&timeframe=1Day");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(Json::parse(r->body)["code"], 50010000);
  r = get("/v2/stocks/bars?symbols=AAPL&timeframe=1Day");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(FakeMarketDataTest, AdminEndpointsLoadBarsSplitsAndTrades) {
  TestTempDir dir("fake-market");
  const auto csv = dir.file("bars.csv");
  std::ofstream(csv) << "date,open,high,low,close,volume,Name\n"
                        "2024-01-02,10,11,9,10.5,1000,XYZ\n"
                        "2024-01-03,10.5,12,10,11.25,2000,XYZ\n";
  auto r = client->Post("/_admin/bars", Json{{"path", csv.string()}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  r = client->Post("/_admin/bars", Json{{"path", dir.file("none.csv").string()}}.dump(),
                   "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = client->Post("/_admin/split", R"({"symbol": "XYZ", "date": "2024-01-03", "ratio": 2})",
                   "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  r = client->Post("/_admin/split", R"({"symbol": "XYZ", "date": "2024-01-03", "ratio": 0})",
                   "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  r = client->Post("/_admin/latest_trade",
                   R"({"symbol": "XYZ", "price": "11.30", "t": "2024-01-03T20:59:59.5Z"})",
                   "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;

  const Json body = bars("symbols=XYZ&start=2024-01-01&end=2024-01-31&adjustment=split");
  ASSERT_EQ(body["bars"]["XYZ"].size(), 2u);
  EXPECT_EQ(body["bars"]["XYZ"][0]["c"].dump(), "5.25");
  EXPECT_EQ(body["bars"]["XYZ"][1]["c"].dump(), "11.25");
  auto trades = get("/v2/stocks/trades/latest?symbols=XYZ");
  ASSERT_TRUE(trades);
  EXPECT_EQ(Json::parse(trades->body)["trades"]["XYZ"]["t"], "2024-01-03T20:59:59.5Z");

  auto queries = get("/_admin/market_queries");
  ASSERT_TRUE(queries);
  EXPECT_EQ(Json::parse(queries->body)["bars"]["adjustment"], "split");
}

TEST(FakeMarketDataServer, ServesBarsFromTheFileGivenWithBars) {
  TestTempDir dir("fake-market-server");
  const auto csv = dir.file("bars.csv");
  std::ofstream(csv) << "date,open,high,low,close,volume,Name\n"
                        "2015-08-24,40,42,38,41.5,123,MSFT\n";
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::execl(ALPACA_FAKE_SERVER, ALPACA_FAKE_SERVER, "--bars", csv.c_str(), "--key-id", "k",
            "--secret-key", "s", nullptr);
    ::_exit(127);
  }
  ::close(out[1]);
  std::string line;
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);
  ASSERT_FALSE(line.empty());
  {
    httplib::Client client("127.0.0.1", std::stoi(line));
    client.set_default_headers({{"APCA-API-KEY-ID", "k"}, {"APCA-API-SECRET-KEY", "s"}});
    auto r = client.Get("/v2/stocks/bars?symbols=MSFT&timeframe=1Day&start=2015-08-01");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(Json::parse(r->body)["bars"]["MSFT"][0]["c"].dump(), "41.5");
  }
  ::kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace stratus::fakes
