#include "functions/record.h"

#include "functions/document.h"
#include "functions/run_alert.h"

namespace stratus {
namespace {

void add_list(Json& events, const Json& doc, const char* section, const char* type) {
  if (!doc.contains(section) || !doc[section].is_array()) return;
  for (const Json& item : doc[section]) events.push_back({{"type", type}, {"data", item}});
}

}  // namespace

Json audit_events(const Json& doc) {
  Json events = Json::array();
  events.push_back({{"type", "run"}, {"data", doc.at("run")}});
  if (doc.contains("market")) events.push_back({{"type", "market_check"}, {"data", doc["market"]}});
  add_list(events, doc, "signals", "signal");
  add_list(events, doc, "passed", "no_signal");
  add_list(events, doc, "declined", "cap_declined");
  add_list(events, doc, "orders", "order");
  add_list(events, doc, "reconciled", "order_update");
  if (doc.contains("skipped")) events.push_back({{"type", "skipped"}, {"data", doc["skipped"]}});
  if (doc.contains("failed")) events.push_back({{"type", "run_failed"}, {"data", doc["failed"]}});

  const Json& run = doc.at("run");
  for (Json& event : events) {
    Json stamped = {{"type", event["type"]},
                    {"run_id", run.at("id")},
                    {"profile", run.at("profile")},
                    {"at", run.at("at")}};
    stamped["data"] = std::move(event["data"]);
    event = std::move(stamped);
  }
  return events;
}

Json Record::send_alert(const Json& doc) {
  if (alerts_ == nullptr) return nullptr;
  const auto alert = run_alert(doc, alert_on_);
  if (!alert) return nullptr;
  Json outcome = {{"kinds", alert->kinds}, {"subject", alert->alert.subject}};
  auto sent = alerts_->publish(alert->alert);
  outcome["sent"] = sent.ok();
  if (sent.ok()) {
    outcome["message_id"] = *sent;
  } else {
    outcome["error"] = {{"code", error_code_name(sent.error().code)},
                        {"message", sent.error().to_string()}};
  }
  return outcome;
}

Result<Json> Record::run(const Json& doc) {
  STRATUS_RETURN_IF_ERROR(check_envelope(doc));
  const std::string recorded_at = format_utc_timestamp(clock_.now());
  Json events = audit_events(doc);
  for (Json& event : events) {
    event["recorded_at"] = recorded_at;
    STRATUS_RETURN_IF_ERROR(sink_.append(event));
  }
  Json out = doc;
  out["recorded"] = {{"events", events.size()}};

  // Only once the decisions are on record: an alert must never announce an unrecorded run.
  Json alert = send_alert(doc);
  if (!alert.is_null()) {
    const Json& run = doc.at("run");
    Json event = {{"type", "alert"},
                  {"run_id", run.at("id")},
                  {"profile", run.at("profile")},
                  {"at", run.at("at")},
                  {"data", alert},
                  {"recorded_at", format_utc_timestamp(clock_.now())}};
    STRATUS_RETURN_IF_ERROR(sink_.append(event));
    out["recorded"]["events"] = events.size() + 1;
    out["recorded"]["alert"] = std::move(alert);
  }
  return out;
}

}  // namespace stratus
