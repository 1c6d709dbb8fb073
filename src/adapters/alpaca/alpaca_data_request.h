// One GET to Alpaca's Market Data API: the auth headers (marked secret), the endpoint checks, and
// the answer's status turned into Stratus errors. Shared by the market-data adapters.
#pragma once

#include <string>
#include <string_view>

#include "adapters/alpaca/alpaca_endpoint.h"
#include "domain/result.h"
#include "ports/http_client.h"

namespace stratus {

// The default Market Data API base URL.
inline constexpr const char* kAlpacaDataUrl = "https://data.alpaca.markets";

// Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - _ . ~).
std::string alpaca_url_encode(std::string_view text);

// "alpaca GET /v2/stocks/bars": the error context for `path_and_query` (the query left out).
std::string alpaca_get_context(std::string_view path_and_query);

// Sends GET endpoint.base_url + `path_and_query` (e.g. "/v2/stocks/bars?symbols=AAPL") with the
// API keys in headers marked secret, as an idempotent request. Guarantees: on success the answer
// has a 2xx status. Errors (context: alpaca_get_context, never the key values):
//   InvalidInput  the base URL is not http(s) or a key is empty (nothing is sent);
//   Unavailable   not reachable, timed out (a GET has no effect, so a lost answer is simply
//                 missing), 429 or 5xx;
//   Rejected      any other status, with Alpaca's code and message (401/403 with a key hint).
Result<HttpResponse> alpaca_data_get(HttpClient& http, const AlpacaEndpoint& endpoint,
                                     const std::string& path_and_query);

}  // namespace stratus
