// HttpStack: the HTTP client every remote adapter (Alpaca) shares, built from [http]:
// RetryingHttpClient -> CircuitBreakerHttpClient -> CurlHttpClient. Its timing (backoff sleeps,
// breaker cool-downs) runs on the real clock, never on a run's simulated or replayed clock.
// Retries and circuits that open are logged (log_retry, log_circuit_open).
#pragma once

#include "adapters/clock/system_clock.h"
#include "adapters/http/circuit_breaker_http_client.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/retry_policy.h"
#include "adapters/http/retrying_http_client.h"
#include "adapters/http/sleeper.h"
#include "config/config.h"

namespace stratus {

// The settings of each layer, from [http] (validated by the config loader).
CurlOptions curl_options_from(const HttpConfig& http);
RetryPolicy retry_policy_from(const HttpConfig& http);
CircuitBreakerOptions breaker_options_from(const HttpConfig& http);

// Warning log lines (support/log.h) for a retry and for a circuit that opened: method, host,
// what failed and the wait; never a path, query or header.
void log_retry(const RetryNotice& notice);
void log_circuit_open(const BreakerNotice& notice);

class HttpStack {
 public:
  explicit HttpStack(const HttpConfig& http);
  HttpStack(const HttpStack&) = delete;
  HttpStack& operator=(const HttpStack&) = delete;

  // The outermost client: retries over the circuit breaker over libcurl. Thread-safe.
  HttpClient& client() { return retrying_; }

 private:
  // Declared in construction order: each layer refers to those above it.
  SystemClock clock_;
  ThreadSleeper sleeper_;
  Mt19937RandomSource random_;
  CurlHttpClient curl_;
  CircuitBreakerHttpClient breaker_;
  RetryingHttpClient retrying_;
};

}  // namespace stratus
