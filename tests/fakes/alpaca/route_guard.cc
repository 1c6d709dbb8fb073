#include "fakes/alpaca/route_guard.h"

#include <chrono>
#include <string>

#include "fakes/alpaca/fake_json.h"

namespace stratus::fakes {
namespace {

bool authorized(const FakeAlpaca& fake, const httplib::Request& req) {
  return req.has_header("APCA-API-KEY-ID") && req.has_header("APCA-API-SECRET-KEY") &&
         req.get_header_value("APCA-API-KEY-ID") == fake.options().key_id &&
         req.get_header_value("APCA-API-SECRET-KEY") == fake.options().secret_key;
}

}  // namespace

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void reply_api_error(httplib::Response& res, const ApiError& error) {
  reply_json(res, error.status, error_json(error));
}

// An injected failure, answered as such failures come back: JSON for 500 and 429, an HTML page
// from the load balancer for 502/503/504.
void reply_injected(FakeAlpaca& fake, httplib::Response& res, int status) {
  if (status == 429) {
    const auto after = fake.faults().burst_reset();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    const auto reset = after.count() > 0 ? std::chrono::ceil<std::chrono::seconds>(now + after)
                                         : std::chrono::floor<std::chrono::seconds>(now);
    res.set_header("X-RateLimit-Limit", std::to_string(fake.options().rate_limit));
    res.set_header("X-RateLimit-Remaining", "0");
    res.set_header("X-RateLimit-Reset", std::to_string(reset.count()));
    return reply_api_error(res, {429, 42910000, "rate limit exceeded"});
  }
  if (status >= 502 && status <= 504) {
    res.status = status;
    res.set_content("<html><head><title>" + std::to_string(status) + "</title></head><body>" +
                        std::to_string(status) + " Service Temporarily Unavailable</body></html>",
                    "text/html");
    return;
  }
  reply_api_error(res, {status, 50010000, "internal server error"});
}

RouteHandler guarded_route(FakeAlpaca& fake, const char* endpoint, RouteHandler handler) {
  return [&fake, endpoint, handler](const httplib::Request& req, httplib::Response& res) {
    fake.requests().count(endpoint);
    const RequestFault fault = fake.faults().on_request(endpoint);
    if (fault.delay.count() > 0 && !fake.pause(fault.delay)) return;
    if (fault.status) return reply_injected(fake, res, *fault.status);
    if (!authorized(fake, req)) return reply_api_error(res, unauthorized());
    const RateVerdict rate = fake.rate_limiter().take(std::chrono::system_clock::now());
    res.set_header("X-RateLimit-Limit", std::to_string(rate.limit));
    res.set_header("X-RateLimit-Remaining", std::to_string(rate.remaining));
    res.set_header("X-RateLimit-Reset", std::to_string(rate.reset_epoch_seconds));
    if (!rate.allowed) return reply_api_error(res, {429, 42910000, "rate limit exceeded"});
    handler(req, res);
  };
}

}  // namespace stratus::fakes
