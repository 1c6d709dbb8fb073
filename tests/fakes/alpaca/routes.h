// The fake Alpaca's HTTP routes on a cpp-httplib server, one function per family: the API
// endpoints (behind auth, the rate limit and the fault plan; see route_guard.h) and the /_admin/
// endpoints of the standalone server. FakeAlpaca::start() registers each family.
// Internal to the fake. Test support only.
#pragma once

#include <httplib.h>

#include "fakes/alpaca/fake_alpaca.h"

namespace stratus::fakes {

// Trading API v2: orders, account, positions (api_routes.cc).
void add_api_routes(httplib::Server& server, FakeAlpaca& fake);
// Market Data API v2: daily bars and latest trades (market_data_routes.cc).
void add_market_data_routes(httplib::Server& server, FakeAlpaca& fake);
// Trading API v2: the market calendar and clock (calendar_routes.cc).
void add_calendar_routes(httplib::Server& server, FakeAlpaca& fake);
// The standalone server's /_admin/ endpoints (admin_routes.cc).
void add_admin_routes(httplib::Server& server, FakeAlpaca& fake);

}  // namespace stratus::fakes
