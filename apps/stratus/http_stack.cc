// HttpStack: [http] settings turned into the layered client.
#include "apps/stratus/http_stack.h"

#include "support/log.h"

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

void log_retry(const RetryNotice& notice) {
  log_warning("http retry", {{"method", notice.method},
                             {"host", notice.host},
                             {"failed_attempt", notice.failed_attempt},
                             {"failure", notice.failure},
                             {"wait_ms", notice.wait.count()},
                             {"server_asked", notice.server_asked}});
}

void log_circuit_open(const BreakerNotice& notice) {
  log_warning("http circuit open", {{"host", notice.host},
                                    {"consecutive_failures", notice.consecutive_failures},
                                    {"open_until", format_utc_timestamp(notice.open_until)},
                                    {"after_trial", notice.after_trial}});
}

HttpStack::HttpStack(const HttpConfig& http)
    : curl_(curl_options_from(http)),
      breaker_(curl_, breaker_options_from(http), clock_, log_circuit_open),
      retrying_(breaker_, retry_policy_from(http), sleeper_, random_, clock_, log_retry) {}

}  // namespace stratus
