// Outbox delivery: which audit events go to which remote sink (routes), and one delivery round
// over the outbox (ports/outbox.h) to the sinks (ports/remote_sink.h), with backoff per entry.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/audit_event.h"
#include "ports/clock.h"
#include "ports/outbox.h"
#include "ports/remote_sink.h"

namespace stratus {

// The events one sink takes: by type, at or above a severity.
struct SinkRoute {
  std::string sink;                 // RemoteSink::name().
  std::vector<std::string> events;  // Audit event types (kAuditEventTypes).
  Severity min_severity = Severity::kInfo;
};

// True when `event` (its "type" and "severity") is one `route` takes. "delivery" events never
// route anywhere.
bool routes_to(const SinkRoute& route, const nlohmann::json& event);

struct DeliveryPolicy {
  std::chrono::seconds retry_base{60};
  std::chrono::seconds retry_max{3600};
  std::size_t max_per_sink = 50;
  std::chrono::seconds lease{120};
};

// The wait after the `attempts`-th failed delivery of an entry (attempts >= 1; less counts as 1):
// delay = min(retry_max, retry_base * 2^(attempts - 1)), then "equal jitter": delay/2 plus
// `jitter` (in [0, 1); clamped into it) times delay/2, so waits never shrink below half and
// concurrent retries spread out. Rounded up to whole seconds; at least 1 s.
std::chrono::seconds retry_delay(const DeliveryPolicy& policy, int attempts, double jitter);

class OutboxDelivery {
 public:
  // REQUIRES: outbox, the sinks and clock outlive this object. `jitter` returns a value in
  // [0, 1) (tests fix it).
  OutboxDelivery(Outbox& outbox, std::vector<RemoteSink*> sinks, const Clock& clock,
                 DeliveryPolicy policy, std::function<double()> jitter);

  // One round. For each sink: its due entries oldest first, each claimed, delivered, then
  // marked delivered or failed (next attempt = now + max(Retry-After, backoff(attempts))).
  // A sink stops at its first failure in a round (a down receiver is not hammered); at most
  // max_per_sink deliveries per sink. Never fails: storage errors are reported in the result.
  // Returns {"<sink>": {"delivered": n, "failed": n, "pending": n[, "error": "..."]}, ...}:
  // per configured sink, entries delivered and attempts failed in this round, the sink's entries
  // still undelivered after it, and the last error met (a failed attempt, or the outbox's own).
  // An entry another run claimed first is left to that run. An entry whose payload is not JSON
  // is failed (no receiver could take it) without stopping its sink. Each claim leases the
  // entry for policy.lease from the moment it is claimed; mark_failed keeps the error (which
  // sinks keep free of secrets), cut to 1,000 bytes.
  nlohmann::json deliver_due();

 private:
  struct SinkRound;
  // Delivers `sink`'s due entries (as deliver_due says) and counts what happened.
  SinkRound deliver_to(RemoteSink& sink);

  Outbox& outbox_;
  std::vector<RemoteSink*> sinks_;
  const Clock& clock_;
  DeliveryPolicy policy_;
  std::function<double()> jitter_;
};

}  // namespace stratus
