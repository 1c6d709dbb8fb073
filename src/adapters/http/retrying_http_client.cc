#include "adapters/http/retrying_http_client.h"

#include <algorithm>
#include <optional>

#include "adapters/http/server_wait.h"
#include "adapters/http/url_parts.h"

namespace stratus {
namespace {

using std::chrono::milliseconds;

// What to do after one attempt.
struct Plan {
  bool retry = false;
  // A wait the server asked for; when absent the backoff delay is used.
  std::optional<milliseconds> server_wait;
};

Plan plan_after(const HttpRequest& request, const Result<HttpResponse>& result, Timestamp now) {
  if (!result.ok()) {
    switch (result.error().code) {
      case ErrorCode::kUnavailable:
        return {.retry = true, .server_wait = std::nullopt};
      case ErrorCode::kAmbiguous:
        return {.retry = request.idempotent, .server_wait = std::nullopt};
      default:
        return {};
    }
  }
  const HttpResponse& response = result.value();
  if (response.status == 429) {
    return {.retry = true, .server_wait = server_requested_wait(response, now)};
  }
  if (request.idempotent && is_retryable_server_status(response.status)) {
    // X-RateLimit-Reset is about rate limits, so only Retry-After counts for a 5xx.
    HttpResponse retry_after_only;
    if (auto value = response.header("Retry-After")) {
      retry_after_only.headers.emplace_back("Retry-After", *value);
    }
    return {.retry = true, .server_wait = server_requested_wait(retry_after_only, now)};
  }
  return {};
}

RetryNotice notice_of(const HttpRequest& request, const Result<HttpResponse>& result, int attempt,
                      milliseconds wait, bool server_asked) {
  RetryNotice notice;
  notice.method = request.method;
  if (auto url = parse_url(request.url); url.ok()) notice.host = url->authority;
  notice.failed_attempt = attempt;
  notice.failure = result.ok() ? "HTTP " + std::to_string(result.value().status)
                               : std::string(error_code_name(result.error().code));
  notice.wait = wait;
  notice.server_asked = server_asked;
  return notice;
}

}  // namespace

bool is_retryable_server_status(int status) {
  return status >= 500 && status <= 599 && status != 501 && status != 505;
}

RetryingHttpClient::RetryingHttpClient(HttpClient& inner, RetryPolicy policy, Sleeper& sleeper,
                                       RandomSource& random, const Clock& clock,
                                       RetryObserver on_retry)
    : inner_(inner),
      policy_(policy),
      sleeper_(sleeper),
      random_(random),
      clock_(clock),
      on_retry_(std::move(on_retry)) {}

Result<HttpResponse> RetryingHttpClient::send(const HttpRequest& request) {
  const int max_attempts = std::max(policy_.max_attempts, 1);
  milliseconds slept{0};
  for (int attempt = 1;; ++attempt) {
    Result<HttpResponse> result = inner_.send(request);
    if (attempt >= max_attempts) return result;
    const Plan plan = plan_after(request, result, clock_.now());
    if (!plan.retry) return result;

    const milliseconds left = std::max(policy_.max_total_delay - slept, milliseconds{0});
    if (left == milliseconds{0}) return result;  // The delay budget is spent.
    milliseconds wait{0};
    const bool server_asked = plan.server_wait && *plan.server_wait > milliseconds{0};
    if (server_asked) {
      wait = *plan.server_wait;
      if (wait > left) return result;  // The server's wait does not fit: give its answer back.
    } else {
      // No usable server wait (absent, or already due: clocks disagree) -> backoff.
      wait = std::min(full_jitter_delay(policy_, attempt - 1, random_.unit()), left);
    }
    if (on_retry_) on_retry_(notice_of(request, result, attempt, wait, server_asked));
    sleeper_.sleep(wait);
    slept += wait;
  }
}

}  // namespace stratus
