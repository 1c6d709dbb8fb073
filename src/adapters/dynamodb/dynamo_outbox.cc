// DynamoOutbox: the Outbox port in the DynamoDB ledger table (the item design and the writes are
// in dynamo_outbox.h).
#include "adapters/dynamodb/dynamo_outbox.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "adapters/dynamodb/ledger_items.h"
#include "adapters/dynamodb/outbox_items.h"
#include "ports/outbox_order.h"

namespace stratus::dynamodb {
namespace {

Status validate_pair(std::string_view sink, std::string_view event_id) {
  if (sink.empty()) return Error::invalid_input("outbox: expected a sink name, got \"\"");
  if (sink.find('#') != std::string_view::npos) {
    return Error::invalid_input("outbox: sink name \"" + std::string(sink) +
                                "\" holds \"#\"; expected a plain name such as \"slack\"");
  }
  if (event_id.empty()) {
    return Error::invalid_input("outbox: expected an event id for sink \"" + std::string(sink) +
                                "\", got \"\"");
  }
  return {};
}

// Whether (sink, event_id) can name an entry: both non-empty, and no "#" in the sink (so that
// outbox_pk() names one pair only).
bool is_entry_name(std::string_view sink, std::string_view event_id) {
  return !sink.empty() && !event_id.empty() && sink.find('#') == std::string_view::npos;
}

Error no_entry(std::string_view sink, std::string_view event_id) {
  return Error::not_found("no outbox entry (" + std::string(sink) + ", " + std::string(event_id) +
                          ")");
}

// The order of ports/outbox.h: created_at, then event id (natural order), then sink.
void sort_oldest_first(std::vector<OutboxEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const OutboxEntry& a, const OutboxEntry& b) {
    return std::make_tuple(a.created_at, outbox_order_key(a.event_id), std::cref(a.event_id),
                           std::cref(a.sink)) <
           std::make_tuple(b.created_at, outbox_order_key(b.event_id), std::cref(b.event_id),
                           std::cref(b.sink));
  });
}

Result<std::vector<OutboxEntry>> read_items(const std::vector<Item>& items) {
  std::vector<OutboxEntry> out;
  out.reserve(items.size());
  for (const Item& item : items) {
    STRATUS_ASSIGN_OR_RETURN(auto entry, read_outbox_item(item));
    out.push_back(std::move(entry));
  }
  return out;
}

// The condition every change of an entry shares: it exists and is not delivered.
constexpr const char* kUndelivered = "attribute_exists(#pk) AND attribute_not_exists(#dlv)";

}  // namespace

DynamoOutbox::DynamoOutbox(DynamoClient& client, DynamoOutboxOptions options)
    : client_(&client), options_(std::move(options)) {}

Result<bool> DynamoOutbox::enqueue(std::string_view sink, std::string_view event_id,
                                   std::string_view payload, Timestamp at) {
  STRATUS_RETURN_IF_ERROR(validate_pair(sink, event_id));
  if (payload.empty()) {
    return Error::invalid_input("outbox: expected a payload for (" + std::string(sink) + ", " +
                                std::string(event_id) + "), got \"\"");
  }
  PutItemRequest put{
      options_.table, outbox_item(sink, event_id, payload, at), "attribute_not_exists(#pk)", {}};
  put.placeholders.names = {{"#pk", kPartitionKey}};
  Status written = client_->put_item(put);
  if (written.ok()) return true;
  if (written.error().code == ErrorCode::kConflict) return false;  // The pair exists.
  return written.error();
}

Result<std::vector<OutboxEntry>> DynamoOutbox::due(std::string_view sink, Timestamp now,
                                                   std::size_t limit) {
  std::vector<OutboxEntry> out;
  if (limit == 0) return out;
  QueryRequest query;
  query.table = options_.table;
  query.index = std::string(kSymbolMonthIndex);
  query.limit = options_.page_size;
  query.key_condition = "#pk = :pk";
  query.filter = "#next <= :now";
  query.placeholders.names = {{"#pk", "GSI1PK"}, {"#next", "next"}};
  query.placeholders.values = {{":pk", s(outbox_sink_pk(sink))},
                               {":now", s(format_utc_timestamp(now))}};
  // Pages come oldest first; stop as soon as `limit` due entries are in hand.
  while (out.size() < limit) {
    STRATUS_ASSIGN_OR_RETURN(QueryPage page, client_->query(query));
    STRATUS_ASSIGN_OR_RETURN(auto entries, read_items(page.items));
    for (auto& entry : entries) out.push_back(std::move(entry));
    if (page.last_evaluated_key.is_null() || page.last_evaluated_key.empty()) break;
    query.exclusive_start_key = std::move(page.last_evaluated_key);
  }
  sort_oldest_first(out);  // Ties of the index's sort key (ids differing in leading zeros).
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<bool> DynamoOutbox::update_entry(std::string_view sink, std::string_view event_id,
                                        UpdateItemRequest request) {
  if (!is_entry_name(sink, event_id)) return no_entry(sink, event_id);
  request.table = options_.table;
  request.key = key_of(outbox_pk(sink, event_id));
  request.placeholders.names["#pk"] = kPartitionKey;
  request.placeholders.names["#dlv"] = "delivered";
  auto written = client_->update_item(request);
  if (written.ok()) return true;
  if (written.error().code != ErrorCode::kConflict) return written.error();
  STRATUS_ASSIGN_OR_RETURN(auto item, client_->get_item(options_.table, request.key));
  if (!item) return no_entry(sink, event_id);
  return false;
}

Result<bool> DynamoOutbox::claim(std::string_view sink, std::string_view event_id, Timestamp now,
                                 Timestamp lease_until) {
  UpdateItemRequest update;
  update.update = "SET #next = :lease, #att = #att + :one";
  update.condition = std::string(kUndelivered) + " AND #next <= :now";
  update.placeholders.names = {{"#next", "next"}, {"#att", "attempts"}};
  update.placeholders.values = {{":lease", s(format_utc_timestamp(lease_until))},
                                {":now", s(format_utc_timestamp(now))},
                                {":one", n(1)}};
  return update_entry(sink, event_id, std::move(update));
}

Status DynamoOutbox::mark_delivered(std::string_view sink, std::string_view event_id,
                                    Timestamp at) {
  UpdateItemRequest update;
  update.update = "SET #dlv = :at REMOVE GSI1PK, GSI1SK, GSI2PK, GSI2SK";
  update.condition = kUndelivered;
  update.placeholders.values = {{":at", s(format_utc_timestamp(at))}};
  // A failed condition on an existing entry: delivered before, nothing to do.
  STRATUS_RETURN_IF_ERROR(update_entry(sink, event_id, std::move(update)));
  return {};
}

Status DynamoOutbox::mark_failed(std::string_view sink, std::string_view event_id,
                                 std::string_view error, Timestamp next_attempt_at) {
  UpdateItemRequest update;
  update.update =
      error.empty() ? "SET #next = :next REMOVE #err" : "SET #next = :next, #err = :err";
  update.condition = kUndelivered;
  update.placeholders.names = {{"#next", "next"}, {"#err", "error"}};
  update.placeholders.values = {{":next", s(format_utc_timestamp(next_attempt_at))}};
  if (!error.empty()) update.placeholders.values[":err"] = s(error);
  // A failed condition on an existing entry: it was delivered, which a failure does not undo.
  STRATUS_RETURN_IF_ERROR(update_entry(sink, event_id, std::move(update)));
  return {};
}

Result<std::vector<OutboxEntry>> DynamoOutbox::pending() {
  QueryRequest query;
  query.table = options_.table;
  query.index = std::string(kAllOrdersIndex);
  query.limit = options_.page_size;
  query.key_condition = "#pk = :pk";
  query.placeholders.names = {{"#pk", "GSI2PK"}};
  query.placeholders.values = {{":pk", s(kOutboxPendingPartition)}};
  STRATUS_ASSIGN_OR_RETURN(auto items, client_->query_all(std::move(query)));
  STRATUS_ASSIGN_OR_RETURN(auto entries, read_items(items));
  sort_oldest_first(entries);
  return entries;
}

Result<std::optional<OutboxEntry>> DynamoOutbox::find(std::string_view sink,
                                                      std::string_view event_id) {
  if (!is_entry_name(sink, event_id)) return std::optional<OutboxEntry>();
  STRATUS_ASSIGN_OR_RETURN(auto item,
                           client_->get_item(options_.table, key_of(outbox_pk(sink, event_id))));
  if (!item) return std::optional<OutboxEntry>();
  STRATUS_ASSIGN_OR_RETURN(auto entry, read_outbox_item(*item));
  return std::optional<OutboxEntry>(std::move(entry));
}

}  // namespace stratus::dynamodb
