// RemoteSink port: a receiver of audit events outside Stratus (a Google Sheet through its Apps
// Script web app, a Slack channel through an incoming webhook, an SNS topic). Sinks are only
// ever called by outbox delivery (functions/outbox_delivery.h), never straight from a step.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus {

// The outcome of one delivery attempt.
struct DeliveryResult {
  Status status;  // ok: the receiver accepted the event (or already had it).
  // Set when the receiver asked to wait before the next attempt (HTTP 429/503 Retry-After).
  std::optional<std::chrono::seconds> retry_after;

  static DeliveryResult delivered() { return {}; }
  static DeliveryResult failed(Error error,
                               std::optional<std::chrono::seconds> retry_after = std::nullopt) {
    return {Status(std::move(error)), retry_after};
  }
};

class RemoteSink {
 public:
  virtual ~RemoteSink() = default;

  // The sink's name as configured and as kept in the outbox: "sheets", "slack", "sns".
  virtual std::string_view name() const = 0;

  // Sends one audit event (the object record.h describes: event_id, type, severity, at, run_id,
  // profile, data). Sends the event id along so the receiver can drop a repeat. Never throws.
  // Errors: Unavailable (network, 5xx, 429: try again later), Rejected (the receiver refused it:
  // wrong secret, unknown webhook; kept and retried too, since the fix is in the config),
  // Ambiguous (the answer was lost: it may have arrived). The error message never holds a
  // secret (webhook URL tokens, shared secrets).
  virtual DeliveryResult deliver(const nlohmann::json& event) = 0;
};

}  // namespace stratus
