// The items of the DynamoDB ledger table and their encoding (the key design is documented in
// dynamo_ledger.h). Money is stored as whole 1/10,000-dollar units (N), dates and times as text.
// Empty strings are left out rather than stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/dynamodb/attribute_value.h"
#include "domain/caps.h"
#include "ports/ledger.h"

namespace stratus::dynamodb {

inline constexpr std::string_view kPartitionKey = "PK";
inline constexpr std::string_view kSymbolMonthIndex = "GSI1";  // Orders of a symbol in a month.
inline constexpr std::string_view kAllOrdersIndex = "GSI2";    // Every order, by session.
inline constexpr std::string_view kAllOrdersPartition = "ORDERS";

std::string order_pk(std::string_view client_order_id);  // "ORDER#<id>"
std::string cap_pk(std::string_view month);              // "CAP#<YYYY-MM>"
std::string symbol_month_pk(std::string_view symbol, std::string_view month);
std::string session_sort_key(const OrderRecord& order);  // "<YYYY-MM-DD>#<id>"
Item key_of(std::string pk);                             // {"PK": {"S": pk}}

// One entry of an order's history, as stored in the order item's `events` list.
AttributeValue event_value(std::optional<OrderState> from, OrderState to, Timestamp at,
                           const nlohmann::json& details);

// The order item: `order` at version `version` with history `events` (a typed L value).
Item order_item(const OrderRecord& order, std::int64_t version, const AttributeValue& events);

// An order item read back. Internal when the item does not hold a valid order.
struct StoredOrder {
  OrderRecord order;
  std::int64_t version = 0;
};
Result<StoredOrder> read_order_item(const Item& item);

// The reservation entry of an order in its month's cap item (the value at res.<id>): what the
// order counts (shares, dollars) at order version `version`, plus what is needed to rebuild the
// reserved order item if a crash came between the two writes of a reservation.
AttributeValue reservation_entry(const OrderRecord& order, std::int64_t version);

struct StoredEntry {
  std::string symbol;
  Date session;
  Quantity shares;  // Counted against the month.
  Money dollars;    // Counted against the month.
  std::int64_t version = 0;
  OrderRecord reserved;  // The order as it was reserved (state reserved, no fills).
};
// `entry` is the M value of res.<client_order_id> in the cap item of `month`.
Result<StoredEntry> read_reservation_entry(std::string_view client_order_id, std::string_view month,
                                           const Item& entry);

// The reservations map (res) of a cap item; an empty object for an absent item.
Result<Item> reservations_of(const std::optional<Item>& cap_item, std::string_view month);

// The usage of `symbol` (and all symbols) in the cap item's reservations.
Result<CapUsage> usage_of(const Item& reservations, std::string_view symbol,
                          std::string_view month);

}  // namespace stratus::dynamodb
