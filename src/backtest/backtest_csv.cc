#include "backtest/backtest_csv.h"

namespace stratus {
namespace {

using Json = nlohmann::json;

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string field(const Json& value) {
  if (value.is_null()) return "";
  const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string equity_csv(const Json& result) {
  const Json& e = result.at("equity");
  std::string out = "session,strategy,cash,flow,dca,buy_and_hold\n";
  const Json& sessions = e.at("sessions");
  for (std::size_t i = 0; i < sessions.size(); ++i) {
    out += field(sessions[i]);
    for (const char* column : {"strategy", "cash", "flow", "dca", "buy_and_hold"}) {
      out += ',' + field(e.at(column).at(i));
    }
    out += '\n';
  }
  return out;
}

std::string orders_csv(const Json& result) {
  static constexpr const char* kColumns[] = {
      "client_order_id", "symbol",     "session",   "qty",        "filled_qty", "state",
      "reference_price", "fill_price", "filled_at", "commission", "reason"};
  std::string out;
  for (const char* column : kColumns) out += std::string(out.empty() ? "" : ",") + column;
  out += '\n';
  for (const Json& order : result.at("orders")) {
    bool first = true;
    for (const char* column : kColumns) {
      if (!first) out += ',';
      first = false;
      out += field(order.at(column));
    }
    out += '\n';
  }
  return out;
}

}  // namespace stratus
