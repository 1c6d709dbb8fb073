// Real audit events for the webhook tests: run documents shaped as the run-document contract
// says (docs/contracts/run-document.v1.schema.json) turned into events by the same
// audit_events() record uses. Test support only.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "functions/audit_events.h"

namespace stratus::webhook_test {

using Json = nlohmann::json;

inline const std::vector<std::string> kAllAlertKinds = {"order_placed", "order_rejected",
                                                        "run_failed"};

inline Json cap(int used_before, int used_after, int limit) {
  return {{"month", "2015-08"},
          {"limit", limit},
          {"used_before", used_before},
          {"used_after", used_after}};
}

inline Json envelope(const std::string& date, const std::string& profile = "dev") {
  const std::string at = date + "T19:45:00Z";
  return {{"version", 1}, {"run", {{"id", at + "/" + profile}, {"profile", profile}, {"at", at}}}};
}

inline Json market_open(const std::string& date) {
  return {{"calendar", "xnys"},
          {"holidays_checked", true},
          {"date", date},
          {"is_session", true},
          {"status", "open"},
          {"session", date},
          {"open", date + "T13:30:00Z"},
          {"close", date + "T20:00:00Z"},
          {"early_close", false},
          {"window_start", date + "T19:30:00Z"},
          {"in_window", true}};
}

inline Json signal(const std::string& symbol, const std::string& date, const std::string& price,
                   const std::string& high, const std::string& drop, int qty) {
  return {{"symbol", symbol},
          {"price", price},
          {"price_session", date},
          {"high_52w", high},
          {"high_session", "2015-05-22"},
          {"drop_pct", drop},
          {"sessions", 252},
          {"tier_drop_pct", "10"},
          {"qty", qty}};
}

// A day that bought AAPL (filled), was capped on MSFT, passed over XOM and saw an earlier KO
// order canceled: 10 events (run, market_check, 2 signals, no_signal, cap_declined, order,
// order_update, run_summary, alert).
inline Json trading_day(const std::string& date, const std::string& profile = "dev") {
  Json doc = envelope(date, profile);
  doc["market"] = market_open(date);
  doc["signals"] = Json::array({signal("AAPL", date, "105.76", "134.54", "21.39", 2),
                                signal("MSFT", date, "43.07", "50.045", "13.94", 1)});
  doc["passed"] = Json::array({{{"symbol", "XOM"},
                                {"code", "below_first_tier"},
                                {"reason", "drop 4.10% below first tier 10%"}}});
  doc["declined"] = Json::array({{{"symbol", "MSFT"},
                                  {"requested_qty", 1},
                                  {"reason", "monthly cap reached: 4 of 4 shares used"},
                                  {"cap", cap(4, 4, 4)}}});
  doc["orders"] =
      Json::array({{{"client_order_id", "dip-AAPL-" + date + "-1"},
                    {"symbol", "AAPL"},
                    {"qty", 2},
                    {"requested_qty", 2},
                    {"price", "105.76"},
                    {"state", "filled"},
                    {"cap", cap(2, 4, 4)},
                    {"broker_order_id", "b-1"},
                    {"fill", {{"qty", 2}, {"avg_price", "105.7612"}, {"commission", "0"}}}}});
  doc["reconciled"] = Json::array({{{"client_order_id", "dip-KO-2015-08-21-1"},
                                    {"symbol", "KO"},
                                    {"qty", 3},
                                    {"state", "canceled"},
                                    {"previous_state", "submitted"},
                                    {"session", "2015-08-21"},
                                    {"reason", "expired at the close"}}});
  return doc;
}

// A day whose AAPL order the broker rejected and whose MSFT order could not be sent, then the
// run failed at execute: run, market_check, 2 signals, 2 orders, run_failed, run_summary, alert.
inline Json failing_day(const std::string& date, const std::string& profile = "dev") {
  Json doc = envelope(date, profile);
  doc["market"] = market_open(date);
  doc["signals"] = Json::array({signal("AAPL", date, "105.76", "134.54", "21.39", 2),
                                signal("MSFT", date, "43.07", "50.045", "13.94", 1)});
  doc["orders"] = Json::array(
      {{{"client_order_id", "dip-AAPL-" + date + "-1"},
        {"symbol", "AAPL"},
        {"qty", 2},
        {"requested_qty", 2},
        {"price", "105.76"},
        {"state", "rejected"},
        {"cap", cap(0, 2, 4)},
        {"reason", "insufficient buying power"}},
       {{"client_order_id", "dip-MSFT-" + date + "-1"},
        {"symbol", "MSFT"},
        {"qty", 1},
        {"requested_qty", 1},
        {"price", "43.07"},
        {"state", "reserved"},
        {"cap", cap(2, 3, 4)},
        {"error", {{"code", "Unavailable"}, {"message", "broker unreachable: connect refused"}}}}});
  doc["failed"] = {{"step", "execute"},
                   {"code", "Unavailable"},
                   {"message", "broker unreachable: connect refused"}};
  return doc;
}

// A weekend: run, market_check, skipped, run_summary.
inline Json closed_day(const std::string& date, const std::string& profile = "dev") {
  Json doc = envelope(date, profile);
  doc["market"] = {{"calendar", "xnys"},
                   {"holidays_checked", true},
                   {"date", date},
                   {"is_session", false},
                   {"status", "closed"}};
  doc["skipped"] = {{"step", "market-check"}, {"reason", "market closed: weekend"}};
  return doc;
}

inline Json events_of(const Json& doc) { return audit_events(doc, kAllAlertKinds); }

// The first event of `type` in `events` (a null JSON when there is none).
inline Json first_of(const Json& events, const std::string& type) {
  for (const Json& e : events) {
    if (e["type"] == type) return e;
  }
  return Json();
}

}  // namespace stratus::webhook_test
