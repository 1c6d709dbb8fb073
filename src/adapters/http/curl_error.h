// Maps a failed libcurl transfer to the HttpClient port's error classes: Unavailable when the
// request never started to leave, Ambiguous once it may have reached the server.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string_view>

#include "domain/error.h"

namespace stratus {

struct CurlFailure {
  CURLcode code = CURLE_OK;
  // Whether libcurl began sending the request (the pre-request callback ran).
  bool request_started = false;
  // Whether libcurl wanted to resend on a fresh connection and we refused (not idempotent).
  bool resend_refused = false;
  std::string_view target;     // "POST https://host/path", for the message.
  std::string_view authority;  // "host[:port]".
  std::string_view detail;     // libcurl's error buffer, already redacted; may be empty.
  std::chrono::milliseconds connect_timeout{0};
  std::chrono::milliseconds total_timeout{0};
};

// REQUIRES: failure.code != CURLE_OK.
// Guarantees: Ambiguous when request_started; otherwise Unavailable, except InvalidInput for a
// URL libcurl rejects and Internal for out-of-memory. The message starts with the target and
// names the host.
Error curl_failure_error(const CurlFailure& failure);

}  // namespace stratus
