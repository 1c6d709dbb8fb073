#include "adapters/aws/aws_json_client.h"

#include <algorithm>

#include "adapters/http/retrying_http_client.h"
#include "adapters/http/server_wait.h"

namespace stratus {
namespace {

using std::chrono::milliseconds;

struct Plan {
  bool retry = false;
  std::optional<milliseconds> server_wait;  // Retry-After, when the answer carries one.
};

Plan plan_after(bool idempotent, const Result<HttpResponse>& result, Timestamp now) {
  if (!result.ok()) {
    const ErrorCode code = result.error().code;
    return {
        .retry = code == ErrorCode::kUnavailable || (code == ErrorCode::kAmbiguous && idempotent),
        .server_wait = std::nullopt};
  }
  const HttpResponse& response = result.value();
  if (response.status >= 200 && response.status <= 299) return {};
  const AwsErrorAnswer answer = parse_aws_error_answer(response);
  if (is_aws_throttling(answer) || (idempotent && is_retryable_server_status(response.status))) {
    HttpResponse retry_after_only;
    if (auto value = response.header("Retry-After")) {
      retry_after_only.headers.emplace_back("Retry-After", *value);
    }
    return {.retry = true, .server_wait = server_requested_wait(retry_after_only, now)};
  }
  return {};
}

}  // namespace

AwsJsonClient::AwsJsonClient(HttpClient& http, AwsCredentials credentials,
                             AwsJsonClientOptions options, const Clock& clock, Sleeper& sleeper,
                             RandomSource& random)
    : http_(http),
      credentials_(std::move(credentials)),
      options_(std::move(options)),
      clock_(clock),
      sleeper_(sleeper),
      random_(random) {}

Result<AwsJsonAnswer> AwsJsonClient::exchange(std::string_view operation,
                                              const nlohmann::json& request, bool idempotent) {
  const std::string body = request.dump();
  const int max_attempts = std::max(options_.retry.max_attempts, 1);
  milliseconds slept{0};
  for (int attempt = 1;; ++attempt) {
    HttpRequest http_request;
    http_request.method = "POST";
    http_request.url = options_.endpoint + "/";
    http_request.headers = {
        {"Content-Type", options_.content_type},
        {"X-Amz-Target", options_.target_prefix + "." + std::string(operation)}};
    http_request.body = body;
    http_request.idempotent = idempotent;
    auto signed_parts = sign_request(http_request, credentials_, options_.scope, clock_.now());
    if (!signed_parts.ok()) {
      return signed_parts.error().within(options_.service_name + " " + std::string(operation));
    }

    Result<HttpResponse> result = http_.send(http_request);
    const Plan plan =
        attempt < max_attempts ? plan_after(idempotent, result, clock_.now()) : Plan{};
    const milliseconds left = std::max(options_.retry.max_total_delay - slept, milliseconds{0});
    milliseconds wait{0};
    bool retry = plan.retry && left > milliseconds{0};
    if (retry) {
      if (plan.server_wait && *plan.server_wait > milliseconds{0}) {
        wait = *plan.server_wait;
        retry = wait <= left;  // A server wait that does not fit ends the retries.
      } else {
        wait = std::min(full_jitter_delay(options_.retry, attempt - 1, random_.unit()), left);
      }
    }
    if (!retry) {
      if (!result.ok()) return result.error();
      HttpResponse& response = result.value();
      AwsJsonAnswer answer;
      answer.status = response.status;
      answer.attempts = attempt;
      if (response.status < 200 || response.status > 299) {
        answer.error = parse_aws_error_answer(response);
      }
      answer.text = std::move(response.body);
      answer.body = nlohmann::json::parse(answer.text, nullptr, /*allow_exceptions=*/false);
      if (answer.body.is_discarded()) answer.body = nullptr;
      return answer;
    }
    sleeper_.sleep(wait);
    slept += wait;
  }
}

Result<nlohmann::json> AwsJsonClient::call(std::string_view operation,
                                           const nlohmann::json& request, bool idempotent) {
  const std::string where = options_.service_name + " " + std::string(operation);
  STRATUS_ASSIGN_OR_RETURN(AwsJsonAnswer answer, exchange(operation, request, idempotent));
  if (answer.error) return aws_error(*answer.error, where);
  if (answer.body.is_null()) {
    // An empty 2xx body is an empty answer; anything else that did not parse is a broken one.
    if (answer.text.empty()) return nlohmann::json::object();
    return Error::internal("the answer (HTTP " + std::to_string(answer.status) + ", " +
                               std::to_string(answer.text.size()) +
                               " bytes) is not JSON; it starts '" + answer.text.substr(0, 60) + "'",
                           where);
  }
  return std::move(answer.body);
}

}  // namespace stratus
