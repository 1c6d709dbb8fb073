// The /_admin/ endpoints of the fake Alpaca: the standalone server's equivalent of the C++
// handles a test has in-process. No auth, no faults, not counted. Bodies are JSON objects;
// errors answer 400 {"message": ...}.
//   POST /_admin/fill     {"order_id" | "client_order_id", "price": "101.50", "qty"?: "1",
//                          "at"?: "2015-08-25T13:30:00Z"}             -> the order
//   POST /_admin/status   {"order_id" | "client_order_id", "status": "expired"} -> the order
//   POST /_admin/prices   {"AAPL": "100.00", ...}  (also makes the symbols tradable)
//   POST /_admin/account  {"cash"?, "status"?, "trading_blocked"?, "account_blocked"?,
//                          "transfers_blocked"?, "trade_suspended_by_user"?,
//                          "pattern_day_trader"?}                      -> the account
//   POST /_admin/market   {"open"?, "auto_fill"?, "uniqueness_checked_last"?}
//   POST /_admin/clock    {"now": "2015-08-24T19:45:00Z"} freezes order time; {"now": null} real
//   POST /_admin/faults   {"clear"?, "latency_ms"?, "latency_endpoint"?, "burst_reset_ms"?,
//                          "fail_next"?: {"count", "status", "endpoint"?},
//                          "fail_fraction"?: {"p", "seed"?, "statuses"?, "endpoint"?},
//                          "after_accept"?: {"count"?, "action": "drop" | "cut" | "status" |
//                                            "delay" | "body", "status"?, "delay_ms"?, "body"?},
//                          "rate_limit"?: {"limit", "window_ms"?}}    -> {"injected": n}
//   GET  /_admin/requests  -> {"total": n, "by_endpoint": {"POST /v2/orders": n, ...}}
//   POST /_admin/requests/reset
//   GET  /_admin/orders    -> every order, in submission order
//   POST /_admin/bars      {"path": "all_stocks_5yr.csv[.gz]"} loads daily bars (sp500 layout)
//                          -> {"loaded": true}
//   POST /_admin/split     {"symbol": "AAPL", "date": "2014-06-09", "ratio": 7}
//   POST /_admin/latest_trade {"symbol": "AAPL", "price": "187.30",
//                          "t": "2024-01-03T20:59:59.123456789Z"}
//   POST /_admin/calendar  {"date": "2024-07-03", "open": "09:30", "close": "16:00"} sets that
//                          date's session hours; {"date": ..., "open": null} makes it closed
//   GET  /_admin/market_queries -> {"bars": {params of the last GET /v2/stocks/bars},
//                                   "latest_trades": {... of the last trades/latest}}
#include <cctype>

#include "domain/time.h"
#include "fakes/alpaca/fake_json.h"
#include "fakes/alpaca/routes.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

void reply(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void bad(httplib::Response& res, const std::string& message) {
  reply(res, 400, Json{{"message", message}});
}

// Parses the body as a JSON object, or answers 400 and returns nullopt.
std::optional<Json> object_body(const httplib::Request& req, httplib::Response& res) {
  Json body = Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    bad(res, "expected a JSON object");
    return std::nullopt;
  }
  return body;
}

// The order named by "order_id" or "client_order_id", or answers 400.
std::optional<std::string> order_id_of(FakeAlpaca& fake, const Json& body, httplib::Response& res) {
  if (body.contains("order_id") && body["order_id"].is_string()) {
    return body["order_id"].get<std::string>();
  }
  if (body.contains("client_order_id") && body["client_order_id"].is_string()) {
    auto order =
        fake.brokerage().order_by_client_order_id(body["client_order_id"].get<std::string>());
    if (order) return order->id;
    bad(res, "no order with that client_order_id");
    return std::nullopt;
  }
  bad(res, "expected \"order_id\" or \"client_order_id\" (a string)");
  return std::nullopt;
}

std::optional<Money> money_field(const Json& body, const char* field, httplib::Response& res) {
  if (!body.contains(field) || !body[field].is_string()) {
    bad(res, std::string("expected \"") + field + "\" (a decimal string)");
    return std::nullopt;
  }
  auto money = Money::parse(body[field].get<std::string>());
  if (!money.ok()) {
    bad(res, std::string(field) + ": " + money.error().to_string());
    return std::nullopt;
  }
  return *money;
}

std::optional<FakeTime> time_field(const Json& body, const char* field, httplib::Response& res) {
  if (!body.contains(field) || !body[field].is_string()) {
    bad(res, std::string("expected \"") + field + "\" (a UTC time)");
    return std::nullopt;
  }
  auto t = parse_utc_timestamp(body[field].get<std::string>());
  if (!t.ok()) {
    bad(res, std::string(field) + ": " + t.error().to_string());
    return std::nullopt;
  }
  return FakeTime(*t);
}

void fill(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  auto id = order_id_of(fake, *body, res);
  if (!id) return;
  FillSpec spec;
  auto price = money_field(*body, "price", res);
  if (!price) return;
  spec.price = *price;
  if (body->contains("qty")) {
    auto qty = (*body)["qty"].is_string()
                   ? parse_scaled_decimal((*body)["qty"].get<std::string>(), 9)
                   : Result<std::int64_t>(Error::invalid_input("qty must be a decimal string"));
    if (!qty.ok()) return bad(res, "qty: " + qty.error().to_string());
    spec.qty_nanos = *qty;
  }
  if (body->contains("at")) {
    auto at = time_field(*body, "at", res);
    if (!at) return;
    spec.at = *at;
  }
  auto filled = fake.brokerage().fill(*id, spec);
  if (!filled.ok()) return bad(res, filled.error().to_string());
  reply(res, 200, order_json(*filled));
}

void set_status(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  auto id = order_id_of(fake, *body, res);
  if (!id) return;
  if (!(*body)["status"].is_string()) return bad(res, "expected \"status\" (a string)");
  auto moved = fake.brokerage().set_status(*id, (*body)["status"].get<std::string>());
  if (!moved.ok()) return bad(res, moved.error().to_string());
  reply(res, 200, order_json(*moved));
}

void prices(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  for (auto& [symbol, value] : body->items()) {
    auto price = money_field(*body, symbol.c_str(), res);
    if (!price) return;
    fake.brokerage().set_price(symbol, *price);
  }
  reply(res, 200, Json::object());
}

void account(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  FakeAccountSettings settings = fake.brokerage().account_settings();
  if (body->contains("cash")) {
    auto cash = money_field(*body, "cash", res);
    if (!cash) return;
    settings.cash = *cash;
  }
  if (body->contains("status")) {
    if (!(*body)["status"].is_string()) return bad(res, "status must be a string");
    settings.status = (*body)["status"].get<std::string>();
  }
  for (auto [name, flag] : {std::pair{"trading_blocked", &settings.trading_blocked},
                            std::pair{"account_blocked", &settings.account_blocked},
                            std::pair{"transfers_blocked", &settings.transfers_blocked},
                            std::pair{"trade_suspended_by_user", &settings.trade_suspended_by_user},
                            std::pair{"pattern_day_trader", &settings.pattern_day_trader}}) {
    if (!body->contains(name)) continue;
    if (!(*body)[name].is_boolean()) return bad(res, std::string(name) + " must be a boolean");
    *flag = (*body)[name].get<bool>();
  }
  fake.brokerage().set_account(settings);
  reply(res, 200, account_json(fake.brokerage().account()));
}

void market(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  using Setter = void (FakeBrokerage::*)(bool);
  for (auto [name, setter] :
       {std::pair<const char*, Setter>{"open", &FakeBrokerage::set_market_open},
        std::pair<const char*, Setter>{"auto_fill", &FakeBrokerage::set_auto_fill},
        std::pair<const char*, Setter>{"uniqueness_checked_last",
                                       &FakeBrokerage::set_uniqueness_checked_last}}) {
    if (!body->contains(name)) continue;
    if (!(*body)[name].is_boolean()) return bad(res, std::string(name) + " must be a boolean");
    (fake.brokerage().*setter)((*body)[name].get<bool>());
  }
  reply(res, 200, Json::object());
}

void set_clock(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  if (!body->contains("now") || (*body)["now"].is_null()) {
    fake.brokerage().use_real_time();
  } else {
    auto now = time_field(*body, "now", res);
    if (!now) return;
    fake.brokerage().set_time(*now);
  }
  reply(res, 200, Json{{"now", format_alpaca_time(fake.brokerage().now())}});
}

int int_field(const Json& j, const char* name, int fallback) {
  return j.contains(name) && j[name].is_number_integer() ? j[name].get<int>() : fallback;
}

std::string string_field(const Json& j, const char* name) {
  return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : std::string();
}

void faults(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  FaultPlan& plan = fake.faults();
  const Json& b = *body;
  if (b.value("clear", false)) plan.clear();
  if (b.contains("latency_ms")) {
    plan.set_latency(std::chrono::milliseconds(int_field(b, "latency_ms", 0)),
                     string_field(b, "latency_endpoint"));
  }
  if (b.contains("burst_reset_ms")) {
    plan.set_burst_reset(std::chrono::milliseconds(int_field(b, "burst_reset_ms", 1000)));
  }
  if (b.contains("fail_next")) {
    const Json& f = b["fail_next"];
    if (!f.is_object()) return bad(res, "fail_next must be an object");
    plan.fail_next(int_field(f, "count", 1), int_field(f, "status", 503),
                   string_field(f, "endpoint"));
  }
  if (b.contains("fail_fraction")) {
    const Json& f = b["fail_fraction"];
    if (!f.is_object() || !f.contains("p") || !f["p"].is_number()) {
      return bad(res, "fail_fraction needs \"p\" (a number)");
    }
    std::vector<int> statuses = {503};
    if (f.contains("statuses") && f["statuses"].is_array()) {
      statuses.clear();
      for (const Json& s : f["statuses"]) {
        if (!s.is_number_integer()) return bad(res, "statuses must be integers");
        statuses.push_back(s.get<int>());
      }
    }
    plan.fail_fraction(f["p"].get<double>(), f.value("seed", std::uint64_t{1}), statuses,
                       string_field(f, "endpoint"));
  }
  if (b.contains("after_accept")) {
    const Json& f = b["after_accept"];
    if (!f.is_object()) return bad(res, "after_accept must be an object");
    AcceptFault fault;
    const std::string action = string_field(f, "action");
    if (action == "drop") {
      fault.kind = AcceptFault::Kind::kDropConnection;
    } else if (action == "cut") {
      fault.kind = AcceptFault::Kind::kCutAnswer;
    } else if (action == "status") {
      fault.kind = AcceptFault::Kind::kAnswerStatus;
      fault.status = int_field(f, "status", 500);
    } else if (action == "delay") {
      fault.kind = AcceptFault::Kind::kDelayAnswer;
      fault.delay = std::chrono::milliseconds(int_field(f, "delay_ms", 0));
    } else if (action == "body") {
      fault.kind = AcceptFault::Kind::kAnswerBody;
      fault.status = int_field(f, "status", 200);
      fault.body = string_field(f, "body");
    } else {
      return bad(res, "after_accept.action must be drop, cut, status, delay or body");
    }
    plan.after_accept(int_field(f, "count", 1), fault);
  }
  if (b.contains("rate_limit")) {
    const Json& f = b["rate_limit"];
    if (!f.is_object()) return bad(res, "rate_limit must be an object");
    fake.rate_limiter().configure(int_field(f, "limit", 200),
                                  std::chrono::milliseconds(int_field(f, "window_ms", 60'000)));
  }
  reply(res, 200, Json{{"injected", plan.injected()}});
}

void bars(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  const std::string path = string_field(*body, "path");
  if (path.empty()) return bad(res, "expected \"path\" (a string)");
  auto loaded = fake.market().load_csv(path);
  if (!loaded.ok()) return bad(res, loaded.error().to_string());
  reply(res, 200, Json{{"loaded", true}});
}

void split(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  const std::string symbol = string_field(*body, "symbol");
  if (symbol.empty()) return bad(res, "expected \"symbol\" (a string)");
  auto date = parse_date(string_field(*body, "date"));
  if (!date.ok()) return bad(res, "date: " + date.error().to_string());
  if (!body->contains("ratio") || !(*body)["ratio"].is_number() ||
      !((*body)["ratio"].get<double>() > 0)) {
    return bad(res, "expected \"ratio\" (a positive number of new shares per old share)");
  }
  fake.market().set_split(symbol, *date, (*body)["ratio"].get<double>());
  reply(res, 200, Json::object());
}

void latest_trade(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  const std::string symbol = string_field(*body, "symbol");
  if (symbol.empty()) return bad(res, "expected \"symbol\" (a string)");
  auto price = money_field(*body, "price", res);
  if (!price) return;
  const std::string t = string_field(*body, "t");
  auto seconds = parse_utc_timestamp(t);
  if (!seconds.ok()) return bad(res, "t: " + seconds.error().to_string());
  // Keep the fraction: Alpaca's trade times carry nanoseconds.
  FakeTime at(*seconds);
  if (const auto dot = t.find('.'); dot != std::string::npos) {
    std::string digits;
    for (std::size_t i = dot + 1; i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]));
         ++i) {
      digits += t[i];
    }
    digits = (digits + "000000000").substr(0, 9);
    at += std::chrono::nanoseconds(std::stoll(digits));
  }
  fake.market().set_latest_trade(symbol, *price, at);
  reply(res, 200, Json::object());
}

void calendar_day(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto body = object_body(req, res);
  if (!body) return;
  auto date = parse_date(string_field(*body, "date"));
  if (!date.ok()) return bad(res, "date must be YYYY-MM-DD");
  if (!body->contains("open") || (*body)["open"].is_null()) {
    fake.calendar().set_day(*date, std::nullopt);
    return reply(res, 200, Json::object());
  }
  auto open = parse_time_of_day(string_field(*body, "open"));
  auto close = parse_time_of_day(string_field(*body, "close"));
  if (!open.ok() || !close.ok()) return bad(res, "open and close must be HH:MM");
  fake.calendar().set_day(*date, FakeSession{*date, *open, *close});
  reply(res, 200, Json::object());
}

}  // namespace

void add_admin_routes(httplib::Server& server, FakeAlpaca& fake) {
  using Fn = void (*)(FakeAlpaca&, const httplib::Request&, httplib::Response&);
  for (auto [path, fn] : {std::pair<const char*, Fn>{"/_admin/fill", fill},
                          std::pair<const char*, Fn>{"/_admin/status", set_status},
                          std::pair<const char*, Fn>{"/_admin/prices", prices},
                          std::pair<const char*, Fn>{"/_admin/account", account},
                          std::pair<const char*, Fn>{"/_admin/market", market},
                          std::pair<const char*, Fn>{"/_admin/clock", set_clock},
                          std::pair<const char*, Fn>{"/_admin/faults", faults},
                          std::pair<const char*, Fn>{"/_admin/bars", bars},
                          std::pair<const char*, Fn>{"/_admin/split", split},
                          std::pair<const char*, Fn>{"/_admin/latest_trade", latest_trade},
                          std::pair<const char*, Fn>{"/_admin/calendar", calendar_day}}) {
    server.Post(path, [&fake, fn = fn](const httplib::Request& req, httplib::Response& res) {
      fn(fake, req, res);
    });
  }
  server.Get("/_admin/requests", [&fake](const httplib::Request&, httplib::Response& res) {
    reply(res, 200,
          Json{{"total", fake.requests().total()}, {"by_endpoint", fake.requests().counts()}});
  });
  server.Post("/_admin/requests/reset", [&fake](const httplib::Request&, httplib::Response& res) {
    fake.requests().reset();
    reply(res, 200, Json::object());
  });
  server.Get("/_admin/market_queries", [&fake](const httplib::Request&, httplib::Response& res) {
    reply(res, 200,
          Json{{"bars", fake.market().last_bars_params()},
               {"latest_trades", fake.market().last_trades_params()}});
  });
  server.Get("/_admin/orders", [&fake](const httplib::Request&, httplib::Response& res) {
    Json body = Json::array();
    for (const FakeOrder& o : fake.orders()) body.push_back(order_json(o));
    reply(res, 200, body);
  });
}

}  // namespace stratus::fakes
