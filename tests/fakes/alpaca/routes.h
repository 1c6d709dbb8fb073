// The fake Alpaca's HTTP routes on a cpp-httplib server: the Trading API endpoints (behind auth,
// the rate limit and the fault plan) and the /_admin/ endpoints of the standalone server.
// Internal to the fake. Test support only.
#pragma once

#include <httplib.h>

#include "fakes/alpaca/fake_alpaca.h"

namespace stratus::fakes {

void add_api_routes(httplib::Server& server, FakeAlpaca& fake);
void add_admin_routes(httplib::Server& server, FakeAlpaca& fake);

}  // namespace stratus::fakes
