// SheetsSink (see sheets_sink.h).
#include "adapters/webhook/sheets_sink.h"

#include <utility>

#include "adapters/http/url_parts.h"
#include "adapters/webhook/redirect_location.h"
#include "adapters/webhook/webhook_answer.h"

namespace stratus {
namespace {

// Redirects followed after the POST's: the echo URL answers directly, but a web app not shared
// with "Anyone" leads through Google's sign-in redirects, which end in a page that says so.
constexpr int kMaxRedirects = 4;

std::string event_id_of(const nlohmann::json& event) {
  if (event.is_object()) {
    const auto id = event.find("event_id");
    if (id != event.end() && id->is_string()) return id->get<std::string>();
  }
  return "(no event_id)";
}

std::string http_status_text(const HttpResponse& response) {
  return "HTTP " + std::to_string(response.status);
}

}  // namespace

SheetsSink::SheetsSink(HttpClient& http, const Clock& clock, std::string url, std::string secret)
    : http_(http),
      clock_(clock),
      url_(std::move(url)),
      secret_(std::move(secret)),
      receiver_("the Sheets web app (" + url_host(url_) + ")") {
  secrets_.add_url(url_);
  secrets_.add(secret_);
}

Status SheetsSink::check_settings(std::string_view url, std::string_view secret) {
  if (!parse_url(url).ok()) {
    return Error::invalid_input(
        "[sheets] url: expected the web app's absolute https://script.google.com/macros/s/.../exec "
        "URL (the value is not shown: it is a secret)");
  }
  if (secret.empty()) {
    return Error::invalid_input(
        "[sheets] secret: expected the script property STRATUS_SECRET's value, got an empty one");
  }
  return {};
}

DeliveryResult SheetsSink::rejected(std::string message) const {
  return DeliveryResult::failed(Error::rejected(secrets_.scrub(message), receiver_));
}

DeliveryResult SheetsSink::read_script_answer(const HttpResponse& response,
                                              const std::string& event_id, bool after_post) const {
  const auto wait = requested_wait(response, clock_.now());
  const std::string summary = body_summary(response.body, secrets_);
  const std::string with_summary = summary.empty() ? "" : " (" + summary + ")";
  if (response.status >= 200 && response.status < 300) {
    const auto answer = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
    const bool script_json =
        answer.is_object() && answer.contains("ok") && answer["ok"].is_boolean();
    if (!script_json) {
      return rejected("answered " + http_status_text(response) +
                      " with something other than the script's JSON" + with_summary +
                      ": is the web app deployed with access \"Anyone\", running "
                      "deploy/sheets/Code.gs?");
    }
    if (answer["ok"].get<bool>()) return DeliveryResult::delivered();
    std::string why = "no reason given";
    if (answer.contains("error") && answer["error"].is_string()) why = answer["error"];
    if (answer.contains("retry") && answer["retry"] == true) {
      return DeliveryResult::failed(
          Error::unavailable("the script could not store event " + event_id +
                                 " now: " + body_summary(why, secrets_, 300),
                             receiver_),
          wait);
    }
    return rejected("the script refused event " + event_id + ": " +
                    body_summary(why, secrets_, 300));
  }
  if (after_post) {
    return DeliveryResult::failed(
        Error::ambiguous("the script ran but its answer could not be read: " +
                             http_status_text(response) + with_summary,
                         receiver_),
        wait);
  }
  if (response.status == 429 || response.status >= 500) {
    return DeliveryResult::failed(
        Error::unavailable("answered " + http_status_text(response) + with_summary, receiver_),
        wait);
  }
  if (response.status == 401 || response.status == 403) {
    return rejected("access denied (" + http_status_text(response) +
                    "): deploy the web app with \"Who has access: Anyone\"");
  }
  if (response.status == 404) {
    return rejected("no web app at this URL (HTTP 404): check the deployment's /exec URL");
  }
  return rejected("answered " + http_status_text(response) + with_summary);
}

DeliveryResult SheetsSink::deliver(const nlohmann::json& event) {
  const std::string event_id = event_id_of(event);
  if (!parse_url(url_).ok()) {
    return rejected("the [sheets] url is not an absolute http(s) URL");
  }
  HttpRequest post;
  post.method = "POST";
  post.url = url_;
  post.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  post.body = nlohmann::json{{"secret", secret_}, {"event", event}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  post.idempotent = true;  // The script drops an event id it already has (see the header).
  auto answer = http_.send(post);
  if (!answer.ok()) return exchange_failure(answer.error(), receiver_, secrets_);

  HttpResponse response = std::move(answer).value();
  std::string current_url = url_;
  bool after_post = false;
  for (int redirects = 0; response.status >= 300 && response.status < 400; ++redirects) {
    after_post = true;
    const auto location = response.header("Location");
    if (!location) {
      return DeliveryResult::failed(Error::ambiguous("answered " + http_status_text(response) +
                                                         " without a Location to read the "
                                                         "script's answer from",
                                                     receiver_));
    }
    if (redirects == kMaxRedirects) {
      return rejected("redirected more than " + std::to_string(kMaxRedirects) +
                      " times: is the web app deployed with access \"Anyone\"?");
    }
    auto next = resolve_location(current_url, *location);
    if (!next.ok()) {
      return DeliveryResult::failed(Error::ambiguous(
          "the script's answer could not be read: " + next.error().message, receiver_));
    }
    current_url = std::move(next).value();
    HttpRequest get;
    get.method = "GET";
    get.url = current_url;
    auto echoed = http_.send(get);
    if (!echoed.ok()) {
      SecretText secrets = secrets_;
      secrets.add_url(current_url);
      DeliveryResult failed = exchange_failure(echoed.error(), receiver_, secrets);
      Error error = failed.status.error();
      error.code = ErrorCode::kAmbiguous;  // The POST ran; only its answer is missing.
      error.message = "the script ran but its answer could not be read: " + error.message;
      return DeliveryResult::failed(std::move(error));
    }
    response = std::move(echoed).value();
  }
  return read_script_answer(response, event_id, after_post);
}

}  // namespace stratus
