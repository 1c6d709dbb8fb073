// The Trading API endpoints of the fake Alpaca.
#include <sstream>
#include <string>

#include "domain/time.h"
#include "fakes/alpaca/connection_cut.h"
#include "fakes/alpaca/fake_json.h"
#include "fakes/alpaca/new_order.h"
#include "fakes/alpaca/routes.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;
using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

constexpr const char* kJson = "application/json; charset=utf-8";

void reply(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void reply_error(httplib::Response& res, const ApiError& error) {
  reply(res, error.status, error_json(error));
}

// An injected failure, answered the way such failures come back: JSON from the API for 500
// and 429, an HTML page from the load balancer for 502/503/504.
void reply_injected(FakeAlpaca& fake, httplib::Response& res, int status) {
  if (status == 429) {
    // A zero burst_reset gives a reset already due (this second, rounded down).
    const auto after = fake.faults().burst_reset();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto reset = after.count() > 0 ? std::chrono::ceil<std::chrono::seconds>(now + after)
                                         : std::chrono::floor<std::chrono::seconds>(now);
    res.set_header("X-RateLimit-Limit", std::to_string(fake.options().rate_limit));
    res.set_header("X-RateLimit-Remaining", "0");
    res.set_header("X-RateLimit-Reset", std::to_string(reset.count()));
    reply_error(res, {429, 42910000, "rate limit exceeded"});
    return;
  }
  if (status >= 502 && status <= 504) {
    res.status = status;
    res.set_content("<html><head><title>" + std::to_string(status) +
                        "</title></head><body><center><h1>" + std::to_string(status) +
                        " Service Temporarily Unavailable</h1></center></body></html>",
                    "text/html");
    return;
  }
  reply_error(res, {status, 50010000, "internal server error"});
}

bool authorized(const FakeAlpaca& fake, const httplib::Request& req) {
  return req.has_header("APCA-API-KEY-ID") && req.has_header("APCA-API-SECRET-KEY") &&
         req.get_header_value("APCA-API-KEY-ID") == fake.options().key_id &&
         req.get_header_value("APCA-API-SECRET-KEY") == fake.options().secret_key;
}

// Counting, injected faults, auth and the rate limit, then the endpoint's own handler.
Handler guarded(FakeAlpaca& fake, const char* endpoint, Handler handler) {
  return [&fake, endpoint, handler](const httplib::Request& req, httplib::Response& res) {
    fake.requests().count(endpoint);
    const RequestFault fault = fake.faults().on_request(endpoint);
    if (fault.delay.count() > 0 && !fake.pause(fault.delay)) return;
    if (fault.status) {
      reply_injected(fake, res, *fault.status);
      return;
    }
    if (!authorized(fake, req)) {
      reply_error(res, unauthorized());
      return;
    }
    const RateVerdict rate = fake.rate_limiter().take(std::chrono::system_clock::now());
    res.set_header("X-RateLimit-Limit", std::to_string(rate.limit));
    res.set_header("X-RateLimit-Remaining", std::to_string(rate.remaining));
    res.set_header("X-RateLimit-Reset", std::to_string(rate.reset_epoch_seconds));
    if (!rate.allowed) {
      reply_error(res, {429, 42910000, "rate limit exceeded"});
      return;
    }
    handler(req, res);
  };
}

void post_order(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto parsed = parse_new_order(req.body);
  if (auto* e = std::get_if<ApiError>(&parsed)) return reply_error(res, *e);
  auto submitted = fake.brokerage().submit(std::get<NewOrder>(parsed));
  if (auto* e = std::get_if<ApiError>(&submitted)) return reply_error(res, *e);
  const Json body = order_json(std::get<FakeOrder>(submitted));
  const auto fault = fake.faults().on_accept();
  if (!fault) return reply(res, 200, body);
  switch (fault->kind) {
    case AcceptFault::Kind::kDropConnection:
    case AcceptFault::Kind::kCutAnswer: {
      std::string sent;
      if (fault->kind == AcceptFault::Kind::kCutAnswer) {
        const std::string text = body.dump();
        sent = "HTTP/1.1 200 OK\r\nContent-Type: " + std::string(kJson) +
               "\r\nContent-Length: " + std::to_string(text.size()) + "\r\n\r\n" +
               text.substr(0, text.size() / 2);
      }
      if (!cut_connection(req.local_port, req.remote_port, sent)) {
        reply_error(res, {500, 50010000, "fake alpaca: no connection to cut"});
      }
      return;
    }
    case AcceptFault::Kind::kAnswerStatus:
      return reply_injected(fake, res, fault->status);
    case AcceptFault::Kind::kDelayAnswer:
      if (!fake.pause(fault->delay)) return;
      return reply(res, 200, body);
    case AcceptFault::Kind::kAnswerBody:
      res.status = fault->status;
      res.set_content(fault->body, kJson);
      return;
  }
}

void get_order(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  const auto order = fake.brokerage().order(req.matches[1].str());
  if (!order) return reply_error(res, order_not_found());
  reply(res, 200, order_json(*order));
}

void get_order_by_client_id(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("client_order_id")) {
    return reply_error(res, unprocessable("client_order_id is required"));
  }
  const auto order =
      fake.brokerage().order_by_client_order_id(req.get_param_value("client_order_id"));
  if (!order) return reply_error(res, order_not_found());
  reply(res, 200, order_json(*order));
}

void cancel_order(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  if (auto error = fake.brokerage().cancel(req.matches[1].str())) return reply_error(res, *error);
  res.status = 204;
}

void list_orders(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  OrderQuery query;
  if (req.has_param("status")) query.status = req.get_param_value("status");
  if (query.status != "open" && query.status != "closed" && query.status != "all") {
    return reply_error(res, unprocessable("invalid status \"" + query.status + "\""));
  }
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    char* end = nullptr;
    const long limit = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || limit < 1) {
      return reply_error(res, unprocessable("invalid limit \"" + text + "\""));
    }
    query.limit = static_cast<int>(std::min(limit, 500L));
  }
  if (req.has_param("direction")) {
    const std::string direction = req.get_param_value("direction");
    if (direction != "asc" && direction != "desc") {
      return reply_error(res, unprocessable("invalid direction \"" + direction + "\""));
    }
    query.ascending = direction == "asc";
  }
  for (auto [name, out] : {std::pair{"after", &query.after}, std::pair{"until", &query.until}}) {
    if (!req.has_param(name)) continue;
    auto t = parse_utc_timestamp(req.get_param_value(name));
    if (!t.ok()) return reply_error(res, unprocessable("invalid " + std::string(name)));
    *out = FakeTime(*t);
  }
  if (req.has_param("symbols")) {
    std::stringstream list(req.get_param_value("symbols"));
    for (std::string symbol; std::getline(list, symbol, ',');) {
      if (!symbol.empty()) query.symbols.push_back(symbol);
    }
  }
  if (req.has_param("side")) query.side = req.get_param_value("side");
  Json body = Json::array();
  for (const FakeOrder& o : fake.brokerage().orders(query)) body.push_back(order_json(o));
  reply(res, 200, body);
}

}  // namespace

void add_api_routes(httplib::Server& server, FakeAlpaca& fake) {
  auto bind = [&fake](void (*fn)(FakeAlpaca&, const httplib::Request&, httplib::Response&)) {
    return [&fake, fn](const httplib::Request& req, httplib::Response& res) { fn(fake, req, res); };
  };
  server.Post("/v2/orders", guarded(fake, kPostOrders, bind(post_order)));
  server.Get("/v2/orders", guarded(fake, kListOrders, bind(list_orders)));
  server.Get("/v2/orders:by_client_order_id",
             guarded(fake, kGetOrderByClientId, bind(get_order_by_client_id)));
  server.Get("/v2/orders/([^/]+)", guarded(fake, kGetOrder, bind(get_order)));
  server.Delete("/v2/orders/([^/]+)", guarded(fake, kCancelOrder, bind(cancel_order)));
  server.Get("/v2/account", guarded(fake, kGetAccount, [&fake](auto&, httplib::Response& res) {
               reply(res, 200, account_json(fake.brokerage().account()));
             }));
  server.Get("/v2/positions", guarded(fake, kGetPositions, [&fake](auto&, httplib::Response& res) {
               Json body = Json::array();
               for (const FakePosition& p : fake.brokerage().positions()) {
                 body.push_back(position_json(p));
               }
               reply(res, 200, body);
             }));
  server.set_error_handler([&fake](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // An answer of the fake itself.
    if (res.status == 404 && req.path.rfind("/_admin/", 0) != 0) {
      fake.requests().count(kOtherEndpoint);
      reply_error(res, {404, 40410000, "endpoint not found"});
    }
  });
}

}  // namespace stratus::fakes
