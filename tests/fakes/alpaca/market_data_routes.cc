// The Market Data API v2 endpoints of the fake Alpaca: GET /v2/stocks/bars (daily bars only)
// and GET /v2/stocks/trades/latest, validated as the Market Data API spec describes
// (shared/data/alpaca-api/market-data-api.json: parameters stock_symbols, timeframe, start, end,
// limit, stock_adjustment, stock_historical_feed, stock_latest_feed, page_token, sort). A bad
// parameter is answered 400 {"code": 40010001, "message": ...} naming it.
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "domain/time.h"
#include "fakes/alpaca/route_guard.h"
#include "fakes/alpaca/routes.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

ApiError bad_request(std::string message) { return {400, 40010001, std::move(message)}; }

std::map<std::string, std::string> params_of(const httplib::Request& req) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : req.params) out.emplace(name, value);
  return out;
}

// The comma-separated symbols, or nullopt when absent or empty.
std::optional<std::vector<std::string>> symbols_of(const httplib::Request& req) {
  if (!req.has_param("symbols")) return std::nullopt;
  std::vector<std::string> out;
  std::stringstream list(req.get_param_value("symbols"));
  for (std::string symbol; std::getline(list, symbol, ',');) {
    if (!symbol.empty()) out.push_back(symbol);
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// RFC 3339 (Z or a +-HH:MM offset, fractions allowed) or YYYY-MM-DD (New York midnight of that
// date, the stamp of its daily bar).
std::optional<FakeTime> parse_time_param(const std::string& text) {
  if (text.size() == 10) {
    auto date = parse_date(text);
    if (!date.ok()) return std::nullopt;
    return FakeTime(new_york_instant(*date, TimeOfDay{0}));
  }
  if (auto t = parse_utc_timestamp(text); t.ok()) return FakeTime(*t);
  static const std::regex offset(R"(^(.*)([+-])(\d\d):(\d\d)$)");
  std::smatch m;
  if (!std::regex_match(text, m, offset)) return std::nullopt;
  auto local = parse_utc_timestamp(m[1].str() + "Z");
  if (!local.ok()) return std::nullopt;
  const auto shift =
      std::chrono::hours(std::stoi(m[3].str())) + std::chrono::minutes(std::stoi(m[4].str()));
  return FakeTime(m[2].str() == "+" ? *local - shift : *local + shift);
}

bool valid_timeframe(const std::string& text) {
  static const std::regex valid(
      R"(^(([1-9]|[1-5][0-9])(Min|T)|([1-9]|1[0-9]|2[0-3])(Hour|H)|1(Day|D)|1(Week|W)|(1|2|3|4|6|12)(Month|M))$)");
  return std::regex_match(text, valid);
}

Json number_of(Money m) { return static_cast<double>(m.units()) / Money::kUnitsPerDollar; }

Json bar_json(const FakeBar& b) {
  const DailyBar& bar = b.bar;
  return {{"t", format_alpaca_time(b.t)},
          {"o", number_of(bar.open.value_or(bar.close))},
          {"h", number_of(bar.high.value_or(bar.close))},
          {"l", number_of(bar.low.value_or(bar.close))},
          {"c", number_of(bar.close)},
          {"v", bar.volume},
          {"n", 1},
          {"vw", number_of(bar.close)}};
}

// The query of GET /v2/stocks/bars, or the 400 that answers it.
ApiResult<FakeBarsQuery> bars_query(const httplib::Request& req) {
  FakeBarsQuery q;
  auto symbols = symbols_of(req);
  if (!symbols) return bad_request("symbols is required: a comma-separated list like AAPL,TSLA");
  q.symbols = std::move(*symbols);
  if (!req.has_param("timeframe")) return bad_request("timeframe is required");
  const std::string timeframe = req.get_param_value("timeframe");
  if (!valid_timeframe(timeframe)) return bad_request("invalid timeframe \"" + timeframe + "\"");
  if (timeframe != "1Day" && timeframe != "1D") {
    return bad_request("the fake Alpaca serves daily bars only (timeframe 1Day or 1D), not \"" +
                       timeframe + "\"");
  }
  const auto now = std::chrono::system_clock::now();
  q.start = FakeTime(
      new_york_instant(new_york_date(std::chrono::floor<std::chrono::seconds>(now)), TimeOfDay{0}));
  q.end = std::chrono::time_point_cast<std::chrono::nanoseconds>(now);
  for (auto [name, out] : {std::pair{"start", &q.start}, std::pair{"end", &q.end}}) {
    if (!req.has_param(name)) continue;
    const std::string text = req.get_param_value(name);
    auto t = parse_time_param(text);
    if (!t) {
      return bad_request("invalid " + std::string(name) + " \"" + text +
                         "\": expected RFC-3339 or YYYY-MM-DD");
    }
    *out = *t;
  }
  if (q.end < q.start) return bad_request("end should not be before start");
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    char* end = nullptr;
    const long limit = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || limit < 1 || limit > 10000) {
      return bad_request("invalid limit \"" + text + "\": expected 1 to 10000");
    }
    q.limit = static_cast<int>(limit);
  }
  if (req.has_param("adjustment")) {
    const std::string text = req.get_param_value("adjustment");
    std::stringstream list(text);
    int parts = 0;
    for (std::string part; std::getline(list, part, ',');) {
      static const std::set<std::string> kKnown = {"raw", "split", "dividend", "spin-off", "all"};
      if (!kKnown.contains(part)) {
        return bad_request("invalid adjustment \"" + text +
                           "\": expected raw, split, dividend, spin-off or all (comma-combinable)");
      }
      if (part == "split" || part == "all") q.split_adjusted = true;
      ++parts;
    }
    if (parts == 0) return bad_request("invalid adjustment \"\"");
  }
  if (req.has_param("feed")) {
    const std::string feed = req.get_param_value("feed");
    if (feed != "sip" && feed != "iex" && feed != "otc" && feed != "boats") {
      return bad_request("invalid feed \"" + feed + "\": expected sip, iex, otc or boats");
    }
  }
  if (req.has_param("sort")) {
    const std::string sort = req.get_param_value("sort");
    if (sort != "asc" && sort != "desc") {
      return bad_request("invalid sort \"" + sort + "\": expected asc or desc");
    }
    q.ascending = sort == "asc";
  }
  if (req.has_param("page_token")) q.page_token = req.get_param_value("page_token");
  return q;
}

void get_bars(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  fake.market().note_bars_params(params_of(req));
  if (auto garbled = fake.market().take_garbled_bars_answer()) {
    res.status = 200;
    res.set_content(*garbled, "application/json; charset=utf-8");
    return;
  }
  auto query = bars_query(req);
  if (auto* e = std::get_if<ApiError>(&query)) return reply_api_error(res, *e);
  auto page = fake.market().bars(std::get<FakeBarsQuery>(query));
  if (auto* e = std::get_if<ApiError>(&page)) return reply_api_error(res, *e);
  const FakeBarsPage& p = std::get<FakeBarsPage>(page);
  Json bars = Json::object();
  for (const auto& [symbol, list] : p.bars) {
    Json items = Json::array();
    for (const FakeBar& b : list) items.push_back(bar_json(b));
    bars[symbol] = std::move(items);
  }
  reply_json(res, 200,
             Json{{"bars", std::move(bars)},
                  {"next_page_token", p.next_page_token ? Json(*p.next_page_token) : Json()},
                  {"currency", "USD"}});
}

void get_latest_trades(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  fake.market().note_trades_params(params_of(req));
  auto symbols = symbols_of(req);
  if (!symbols) {
    return reply_api_error(res,
                           bad_request("symbols is required: a comma-separated list like AAPL"));
  }
  if (req.has_param("feed")) {
    static const std::set<std::string> kFeeds = {"sip",   "iex",       "delayed_sip",
                                                 "boats", "overnight", "otc"};
    const std::string feed = req.get_param_value("feed");
    if (!kFeeds.contains(feed)) {
      return reply_api_error(
          res, bad_request("invalid feed \"" + feed +
                           "\": expected sip, iex, delayed_sip, boats, overnight or otc"));
    }
  }
  Json trades = Json::object();
  std::int64_t id = 1;
  for (const auto& [symbol, trade] : fake.market().latest_trades(*symbols)) {
    trades[symbol] = {{"t", format_alpaca_time(trade.at)},
                      {"x", "V"},
                      {"p", number_of(trade.price)},
                      {"s", trade.size},
                      {"c", Json::array({"@"})},
                      {"i", id++},
                      {"z", "C"}};
  }
  reply_json(res, 200, Json{{"trades", std::move(trades)}, {"currency", "USD"}});
}

}  // namespace

void add_market_data_routes(httplib::Server& server, FakeAlpaca& fake) {
  server.Get("/v2/stocks/bars", guarded_route(fake, kGetBars, [&fake](const auto& req, auto& res) {
               get_bars(fake, req, res);
             }));
  server.Get("/v2/stocks/trades/latest",
             guarded_route(fake, kGetLatestTrades, [&fake](const auto& req, auto& res) {
               get_latest_trades(fake, req, res);
             }));
}

}  // namespace stratus::fakes
