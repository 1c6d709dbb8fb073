// BaseUrl: the root of a remote API, "http(s)://host[:port]", as the config and the environment
// may write it ("https://paper-api.alpaca.markets/v2/" included: the Alpaca SDKs accept a
// trailing "/" and "/v2", so Stratus does too).
#pragma once

#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

struct BaseUrl {
  std::string url;   // "https://paper-api.alpaca.markets": scheme and host lower case, no path.
  std::string host;  // "paper-api.alpaca.markets" (an IPv6 literal keeps its brackets).
};

// What parse_base_url accepts, for error messages: "expected an http(s) base URL ...".
inline constexpr std::string_view kBaseUrlExpected =
    "expected an http:// or https:// base URL: scheme, host and optional port, optionally "
    "followed by \"/\" or \"/v2\" (e.g. \"https://paper-api.alpaca.markets\")";

// Parses "http[s]://host[:port]" with an optional trailing "/", "/v2" or "/v2/", which are
// dropped. The host is letters, digits, '.', '-' and '_' (or a bracketed IPv6 literal); the port
// 1..65535. No user information, other path, query or fragment.
// Errors: InvalidInput whose message says what is wrong, never repeating the text (it may hold a
// password); the caller names the field.
Result<BaseUrl> parse_base_url(std::string_view text);

}  // namespace stratus
