// The result's order entry, as a JSON object and as its compact text, keys in the same (sorted)
// order as nlohmann's std::map objects dump them.
#include "backtest/backtest_order_entry.h"

namespace stratus {

nlohmann::json order_entry_json(const OrderRecord& order) {
  using Json = nlohmann::json;
  return {
      {"client_order_id", order.client_order_id},
      {"symbol", order.symbol},
      {"session", format_date(order.session)},
      {"qty", order.qty.shares()},
      {"filled_qty", order.filled_qty.shares()},
      {"state", order_state_name(order.state)},
      {"reference_price", order.limit_price.to_string()},
      {"fill_price",
       order.filled_avg_price ? Json(order.filled_avg_price->to_string()) : Json(nullptr)},
      {"filled_at", order.filled_at ? Json(format_utc_timestamp(*order.filled_at)) : Json(nullptr)},
      {"commission", order.commission.to_string()},
      {"reason", order.reason}};
}

void append_json_string(std::string& out, std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x80 || c == '"' || c == '\\') {
      out += nlohmann::json(std::string(text)).dump();
      return;
    }
  }
  out += '"';
  out += text;
  out += '"';
}

void append_order_entry_text(std::string& out, const OrderRecord& order) {
  out += "{\"client_order_id\":";
  append_json_string(out, order.client_order_id);
  out += ",\"commission\":\"";
  out += order.commission.to_string();
  out += "\",\"fill_price\":";
  if (order.filled_avg_price) {
    out += '"';
    out += order.filled_avg_price->to_string();
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"filled_at\":";
  if (order.filled_at) {
    out += '"';
    out += format_utc_timestamp(*order.filled_at);
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"filled_qty\":";
  out += std::to_string(order.filled_qty.shares());
  out += ",\"qty\":";
  out += std::to_string(order.qty.shares());
  out += ",\"reason\":";
  append_json_string(out, order.reason);
  out += ",\"reference_price\":\"";
  out += order.limit_price.to_string();
  out += "\",\"session\":\"";
  out += format_date(order.session);
  out += "\",\"state\":";
  append_json_string(out, order_state_name(order.state));
  out += ",\"symbol\":";
  append_json_string(out, order.symbol);
  out += '}';
}

}  // namespace stratus
