// DynamoOutbox: the Outbox port (ports/outbox.h) in the DynamoDB ledger table (no table or index
// of its own; the ledger's key design is in dynamo_ledger.h). Every change is one conditional
// write of one item.
//
// Entry item  PK = "OUTBOX#<sink>#<event_id>"  (sink names hold no "#")
//   type "outbox", sink, eid, payload (the event's JSON text), created, attempts (N), next (the
//   next attempt, or the end of a claim's lease), delivered (once delivered), error (the last
//   error, absent when none).
//   While undelivered it also carries the sparse index keys
//     GSI1PK = "OUTBOX#<sink>", GSI1SK = "<created>#<outbox_order_key(event_id)>":
//       index GSI1, one sink's pending entries oldest first (due());
//     GSI2PK = "OUTBOX", GSI2SK = the same sort key:
//       index GSI2, every sink's pending entries oldest first (pending()).
//   Delivering removes the four, so delivered entries leave both indexes and no query reads
//   them again. The prefixes keep them apart from the ledger's keys ("SYMBOL#...", "ORDERS").
//
// enqueue():        PutItem IF attribute_not_exists(PK) (a failed condition: false).
// claim():          UpdateItem SET next = :lease, attempts = attempts + 1
//                   IF attribute_exists(PK) AND attribute_not_exists(delivered) AND next <= :now.
// mark_delivered(): UpdateItem SET delivered REMOVE the index keys IF not delivered yet.
// mark_failed():    UpdateItem SET error, next IF not delivered.
// A failed condition is told apart from an unknown pair by a strongly consistent GetItem.
// due() and pending() query the indexes, which AWS updates eventually (dynalite at once): an
// entry enqueued a moment ago may be missing for a short while, and one delivered a moment ago
// may still be listed (claim() then answers false). find() is strongly consistent.
// DynamoDB actions used: PutItem, UpdateItem, GetItem, Query (GSI1, GSI2) — as the ledger.
#pragma once

#include <string>

#include "adapters/dynamodb/dynamo_client.h"
#include "ports/outbox.h"

namespace stratus::dynamodb {

struct DynamoOutboxOptions {
  std::string table = "stratus-ledger";
  // Items per Query page (0: DynamoDB's default of 1 MB pages).
  int page_size = 0;
};

class DynamoOutbox : public Outbox {
 public:
  // `client` must outlive the outbox. The ledger table must exist (DynamoLedger::create_table).
  DynamoOutbox(DynamoClient& client, DynamoOutboxOptions options = {});

  // Outbox. Beyond the port's contract: enqueue() answers InvalidInput (nothing sent) for an
  // empty sink, event id or payload, or a sink name holding "#"; claim(), mark_delivered() and
  // mark_failed() answer NotFound for an unknown pair; Ambiguous (from the HttpClient) when a write
  // may have been applied: enqueue(), mark_delivered() and mark_failed() may simply be repeated; a
  // claim whose answer was lost leaves the entry leased until its lease ends.
  Result<bool> enqueue(std::string_view sink, std::string_view event_id, std::string_view payload,
                       Timestamp at) override;
  Result<std::vector<OutboxEntry>> due(std::string_view sink, Timestamp now,
                                       std::size_t limit) override;
  Result<bool> claim(std::string_view sink, std::string_view event_id, Timestamp now,
                     Timestamp lease_until) override;
  Status mark_delivered(std::string_view sink, std::string_view event_id, Timestamp at) override;
  Status mark_failed(std::string_view sink, std::string_view event_id, std::string_view error,
                     Timestamp next_attempt_at) override;
  Result<std::vector<OutboxEntry>> pending() override;
  Result<std::optional<OutboxEntry>> find(std::string_view sink,
                                          std::string_view event_id) override;

 private:
  // A conditional update of the entry (sink, event_id). Returns true when written, false when
  // its condition failed on an existing entry; NotFound for an unknown pair.
  Result<bool> update_entry(std::string_view sink, std::string_view event_id,
                            UpdateItemRequest request);

  DynamoClient* client_;
  DynamoOutboxOptions options_;
};

}  // namespace stratus::dynamodb
