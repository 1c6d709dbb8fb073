// Outbox port: events bound for remote receivers (Google Sheets, Slack, SNS), kept in the ledger
// before anything is sent, so a receiver that is down for a day loses nothing. Each entry is
// one (sink, event_id) pair; delivery is at least once, and receivers drop repeats by event id.
// Implementations: SQLite (the ledger file) and DynamoDB (the ledger table). Both must pass
// tests/ledger/outbox_contract_test.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

struct OutboxEntry {
  std::string sink;      // "sheets", "slack", "sns".
  std::string event_id;  // The audit event's id (record.h); unique per sink.
  std::string payload;   // The audit event as compact JSON text, exactly as enqueued.
  Timestamp created_at;
  int attempts = 0;                       // Deliveries tried so far.
  Timestamp next_attempt_at;              // Not tried again before this instant.
  std::optional<Timestamp> delivered_at;  // Set once the receiver accepted it.
  std::string last_error;                 // Why the last attempt failed; "" if none failed.
};

class Outbox {
 public:
  virtual ~Outbox() = default;

  // Adds (sink, event_id) with next_attempt_at = at, unless that pair exists (then nothing
  // changes, whatever the payload). Returns true when it was added. Durable on return.
  virtual Result<bool> enqueue(std::string_view sink, std::string_view event_id,
                               std::string_view payload, Timestamp at) = 0;

  // Undelivered entries of `sink` with next_attempt_at <= now, oldest first (created_at, then
  // event_id with the numbers in it compared by value, ports/outbox_order.h), at most `limit`.
  virtual Result<std::vector<OutboxEntry>> due(std::string_view sink, Timestamp now,
                                               std::size_t limit) = 0;

  // Atomically takes an entry for one delivery attempt: succeeds (true) only if it is still
  // undelivered and next_attempt_at <= now, and then sets next_attempt_at = lease_until and
  // counts the attempt, so a concurrent run cannot deliver it at the same time. false when
  // another run took it first or it was delivered meanwhile; NotFound for an unknown pair.
  virtual Result<bool> claim(std::string_view sink, std::string_view event_id, Timestamp now,
                             Timestamp lease_until) = 0;

  // The receiver accepted the entry: it is never offered again. Idempotent.
  virtual Status mark_delivered(std::string_view sink, std::string_view event_id, Timestamp at) = 0;

  // The attempt failed: keeps `error` (already free of secrets) and sets next_attempt_at.
  // No effect on a delivered entry.
  virtual Status mark_failed(std::string_view sink, std::string_view event_id,
                             std::string_view error, Timestamp next_attempt_at) = 0;

  // Every undelivered entry, of every sink, oldest first: what `stratus outbox status` shows.
  virtual Result<std::vector<OutboxEntry>> pending() = 0;

  // The entry (delivered or not), or nullopt.
  virtual Result<std::optional<OutboxEntry>> find(std::string_view sink,
                                                  std::string_view event_id) = 0;
};

}  // namespace stratus
