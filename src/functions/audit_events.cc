#include "functions/audit_events.h"

#include <algorithm>

#include "domain/audit_event.h"
#include "functions/order_outcome.h"
#include "functions/run_alert.h"

namespace stratus {
namespace {

const Json& list_of(const Json& doc, const char* section) {
  static const Json kEmpty = Json::array();
  return doc.contains(section) && doc[section].is_array() ? doc[section] : kEmpty;
}

void add(Json& events, std::string_view type, Severity severity, const Json& data) {
  events.push_back({{"type", type}, {"severity", severity_name(severity)}, {"data", data}});
}

void add_orders(Json& events, const Json& doc, const char* section, std::string_view type) {
  for (const Json& order : list_of(doc, section)) {
    add(events, type, order_went_wrong(order) ? Severity::kWarning : Severity::kInfo, order);
  }
}

Severity alert_severity(const std::vector<std::string>& kinds) {
  Severity out = Severity::kInfo;
  for (const std::string& kind : kinds) {
    if (kind == "run_failed") out = std::max(out, Severity::kError);
    if (kind == "order_rejected") out = std::max(out, Severity::kWarning);
  }
  return out;
}

}  // namespace

Json run_summary(const Json& doc) {
  const Json& orders = list_of(doc, "orders");
  Json symbols = Json::array();
  int placed = 0;
  int rejected = 0;
  for (const Json& order : orders) {
    if (order_placed(order)) {
      ++placed;
      if (order.contains("symbol")) symbols.push_back(order["symbol"]);
    }
    if (order_refused(order)) ++rejected;
  }
  const auto signals = list_of(doc, "signals").size();
  std::string outcome = "no_signal";
  if (doc.contains("failed")) {
    outcome = "failed";
  } else if (doc.contains("skipped")) {
    outcome = "skipped";
  } else if (placed > 0) {
    outcome = "traded";
  } else if (signals > 0) {
    outcome = "not_traded";
  }
  Json out = {{"outcome", outcome},      {"signals", signals},
              {"orders", orders.size()}, {"placed", placed},
              {"rejected", rejected},    {"declined", list_of(doc, "declined").size()},
              {"symbols", symbols}};
  if (doc.contains("skipped") && doc["skipped"].is_object() && doc["skipped"].contains("reason")) {
    out["skipped"] = doc["skipped"]["reason"];
  }
  if (doc.contains("failed")) out["failed"] = doc["failed"];
  return out;
}

Json audit_events(const Json& doc, const std::vector<std::string>& alert_on) {
  Json events = Json::array();
  add(events, "run", Severity::kInfo, doc.at("run"));
  if (doc.contains("market")) add(events, "market_check", Severity::kInfo, doc["market"]);
  for (const Json& s : list_of(doc, "signals")) add(events, "signal", Severity::kInfo, s);
  for (const Json& p : list_of(doc, "passed")) add(events, "no_signal", Severity::kDebug, p);
  for (const Json& d : list_of(doc, "declined")) {
    add(events, "cap_declined", Severity::kWarning, d);
  }
  add_orders(events, doc, "orders", "order");
  add_orders(events, doc, "reconciled", "order_update");
  if (doc.contains("skipped")) add(events, "skipped", Severity::kInfo, doc["skipped"]);
  if (doc.contains("failed")) add(events, "run_failed", Severity::kError, doc["failed"]);
  const bool failed = doc.contains("failed");
  add(events, "run_summary", failed ? Severity::kError : Severity::kInfo, run_summary(doc));
  if (const auto alert = run_alert(doc, alert_on)) {
    add(events, "alert", alert_severity(alert->kinds),
        {{"kinds", alert->kinds},
         {"subject", alert->alert.subject},
         {"message", alert->alert.message}});
  }

  const Json& run = doc.at("run");
  const std::string run_id = run.at("id").get<std::string>();
  std::size_t position = 0;
  for (Json& event : events) {
    Json stamped = {{"event_id", run_id + "#" + std::to_string(++position)},
                    {"type", std::move(event["type"])},
                    {"severity", std::move(event["severity"])},
                    {"run_id", run.at("id")},
                    {"profile", run.at("profile")},
                    {"at", run.at("at")}};
    stamped["data"] = std::move(event["data"]);
    event = std::move(stamped);
  }
  return events;
}

}  // namespace stratus
