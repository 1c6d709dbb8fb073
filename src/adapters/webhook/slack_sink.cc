// SlackSink (see slack_sink.h).
#include "adapters/webhook/slack_sink.h"

#include <utility>

#include "adapters/http/url_parts.h"
#include "adapters/webhook/slack_message.h"
#include "adapters/webhook/webhook_answer.h"

namespace stratus {

SlackSink::SlackSink(HttpClient& http, const Clock& clock, std::string webhook_url)
    : http_(http),
      clock_(clock),
      url_(std::move(webhook_url)),
      receiver_("the Slack webhook (" + url_host(url_) + ")") {
  secrets_.add_url(url_);
}

Status SlackSink::check_settings(std::string_view webhook_url) {
  if (!parse_url(webhook_url).ok()) {
    return Error::invalid_input(
        "[slack] webhook_url: expected an absolute https://hooks.slack.com/services/... URL (the "
        "value is not shown: it is a secret)");
  }
  return {};
}

DeliveryResult SlackSink::deliver(const nlohmann::json& event) {
  if (!parse_url(url_).ok()) {
    return DeliveryResult::failed(
        Error::rejected("the [slack] webhook_url is not an absolute http(s) URL", receiver_));
  }
  HttpRequest post;
  post.method = "POST";
  post.url = url_;
  post.headers = {{"Content-Type", "application/json; charset=utf-8"}};
  post.body = slack_message(event).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  post.idempotent = false;  // Slack would post a resent message twice (see the header).
  auto answer = http_.send(post);
  if (!answer.ok()) return exchange_failure(answer.error(), receiver_, secrets_);

  const HttpResponse& response = *answer;
  if (response.status >= 200 && response.status < 300) return DeliveryResult::delivered();
  const std::string said = body_summary(response.body, secrets_, 100);
  const std::string answered =
      "answered HTTP " + std::to_string(response.status) + (said.empty() ? "" : " " + said);
  const auto wait = requested_wait(response, clock_.now());
  if (response.status == 429 || response.status >= 500) {
    return DeliveryResult::failed(Error::unavailable(answered, receiver_), wait);
  }
  std::string hint;
  if (response.status == 403 || response.status == 404 || response.status == 410) {
    hint = ": the webhook or its channel is gone or refused; make a new webhook URL in Slack";
  } else if (response.status == 400) {
    hint = ": Slack could not take this message";
  }
  return DeliveryResult::failed(Error::rejected(answered + hint, receiver_), wait);
}

}  // namespace stratus
