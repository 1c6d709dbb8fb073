// One order in the backtest result ("orders" of docs/contracts/backtest-result.md), as a JSON
// object and as the compact text nlohmann::json::dump() gives for that object. The text form lets
// `stratus backtest --json` write hundreds of thousands of orders without building them as JSON
// values first; a test holds the two forms byte for byte equal.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "ports/ledger.h"

namespace stratus {

// {"client_order_id", "commission", "fill_price" (null until filled), "filled_at" (null until
// filled), "filled_qty", "qty", "reason", "reference_price", "session", "state", "symbol"}.
nlohmann::json order_entry_json(const OrderRecord& order);

// Appends order_entry_json(order).dump() to `out`. Throws as dump() does (a string that is not
// UTF-8).
void append_order_entry_text(std::string& out, const OrderRecord& order);

// Appends nlohmann::json(text).dump() to `out`: plain printable ASCII is copied between quotes,
// anything else is escaped by nlohmann.
void append_json_string(std::string& out, std::string_view text);

}  // namespace stratus
