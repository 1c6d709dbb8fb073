// What every API route of the fake Alpaca does before its own handler, in this order: count the
// request (RequestLog), apply the fault plan (latency, an injected 5xx / 429), check the keys
// (401 / 40110000), take from the rate limit (429 / 42910000, X-RateLimit-* headers on every
// answer). Shared by the market data routes and any later route family. Internal to the fake.
// Test support only.
#pragma once

#include <functional>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "fakes/alpaca/api_error.h"
#include "fakes/alpaca/fake_alpaca.h"

namespace stratus::fakes {

using RouteHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Answers `status` with `body` as JSON.
void reply_json(httplib::Response& res, int status, const nlohmann::json& body);
// Answers Alpaca's error body {"code", "message"} with the error's status.
void reply_api_error(httplib::Response& res, const ApiError& error);
// Answers an injected failure the way such failures come back: Alpaca's JSON for 500 and 429
// (with X-RateLimit-* headers and the fault plan's reset), a load balancer's HTML page for
// 502/503/504.
void reply_injected(FakeAlpaca& fake, httplib::Response& res, int status);
// `handler` behind the checks above, for the endpoint named `endpoint` (e.g. kGetBars).
RouteHandler guarded_route(FakeAlpaca& fake, const char* endpoint, RouteHandler handler);

}  // namespace stratus::fakes
