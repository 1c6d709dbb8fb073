// Encoding of the DynamoDB outbox's entry items (see outbox_items.h, dynamo_outbox.h).
#include "adapters/dynamodb/outbox_items.h"

#include "adapters/dynamodb/ledger_items.h"
#include "ports/outbox_order.h"

namespace stratus::dynamodb {
namespace {

Result<Timestamp> read_time(const Item& item, const char* name, const std::string& what) {
  STRATUS_ASSIGN_OR_RETURN(auto text, get_s(item, name, what));
  auto t = parse_utc_timestamp(text);
  if (!t.ok()) {
    return Error::internal(what + ": attribute \"" + name + "\": " + t.error().message);
  }
  return *t;
}

}  // namespace

std::string outbox_pk(std::string_view sink, std::string_view event_id) {
  return "OUTBOX#" + std::string(sink) + "#" + std::string(event_id);
}

std::string outbox_sink_pk(std::string_view sink) { return "OUTBOX#" + std::string(sink); }

std::string outbox_sort_key(Timestamp created_at, std::string_view event_id) {
  return format_utc_timestamp(created_at) + "#" + outbox_order_key(event_id);
}

Item outbox_item(std::string_view sink, std::string_view event_id, std::string_view payload,
                 Timestamp at) {
  Item item = key_of(outbox_pk(sink, event_id));
  item["type"] = s("outbox");
  item["sink"] = s(sink);
  item["eid"] = s(event_id);
  item["payload"] = s(payload);
  item["created"] = s(format_utc_timestamp(at));
  item["attempts"] = n(0);
  item["next"] = s(format_utc_timestamp(at));
  item["GSI1PK"] = s(outbox_sink_pk(sink));
  item["GSI1SK"] = s(outbox_sort_key(at, event_id));
  item["GSI2PK"] = s(kOutboxPendingPartition);
  item["GSI2SK"] = s(outbox_sort_key(at, event_id));
  return item;
}

Result<OutboxEntry> read_outbox_item(const Item& item) {
  OutboxEntry entry;
  STRATUS_ASSIGN_OR_RETURN(entry.sink, get_s(item, "sink", "outbox item"));
  STRATUS_ASSIGN_OR_RETURN(entry.event_id, get_s(item, "eid", "outbox item"));
  const std::string what = "outbox item " + outbox_pk(entry.sink, entry.event_id);
  STRATUS_ASSIGN_OR_RETURN(entry.payload, get_s(item, "payload", what));
  STRATUS_ASSIGN_OR_RETURN(entry.created_at, read_time(item, "created", what));
  STRATUS_ASSIGN_OR_RETURN(auto attempts, get_n(item, "attempts", what));
  entry.attempts = static_cast<int>(attempts);
  STRATUS_ASSIGN_OR_RETURN(entry.next_attempt_at, read_time(item, "next", what));
  if (item.contains("delivered")) {
    STRATUS_ASSIGN_OR_RETURN(Timestamp delivered, read_time(item, "delivered", what));
    entry.delivered_at = delivered;
  }
  STRATUS_ASSIGN_OR_RETURN(auto error, find_s(item, "error", what));
  entry.last_error = error.value_or("");
  return entry;
}

}  // namespace stratus::dynamodb
