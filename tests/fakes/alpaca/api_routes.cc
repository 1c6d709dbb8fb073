// The Trading API endpoints of the fake Alpaca: orders, account and positions, each behind the
// shared checks of route_guard.h.
#include <sstream>
#include <string>

#include "domain/time.h"
#include "fakes/alpaca/connection_cut.h"
#include "fakes/alpaca/fake_json.h"
#include "fakes/alpaca/new_order.h"
#include "fakes/alpaca/route_guard.h"
#include "fakes/alpaca/routes.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

constexpr const char* kJson = "application/json; charset=utf-8";

void post_order(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  auto parsed = parse_new_order(req.body);
  if (auto* e = std::get_if<ApiError>(&parsed)) return reply_api_error(res, *e);
  auto submitted = fake.brokerage().submit(std::get<NewOrder>(parsed));
  if (auto* e = std::get_if<ApiError>(&submitted)) return reply_api_error(res, *e);
  const Json body = order_json(std::get<FakeOrder>(submitted));
  const auto fault = fake.faults().on_accept();
  if (!fault) return reply_json(res, 200, body);
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
        reply_api_error(res, {500, 50010000, "fake alpaca: no connection to cut"});
      }
      return;
    }
    case AcceptFault::Kind::kAnswerStatus:
      return reply_injected(fake, res, fault->status);
    case AcceptFault::Kind::kDelayAnswer:
      if (!fake.pause(fault->delay)) return;
      return reply_json(res, 200, body);
    case AcceptFault::Kind::kAnswerBody:
      res.status = fault->status;
      res.set_content(fault->body, kJson);
      return;
  }
}

void get_order(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  const auto order = fake.brokerage().order(req.matches[1].str());
  if (!order) return reply_api_error(res, order_not_found());
  reply_json(res, 200, order_json(*order));
}

void get_order_by_client_id(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("client_order_id")) {
    return reply_api_error(res, unprocessable("client_order_id is required"));
  }
  const auto order =
      fake.brokerage().order_by_client_order_id(req.get_param_value("client_order_id"));
  if (!order) return reply_api_error(res, order_not_found());
  reply_json(res, 200, order_json(*order));
}

void cancel_order(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  if (auto error = fake.brokerage().cancel(req.matches[1].str()))
    return reply_api_error(res, *error);
  res.status = 204;
}

void list_orders(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  OrderQuery query;
  if (req.has_param("status")) query.status = req.get_param_value("status");
  if (query.status != "open" && query.status != "closed" && query.status != "all") {
    return reply_api_error(res, unprocessable("invalid status \"" + query.status + "\""));
  }
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    char* end = nullptr;
    const long limit = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || limit < 1) {
      return reply_api_error(res, unprocessable("invalid limit \"" + text + "\""));
    }
    query.limit = static_cast<int>(std::min(limit, 500L));
  }
  if (req.has_param("direction")) {
    const std::string direction = req.get_param_value("direction");
    if (direction != "asc" && direction != "desc") {
      return reply_api_error(res, unprocessable("invalid direction \"" + direction + "\""));
    }
    query.ascending = direction == "asc";
  }
  for (auto [name, out] : {std::pair{"after", &query.after}, std::pair{"until", &query.until}}) {
    if (!req.has_param(name)) continue;
    auto t = parse_utc_timestamp(req.get_param_value(name));
    if (!t.ok()) return reply_api_error(res, unprocessable("invalid " + std::string(name)));
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
  reply_json(res, 200, body);
}

}  // namespace

void add_api_routes(httplib::Server& server, FakeAlpaca& fake) {
  auto bind = [&fake](void (*fn)(FakeAlpaca&, const httplib::Request&, httplib::Response&)) {
    return [&fake, fn](const httplib::Request& req, httplib::Response& res) { fn(fake, req, res); };
  };
  server.Post("/v2/orders", guarded_route(fake, kPostOrders, bind(post_order)));
  server.Get("/v2/orders", guarded_route(fake, kListOrders, bind(list_orders)));
  server.Get("/v2/orders:by_client_order_id",
             guarded_route(fake, kGetOrderByClientId, bind(get_order_by_client_id)));
  server.Get("/v2/orders/([^/]+)", guarded_route(fake, kGetOrder, bind(get_order)));
  server.Delete("/v2/orders/([^/]+)", guarded_route(fake, kCancelOrder, bind(cancel_order)));
  server.Get("/v2/account",
             guarded_route(fake, kGetAccount, [&fake](auto&, httplib::Response& res) {
               reply_json(res, 200, account_json(fake.brokerage().account()));
             }));
  server.Get("/v2/positions",
             guarded_route(fake, kGetPositions, [&fake](auto&, httplib::Response& res) {
               Json body = Json::array();
               for (const FakePosition& p : fake.brokerage().positions()) {
                 body.push_back(position_json(p));
               }
               reply_json(res, 200, body);
             }));
  server.set_error_handler([&fake](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // An answer of the fake itself.
    if (res.status == 404 && req.path.rfind("/_admin/", 0) != 0) {
      fake.requests().count(kOtherEndpoint);
      reply_api_error(res, {404, 40410000, "endpoint not found"});
    }
  });
}

}  // namespace stratus::fakes
