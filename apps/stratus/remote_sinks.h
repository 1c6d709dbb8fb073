// RemoteSinks: the receivers of audit events the config turns on, and which events each takes.
//   [sheets] url/secret    SheetsSink (adapters/webhook/sheets_sink.h)
//   [slack] webhook_url    SlackSink (adapters/webhook/slack_sink.h)
//   [alerts] sns_topic_arn SnsSink over SnsAlerts (apps/stratus/sns_alerts.h): "alert" events
// Webhooks go over one plain CurlHttpClient with [http]'s timeouts: no retry layer (a failed
// delivery stays in the outbox and is retried with backoff by a later round) and no redirects
// followed (the Sheets sink reads the Apps Script 302 itself).
//
// A sink that cannot be set up (a secret reference that does not resolve, a URL the sink
// refuses, no AWS credentials for SNS) is replaced by one whose every delivery fails, Rejected,
// with why: its events are still queued and wait in the outbox (`stratus outbox status` shows
// the reason) until the configuration is fixed. A run never fails because of a sink.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "apps/stratus/secret_resolver.h"
#include "config/config.h"
#include "functions/outbox_delivery.h"
#include "ports/clock.h"
#include "ports/remote_sink.h"

namespace stratus {

// The routes of the sinks `config` turns on, in the order sheets, slack, sns. Empty when none.
std::vector<SinkRoute> sink_routes(const Config& config);

class RemoteSinks {
 public:
  // Builds the sinks of sink_routes(config) (resolving their secrets; nothing is sent). `clock`
  // is the run's clock. REQUIRES: config and clock outlive this object.
  RemoteSinks(const Config& config, const Environment& env, const Clock& clock);
  ~RemoteSinks();
  RemoteSinks(const RemoteSinks&) = delete;
  RemoteSinks& operator=(const RemoteSinks&) = delete;

  // One per route, in the same order.
  std::vector<RemoteSink*> sinks() const;

 private:
  struct Parts;
  std::unique_ptr<Parts> parts_;
};

}  // namespace stratus
