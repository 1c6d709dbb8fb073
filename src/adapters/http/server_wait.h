// How long a server asked us to wait before trying again: Retry-After (RFC 9110, seconds or an
// HTTP-date) and X-RateLimit-Reset (UNIX epoch seconds, as Alpaca sends with 429).
#pragma once

#include <chrono>
#include <optional>

#include "domain/time.h"
#include "ports/http_client.h"

namespace stratus {

// The wait `response` asks for, measured from `now`:
//  - Retry-After when present and valid: delta-seconds ("120") or an HTTP-date;
//  - otherwise X-RateLimit-Reset when present and valid: the epoch second the limit resets;
//  - otherwise nullopt (also for malformed values, which are ignored).
// Guarantees: never negative (a time in the past gives zero); absurdly large values saturate at
// 100 years rather than overflow.
std::optional<std::chrono::milliseconds> server_requested_wait(const HttpResponse& response,
                                                               Timestamp now);

}  // namespace stratus
