// SnsSink: the RemoteSink "sns": audit events as messages to people through an AlertPublisher
// (SnsAlertPublisher: an SNS topic's e-mail and SMS subscribers).
//
//   "alert" events        subject = data.subject, message = data.message
//   any other event type  a generic one-line subject ("Stratus dev: order (warning) AAPL") and a
//                         plain-text body: what, when, run, profile, then the event's data as
//                         "name: value" lines
// Every message ends with the event id, so a reader can tell a repeat (SNS does not drop them).
// Subjects are made printable ASCII and cut to 99 characters; bodies to 200 KiB.
// Errors of the publisher become: Unavailable and Ambiguous as they are (retried later; an
// Ambiguous publish may have arrived), Rejected as it is, anything else (InvalidInput,
// NotFound: a bad or unknown topic) Rejected: the topic or its permissions must be fixed.
#pragma once

#include <string>
#include <string_view>

#include "ports/alert_publisher.h"
#include "ports/remote_sink.h"

namespace stratus {

class SnsSink final : public RemoteSink {
 public:
  // REQUIRES: `publisher` outlives this sink.
  explicit SnsSink(AlertPublisher& publisher) : publisher_(publisher) {}

  std::string_view name() const override { return "sns"; }

  // Publishes sns_alert_for(event) once. Never throws.
  DeliveryResult deliver(const nlohmann::json& event) override;

 private:
  AlertPublisher& publisher_;
};

// The alert SnsSink publishes for `event` (see the file comment). Total: any JSON value gives an
// alert with a non-empty subject (at most 99 printable ASCII characters) and message.
Alert sns_alert_for(const nlohmann::json& event);

}  // namespace stratus
