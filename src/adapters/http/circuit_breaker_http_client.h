// CircuitBreakerHttpClient: an HttpClient decorator with one circuit breaker per host
// (scheme-less authority, "host[:port]").
//
//   closed     calls pass; `failure_threshold` consecutive failures open the circuit.
//   open       calls fail fast with Unavailable "circuit open for <host> until <time>" and never
//              reach the network, until `cool_down` has passed on the Clock.
//   half-open  one trial call passes (others fail fast with Unavailable); success closes the
//              circuit, failure opens it for another cool-down.
//
// A failure is an Unavailable or Ambiguous error or a 5xx response; a success is any other
// response (1xx-4xx: the host is up and answering). Other errors (InvalidInput, ...) neither
// count nor reset. Thread-safe: one mutex guards the states; it is not held during the call.
// An optional observer hears of each circuit that opens (for logs), outside the mutex.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "ports/clock.h"
#include "ports/http_client.h"

namespace stratus {

// A circuit that has just opened.
struct BreakerNotice {
  std::string host;  // host[:port], lower case.
  int consecutive_failures = 0;
  Timestamp open_until;
  bool after_trial = false;  // The half-open trial failed (else the threshold was reached).
};
using BreakerObserver = std::function<void(const BreakerNotice&)>;

struct CircuitBreakerOptions {
  int failure_threshold = 5;  // Consecutive failures that open a circuit. Below 1 counts as 1.
  std::chrono::seconds cool_down{30};  // How long an open circuit fails fast.
};

class CircuitBreakerHttpClient final : public HttpClient {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  // REQUIRES: inner and clock outlive this client. `on_open` (may be empty) is called when a
  // circuit opens, on the calling thread, outside the mutex.
  CircuitBreakerHttpClient(HttpClient& inner, CircuitBreakerOptions options, const Clock& clock,
                           BreakerObserver on_open = {});

  Result<HttpResponse> send(const HttpRequest& request) override;

  // The state of the circuit for `authority` ("host[:port]", lower case) as of clock.now();
  // kClosed for a host never seen.
  State state(std::string_view authority) const;

 private:
  struct Circuit {
    int consecutive_failures = 0;
    std::optional<Timestamp> open_until;  // Set while open or half-open.
    bool trial_in_flight = false;
  };
  enum class Outcome { kSuccess, kFailure, kNeutral };

  // Under mutex_: whether a call may go through now; sets *trial when it is the half-open trial.
  std::optional<Error> admit(const std::string& authority, bool* trial);
  // Returns a notice when this outcome opened the circuit.
  std::optional<BreakerNotice> record(const std::string& authority, Outcome outcome, bool trial);

  HttpClient& inner_;
  CircuitBreakerOptions options_;
  BreakerObserver on_open_;
  const Clock& clock_;
  mutable std::mutex mutex_;
  std::map<std::string, Circuit, std::less<>> circuits_;
};

}  // namespace stratus
