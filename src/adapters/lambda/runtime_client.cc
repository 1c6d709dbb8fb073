#include "adapters/lambda/runtime_client.h"

#include <charconv>
#include <utility>

#include <nlohmann/json.hpp>

namespace stratus {
namespace {

constexpr std::string_view kApiVersion = "2018-06-01";
constexpr std::size_t kBodyExcerpt = 200;

std::string excerpt(const std::string& body) {
  if (body.size() <= kBodyExcerpt) return body;
  return body.substr(0, kBodyExcerpt) + "...";
}

Error unexpected_status(const std::string& target, const HttpResponse& response, int expected) {
  return Error::rejected(target + ": the Lambda Runtime API answered HTTP " +
                         std::to_string(response.status) + ", expected " +
                         std::to_string(expected) + ": " + excerpt(response.body));
}

// Epoch milliseconds: decimal digits only, positive, no sign or spaces.
std::optional<EpochMillis> parse_deadline(const std::string& text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value <= 0) return std::nullopt;
  return EpochMillis{std::chrono::milliseconds{value}};
}

}  // namespace

LambdaRuntimeClient::LambdaRuntimeClient(HttpClient& http, std::string runtime_api)
    : http_(http), base_url_("http://" + runtime_api + "/" + std::string(kApiVersion)) {}

Status LambdaRuntimeClient::check_runtime_api(std::string_view runtime_api) {
  const std::string shown = "\"" + std::string(runtime_api) + "\"";
  const auto colon = runtime_api.rfind(':');
  if (runtime_api.empty() || runtime_api.find("://") != std::string_view::npos ||
      runtime_api.find_first_of("/?# ") != std::string_view::npos || colon == 0 ||
      colon == std::string_view::npos || colon + 1 == runtime_api.size()) {
    return Error::invalid_input(shown + ": expected host:port, e.g. 127.0.0.1:9001",
                                "AWS_LAMBDA_RUNTIME_API");
  }
  for (char c : runtime_api.substr(colon + 1)) {
    if (c < '0' || c > '9') {
      return Error::invalid_input(shown + ": the port must be a number", "AWS_LAMBDA_RUNTIME_API");
    }
  }
  return {};
}

Result<Invocation> LambdaRuntimeClient::next() {
  HttpRequest request;
  request.method = "GET";
  request.url = base_url_ + "/runtime/invocation/next";
  auto response = http_.send(request);
  if (!response.ok()) return response.error();
  const std::string target = "GET " + request.url;
  if (response->status != 200) return unexpected_status(target, *response, 200);

  Invocation invocation;
  invocation.request_id = response->header("Lambda-Runtime-Aws-Request-Id").value_or("");
  if (invocation.request_id.empty()) {
    return Error::internal(target +
                           ": the answer has no Lambda-Runtime-Aws-Request-Id header, so the "
                           "event cannot be answered");
  }
  for (char c : invocation.request_id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    if (!safe) {
      return Error::internal(target + ": Lambda-Runtime-Aws-Request-Id \"" +
                             excerpt(invocation.request_id) +
                             "\" has a character outside [A-Za-z0-9._-], so it cannot name a URL");
    }
  }
  invocation.deadline_text = response->header("Lambda-Runtime-Deadline-Ms").value_or("");
  invocation.deadline = parse_deadline(invocation.deadline_text);
  invocation.function_arn = response->header("Lambda-Runtime-Invoked-Function-Arn").value_or("");
  invocation.trace_id = response->header("Lambda-Runtime-Trace-Id").value_or("");
  invocation.event = std::move(response->body);
  return invocation;
}

Status LambdaRuntimeClient::respond(std::string_view request_id, std::string_view body) {
  return post("/runtime/invocation/" + std::string(request_id) + "/response", std::string(body),
              nullptr);
}

Status LambdaRuntimeClient::report_error(std::string_view request_id, const FunctionError& error) {
  return post("/runtime/invocation/" + std::string(request_id) + "/error",
              function_error_body(error), &error);
}

Status LambdaRuntimeClient::report_init_error(const FunctionError& error) {
  return post("/runtime/init/error", function_error_body(error), &error);
}

Status LambdaRuntimeClient::post(std::string path, std::string body, const FunctionError* error) {
  HttpRequest request;
  request.method = "POST";
  request.url = base_url_ + path;
  request.headers.emplace_back("Content-Type", "application/json");
  if (error != nullptr)
    request.headers.emplace_back("Lambda-Runtime-Function-Error-Type", error->type);
  request.body = std::move(body);
  // Answering an invocation twice cannot change its outcome (the Runtime API keeps the first
  // answer and refuses the second), so a resend after a dropped keep-alive connection is safe.
  request.idempotent = true;
  auto response = http_.send(request);
  if (!response.ok()) return response.error();
  if (response->status != 202) {
    return unexpected_status("POST " + request.url, *response, 202);
  }
  return {};
}

std::string function_error_body(const FunctionError& error) {
  const nlohmann::json body = {{"errorMessage", error.message},
                               {"errorType", error.type},
                               {"stackTrace", nlohmann::json::array()}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace stratus
