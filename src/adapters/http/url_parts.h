// UrlParts: the pieces of an absolute http(s) URL that errors and the circuit breaker need
// (scheme, host, authority, path), without user information or query, which may carry secrets.
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

struct UrlParts {
  std::string scheme;     // "http" or "https", lower case.
  std::string host;       // Lower case; an IPv6 literal keeps its brackets ("[::1]").
  std::string authority;  // host[:port] as written (port only when present), lower case.
  std::string path;       // "/v2/orders"; "/" when the URL has none. Query and fragment dropped.

  // "https://paper-api.alpaca.markets/v2/orders": safe to put in messages.
  std::string display() const;
};

// Parses "http[s]://[user[:pass]@]host[:port][/path][?query][#fragment]".
// Fails with InvalidInput when the scheme is not http/https, the host is empty or the port is
// not a number in 1..65535. The message never repeats user information.
Result<UrlParts> parse_url(std::string_view url);

}  // namespace stratus
