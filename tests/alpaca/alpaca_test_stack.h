// AlpacaTestStack: a fake Alpaca on 127.0.0.1 and the real HTTP client stack pointed at it
// (RetryingHttpClient -> CircuitBreakerHttpClient -> CurlHttpClient, short timeouts and
// backoffs), with two AlpacaBrokers: `broker` over the whole stack and `bare` over libcurl alone
// (no retries, so the first failure shows). Test support only.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "adapters/alpaca/alpaca_broker.h"
#include "adapters/clock/system_clock.h"
#include "adapters/http/circuit_breaker_http_client.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/retrying_http_client.h"
#include "adapters/http/sleeper.h"
#include "fakes/alpaca/fake_alpaca.h"

namespace stratus::testing {

inline constexpr std::chrono::milliseconds kClientTimeout{600};

inline CurlOptions short_timeouts() {
  CurlOptions options;
  options.connect_timeout = std::chrono::milliseconds(500);
  options.total_timeout = kClientTimeout;
  return options;
}

inline RetryPolicy quick_retries() {
  RetryPolicy policy;
  policy.max_attempts = 4;
  policy.base_delay = std::chrono::milliseconds(5);
  policy.max_delay = std::chrono::milliseconds(20);
  policy.max_total_delay = std::chrono::milliseconds(3'000);
  return policy;
}

inline CircuitBreakerOptions tolerant_breaker() {
  CircuitBreakerOptions options;
  options.failure_threshold = 50;
  return options;
}

class AlpacaTestStack {
 public:
  AlpacaTestStack() = default;

  // Prices AAPL at 100.00 and MSFT at 43.07, makes injected 429s retryable at once, starts.
  Status start_fake() {
    fake.brokerage().set_price("AAPL", Money::from_dollars(100));
    fake.brokerage().set_price("MSFT", Money::parse("43.07").value());
    fake.faults().set_burst_reset(std::chrono::milliseconds(0));
    return fake.start();
  }

  // The endpoint of the fake with the right keys, or with `secret` as the secret key.
  AlpacaEndpoint endpoint(std::string secret = "fake-secret-key") const {
    return AlpacaEndpoint{fake.base_url(), "fake-key-id", std::move(secret)};
  }

  // Declared first: destroyed last, after the clients have hung up.
  fakes::FakeAlpaca fake;
  // Before the brokers are built: they need the fake's port.
  Status started = start_fake();
  CurlHttpClient curl{short_timeouts()};
  SystemClock clock;
  ThreadSleeper sleeper;
  FixedRandomSource random{0.5};
  CircuitBreakerHttpClient breaker{curl, tolerant_breaker(), clock};
  RetryingHttpClient retrying{breaker, quick_retries(), sleeper, random, clock};
  AlpacaBroker broker{retrying, endpoint()};
  AlpacaBroker bare{curl, endpoint()};
};

}  // namespace stratus::testing
