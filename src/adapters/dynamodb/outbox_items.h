// The outbox's items in the DynamoDB ledger table and their encoding (the key design is in
// dynamo_outbox.h). Times are text ("2015-08-24T19:45:00Z", fixed width, so they sort as
// instants); an empty last error is left out rather than stored.
#pragma once

#include <string>
#include <string_view>

#include "adapters/dynamodb/attribute_value.h"
#include "ports/outbox.h"

namespace stratus::dynamodb {

inline constexpr std::string_view kOutboxPendingPartition = "OUTBOX";  // In GSI2: every sink.

std::string outbox_pk(std::string_view sink, std::string_view event_id);  // OUTBOX#<sink>#<id>
std::string outbox_sink_pk(std::string_view sink);                        // OUTBOX#<sink>
// "<created_at>#<outbox_order_key(event_id)>": the pending entries' sort key in both indexes.
std::string outbox_sort_key(Timestamp created_at, std::string_view event_id);

// The item of a new, undelivered entry: next attempt at `at`, no attempts, listed in GSI1 (its
// sink's pending entries) and GSI2 (all pending entries).
Item outbox_item(std::string_view sink, std::string_view event_id, std::string_view payload,
                 Timestamp at);

// An entry item read back. Internal when the item does not hold a valid entry.
Result<OutboxEntry> read_outbox_item(const Item& item);

}  // namespace stratus::dynamodb
