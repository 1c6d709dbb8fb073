// RetryingHttpClient: an HttpClient decorator that retries transient failures with exponential
// backoff and full jitter, honouring the server's Retry-After / X-RateLimit-Reset on 429.
//
// What is retried (up to RetryPolicy::max_attempts tries and max_total_delay of sleeping):
//   Unavailable error (the request was certainly not sent)   always
//   429 Too Many Requests (the server did not act on it)     always; waits Retry-After, else
//                                                            X-RateLimit-Reset, else backoff
//   5xx response except 501 and 505                          only if request.idempotent;
//                                                            waits Retry-After, else backoff
//   Ambiguous error (may have taken effect)                  only if request.idempotent
// Everything else (2xx-4xx answers, InvalidInput, ...) is returned at once. A non-idempotent
// request that got Ambiguous is returned as Ambiguous immediately: the caller reconciles.
// When retries run out the last answer is returned as it was: a 5xx or 429 stays a response,
// an error stays that error.
//
// Recommended stack: RetryingHttpClient -> CircuitBreakerHttpClient -> CurlHttpClient, so each
// attempt counts towards the breaker and an open circuit fails the attempts fast.
// An optional observer hears of each retry before its wait (for logs); it is given only what is
// safe to show (method, host, what failed, the wait), never the URL's path or query or headers.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "adapters/http/random_source.h"
#include "adapters/http/retry_policy.h"
#include "adapters/http/sleeper.h"
#include "ports/clock.h"
#include "ports/http_client.h"

namespace stratus {

// One retry about to happen.
struct RetryNotice {
  std::string method;                 // "GET", "POST", ...
  std::string host;                   // host[:port]; "" when the URL does not parse.
  int failed_attempt = 0;             // 1-based: the attempt that failed.
  std::string failure;                // "HTTP 503", "HTTP 429" or an error code name.
  std::chrono::milliseconds wait{0};  // The sleep before the next attempt.
  bool server_asked = false;          // The wait is the server's (Retry-After, rate limit reset).
};
using RetryObserver = std::function<void(const RetryNotice&)>;

class RetryingHttpClient final : public HttpClient {
 public:
  // REQUIRES: inner, sleeper, random and clock outlive this client.
  // Thread-safe if inner, sleeper, random, clock and on_retry are (the provided ones are).
  // `on_retry` (may be empty) is called on the sending thread before each retry's wait.
  RetryingHttpClient(HttpClient& inner, RetryPolicy policy, Sleeper& sleeper, RandomSource& random,
                     const Clock& clock, RetryObserver on_retry = {});

  Result<HttpResponse> send(const HttpRequest& request) override;

 private:
  HttpClient& inner_;
  RetryPolicy policy_;
  Sleeper& sleeper_;
  RandomSource& random_;
  const Clock& clock_;
  RetryObserver on_retry_;
};

// Whether a response status is a server failure worth retrying (idempotent requests only):
// 5xx except 501 Not Implemented and 505 HTTP Version Not Supported, which will not change.
bool is_retryable_server_status(int status);

}  // namespace stratus
