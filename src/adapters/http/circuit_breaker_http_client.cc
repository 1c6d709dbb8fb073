#include "adapters/http/circuit_breaker_http_client.h"

#include <algorithm>

#include "adapters/http/url_parts.h"

namespace stratus {
namespace {

bool is_failure(const Result<HttpResponse>& result) {
  if (!result.ok()) {
    const ErrorCode code = result.error().code;
    return code == ErrorCode::kUnavailable || code == ErrorCode::kAmbiguous;
  }
  return result.value().status >= 500;
}

}  // namespace

CircuitBreakerHttpClient::CircuitBreakerHttpClient(HttpClient& inner, CircuitBreakerOptions options,
                                                   const Clock& clock, BreakerObserver on_open)
    : inner_(inner), options_(options), on_open_(std::move(on_open)), clock_(clock) {
  options_.failure_threshold = std::max(options_.failure_threshold, 1);
  options_.cool_down = std::max(options_.cool_down, std::chrono::seconds{0});
}

Result<HttpResponse> CircuitBreakerHttpClient::send(const HttpRequest& request) {
  auto url = parse_url(request.url);
  if (!url.ok()) return inner_.send(request);  // Not a host to guard; inner reports the error.
  const std::string& authority = url->authority;

  bool trial = false;
  if (auto refusal = admit(authority, &trial)) return *refusal;
  Result<HttpResponse> result = inner_.send(request);
  Outcome outcome = Outcome::kNeutral;
  if (is_failure(result)) {
    outcome = Outcome::kFailure;
  } else if (result.ok()) {
    outcome = Outcome::kSuccess;
  }
  if (auto opened = record(authority, outcome, trial); opened && on_open_) {
    on_open_(*opened);
  }
  return result;
}

std::optional<Error> CircuitBreakerHttpClient::admit(const std::string& authority, bool* trial) {
  std::lock_guard lock(mutex_);
  auto it = circuits_.find(authority);
  if (it == circuits_.end() || !it->second.open_until) return std::nullopt;
  Circuit& circuit = it->second;
  const Timestamp now = clock_.now();
  if (now < *circuit.open_until) {
    return Error::unavailable("circuit open for " + authority + " until " +
                              format_utc_timestamp(*circuit.open_until) + " after " +
                              std::to_string(circuit.consecutive_failures) +
                              " consecutive failures; the request was not sent");
  }
  if (circuit.trial_in_flight) {
    return Error::unavailable("circuit half-open for " + authority +
                              ": a trial request is in flight; the request was not sent");
  }
  circuit.trial_in_flight = true;
  *trial = true;
  return std::nullopt;
}

std::optional<BreakerNotice> CircuitBreakerHttpClient::record(const std::string& authority,
                                                              Outcome outcome, bool trial) {
  std::lock_guard lock(mutex_);
  Circuit& circuit = circuits_[authority];
  if (trial) circuit.trial_in_flight = false;
  switch (outcome) {
    case Outcome::kSuccess:
      circuit = Circuit{};
      break;
    case Outcome::kFailure:
      ++circuit.consecutive_failures;
      if (trial || circuit.consecutive_failures >= options_.failure_threshold) {
        // Only the failure that opens it (or re-opens it after a trial) is news.
        const bool was_open = circuit.open_until.has_value() && !trial;
        circuit.open_until = clock_.now() + options_.cool_down;
        if (!was_open) {
          return BreakerNotice{authority, circuit.consecutive_failures, *circuit.open_until, trial};
        }
      }
      break;
    case Outcome::kNeutral:
      break;
  }
  return std::nullopt;
}

CircuitBreakerHttpClient::State CircuitBreakerHttpClient::state(std::string_view authority) const {
  std::lock_guard lock(mutex_);
  auto it = circuits_.find(authority);
  if (it == circuits_.end() || !it->second.open_until) return State::kClosed;
  return clock_.now() < *it->second.open_until ? State::kOpen : State::kHalfOpen;
}

}  // namespace stratus
