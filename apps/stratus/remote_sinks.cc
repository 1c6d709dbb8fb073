#include "apps/stratus/remote_sinks.h"

#include <utility>

#include "adapters/aws/sns_sink.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/webhook/sheets_sink.h"
#include "adapters/webhook/slack_sink.h"
#include "apps/stratus/http_stack.h"
#include "apps/stratus/sns_alerts.h"
#include "support/log.h"

namespace stratus {
namespace {

// Stands in for a sink that could not be set up: every delivery fails, Rejected, with why, so its
// events wait in the outbox until the configuration is fixed.
class UnreachableSink final : public RemoteSink {
 public:
  UnreachableSink(std::string name, Error why) : name_(std::move(name)), why_(std::move(why)) {
    why_.code = ErrorCode::kRejected;
  }
  std::string_view name() const override { return name_; }
  DeliveryResult deliver(const nlohmann::json&) override { return DeliveryResult::failed(why_); }

 private:
  std::string name_;
  Error why_;
};

// The value of the secret reference `reference` of the setting `setting`. The error names the
// setting and the place looked in, never a value.
Result<std::string> resolve_setting(SecretResolver& resolver, const std::string& setting,
                                    const std::string& reference) {
  auto lookup = resolver.resolve(reference);
  if (!lookup.ok()) return lookup.error().within(setting);
  if (!lookup->value) {
    return Error::invalid_input(setting + ": " + lookup->place + " " + lookup->absent +
                                ": expected the value the reference points at");
  }
  return std::move(*lookup->value);
}

}  // namespace

std::vector<SinkRoute> sink_routes(const Config& config) {
  std::vector<SinkRoute> routes;
  if (!config.sheets.url.empty()) {
    routes.push_back({"sheets", config.sheets.events, config.sheets.min_severity});
  }
  if (!config.slack.webhook_url.empty()) {
    routes.push_back({"slack", config.slack.events, config.slack.min_severity});
  }
  if (!config.alerts.sns_topic_arn.empty()) {
    routes.push_back({"sns", {"alert"}, config.alerts.min_severity});
  }
  return routes;
}

struct RemoteSinks::Parts {
  explicit Parts(const HttpConfig& http) : webhooks(curl_options_from(http)) {}

  CurlHttpClient webhooks;
  std::unique_ptr<SnsAlerts> sns_alerts;
  std::vector<std::unique_ptr<RemoteSink>> sinks;
};

RemoteSinks::RemoteSinks(const Config& config, const Environment& env, const Clock& clock)
    : parts_(std::make_unique<Parts>(config.http)) {
  std::unique_ptr<SecretResolver> resolver;
  auto secrets = [&]() -> SecretResolver& {
    if (!resolver) resolver = process_secret_resolver(env, config.http);
    return *resolver;
  };
  auto add = [&](const std::string& name, Result<std::unique_ptr<RemoteSink>> sink) {
    if (sink.ok()) {
      parts_->sinks.push_back(std::move(sink).value());
      return;
    }
    log_warning("remote sink not set up: its events wait in the outbox",
                {{"sink", name}, {"error", sink.error().to_string()}});
    parts_->sinks.push_back(std::make_unique<UnreachableSink>(name, sink.error()));
  };

  for (const SinkRoute& route : sink_routes(config)) {
    if (route.sink == "sheets") {
      add(route.sink, [&]() -> Result<std::unique_ptr<RemoteSink>> {
        STRATUS_ASSIGN_OR_RETURN(std::string url,
                                 resolve_setting(secrets(), "sheets.url", config.sheets.url));
        STRATUS_ASSIGN_OR_RETURN(std::string secret,
                                 resolve_setting(secrets(), "sheets.secret", config.sheets.secret));
        STRATUS_RETURN_IF_ERROR(SheetsSink::check_settings(url, secret));
        return std::unique_ptr<RemoteSink>(std::make_unique<SheetsSink>(
            parts_->webhooks, clock, std::move(url), std::move(secret)));
      }());
    } else if (route.sink == "slack") {
      add(route.sink, [&]() -> Result<std::unique_ptr<RemoteSink>> {
        STRATUS_ASSIGN_OR_RETURN(std::string url, resolve_setting(secrets(), "slack.webhook_url",
                                                                  config.slack.webhook_url));
        STRATUS_RETURN_IF_ERROR(SlackSink::check_settings(url));
        return std::unique_ptr<RemoteSink>(
            std::make_unique<SlackSink>(parts_->webhooks, clock, std::move(url)));
      }());
    } else {
      add(route.sink, [&]() -> Result<std::unique_ptr<RemoteSink>> {
        STRATUS_ASSIGN_OR_RETURN(parts_->sns_alerts, SnsAlerts::open(env, config));
        return std::unique_ptr<RemoteSink>(
            std::make_unique<SnsSink>(parts_->sns_alerts->publisher()));
      }());
    }
  }
}

RemoteSinks::~RemoteSinks() = default;

std::vector<RemoteSink*> RemoteSinks::sinks() const {
  std::vector<RemoteSink*> out;
  for (const auto& sink : parts_->sinks) out.push_back(sink.get());
  return out;
}

}  // namespace stratus
