#include "adapters/http/server_wait.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "adapters/http/http_date.h"

namespace stratus {
namespace {

// 100 years: long enough to mean "not now", short enough never to overflow milliseconds.
constexpr std::int64_t kMaxSeconds = std::int64_t{100} * 366 * 24 * 3600;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A non-empty run of decimal digits, saturating at kMaxSeconds * 100.
std::optional<std::int64_t> digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = std::min<std::int64_t>(value * 10 + (c - '0'), kMaxSeconds * 100);
  }
  return value;
}

std::chrono::milliseconds seconds_until(std::int64_t target_epoch, Timestamp now) {
  const std::int64_t delta =
      std::clamp<std::int64_t>(target_epoch - now.time_since_epoch().count(), 0, kMaxSeconds);
  return std::chrono::seconds{delta};
}

std::optional<std::chrono::milliseconds> from_retry_after(std::string_view value, Timestamp now) {
  value = trim(value);
  if (auto seconds = digits(value)) {
    return std::chrono::seconds{std::min(*seconds, kMaxSeconds)};
  }
  if (auto when = parse_http_date(value, now)) {
    return seconds_until(when->time_since_epoch().count(), now);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::chrono::milliseconds> server_requested_wait(const HttpResponse& response,
                                                               Timestamp now) {
  if (auto retry_after = response.header("Retry-After")) {
    if (auto wait = from_retry_after(*retry_after, now)) return wait;
  }
  if (auto reset = response.header("X-RateLimit-Reset")) {
    if (auto epoch = digits(trim(*reset))) return seconds_until(*epoch, now);
  }
  return std::nullopt;
}

}  // namespace stratus
