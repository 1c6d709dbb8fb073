// SlackSink: the RemoteSink "slack": one Block Kit message per audit event (slack_message.h)
// posted to a Slack incoming webhook.
//
// Slack's documented answers and what they become:
//   200 "ok"                                                  delivered
//   429 (rate limited; Retry-After seconds)                   Unavailable, retry_after kept
//   5xx (rollup_error, ...)                                   Unavailable (Retry-After kept)
//   400 invalid_payload / no_text / invalid_blocks ...,       Rejected with Slack's code:
//   403 invalid_token / action_prohibited, 404 no_service /   the webhook or the channel must
//   channel_not_found, 410 channel_is_archived, other 4xx     be fixed in Slack or the config
//   not sent (network)                                        Unavailable
//   sent, no answer                                           Ambiguous
// The POST is not idempotent (HttpRequest::idempotent = false): Slack does not drop repeats, so
// a retrying client must not resend it after a lost answer; the outbox retries it later, and
// the event id in the message's context block lets a reader spot a repeat.
// The webhook URL is a secret (its path is the token): messages name "the Slack webhook
// (<host>)" only, and everything Slack says is scrubbed of the URL's parts.
#pragma once

#include <string>
#include <string_view>

#include "adapters/webhook/secret_text.h"
#include "ports/clock.h"
#include "ports/http_client.h"
#include "ports/remote_sink.h"

namespace stratus {

class SlackSink final : public RemoteSink {
 public:
  // REQUIRES: `http` and `clock` outlive this sink. `webhook_url` is the resolved incoming
  // webhook URL (https://hooks.slack.com/services/T.../B.../...); check it first with
  // check_settings(): with a bad URL every delivery fails Rejected. Thread-compatible.
  SlackSink(HttpClient& http, const Clock& clock, std::string webhook_url);

  // OK, or InvalidInput naming the setting (never its value) when `webhook_url` is not an
  // absolute http(s) URL.
  static Status check_settings(std::string_view webhook_url);

  std::string_view name() const override { return "slack"; }

  // Posts slack_message(event) as the file comment says. Never throws.
  DeliveryResult deliver(const nlohmann::json& event) override;

 private:
  HttpClient& http_;
  const Clock& clock_;
  std::string url_;
  std::string receiver_;  // "the Slack webhook (hooks.slack.com)".
  SecretText secrets_;
};

}  // namespace stratus
