// HttpStack: [http] settings turned into the layered client.
#include "apps/stratus/http_stack.h"

namespace stratus {

CurlOptions curl_options_from(const HttpConfig& http) {
  CurlOptions options;
  options.connect_timeout = std::chrono::milliseconds(http.connect_timeout_ms);
  options.total_timeout = std::chrono::milliseconds(http.total_timeout_ms);
  return options;
}

RetryPolicy retry_policy_from(const HttpConfig& http) {
  RetryPolicy policy;
  policy.max_attempts = http.max_attempts;
  policy.base_delay = std::chrono::milliseconds(http.base_delay_ms);
  policy.max_delay = std::chrono::milliseconds(http.max_delay_ms);
  policy.max_total_delay = std::chrono::milliseconds(http.max_total_delay_ms);
  return policy;
}

CircuitBreakerOptions breaker_options_from(const HttpConfig& http) {
  CircuitBreakerOptions options;
  options.failure_threshold = http.breaker_failure_threshold;
  return options;
}

HttpStack::HttpStack(const HttpConfig& http)
    : curl_(curl_options_from(http)),
      breaker_(curl_, breaker_options_from(http), clock_),
      retrying_(breaker_, retry_policy_from(http), sleeper_, random_, clock_) {}

}  // namespace stratus
