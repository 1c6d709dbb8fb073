#include "functions/audit_events.h"

#include <algorithm>
#include <string>
#include <utility>

#include "domain/audit_event.h"
#include "functions/order_outcome.h"
#include "functions/run_alert.h"

namespace stratus {
namespace {

const Json& list_of(const Json& doc, const char* section) {
  static const Json kEmpty = Json::array();
  return doc.contains(section) && doc[section].is_array() ? doc[section] : kEmpty;
}

// Appends events to a run's list, each complete with its envelope: "<run id>#<position>", the
// run's id, profile and time.
class EventList {
 public:
  explicit EventList(const Json& run)
      : run_(run), id_prefix_(run.at("id").get<std::string>() + "#") {}

  void add(std::string_view type, Severity severity, Json data) {
    Json event = {{"event_id", id_prefix_ + std::to_string(events_.size() + 1)},
                  {"type", type},
                  {"severity", severity_name(severity)},
                  {"run_id", run_.at("id")},
                  {"profile", run_.at("profile")},
                  {"at", run_.at("at")}};
    event["data"] = std::move(data);
    events_.push_back(std::move(event));
  }

  void add_orders(const Json& orders, std::string_view type) {
    for (const Json& order : orders) {
      add(type, order_went_wrong(order) ? Severity::kWarning : Severity::kInfo, order);
    }
  }

  void reserve(std::size_t n) { events_.get_ref<Json::array_t&>().reserve(n); }
  Json take() { return std::move(events_); }

 private:
  const Json& run_;
  const std::string id_prefix_;
  Json events_ = Json::array();
};

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
  const Json& signals = list_of(doc, "signals");
  const Json& passed = list_of(doc, "passed");
  const Json& declined = list_of(doc, "declined");
  const Json& orders = list_of(doc, "orders");
  const Json& reconciled = list_of(doc, "reconciled");
  EventList events(doc.at("run"));
  events.reserve(signals.size() + passed.size() + declined.size() + orders.size() +
                 reconciled.size() + 6);
  events.add("run", Severity::kInfo, doc.at("run"));
  if (doc.contains("market")) events.add("market_check", Severity::kInfo, doc["market"]);
  for (const Json& s : signals) events.add("signal", Severity::kInfo, s);
  for (const Json& p : passed) events.add("no_signal", Severity::kDebug, p);
  for (const Json& d : declined) events.add("cap_declined", Severity::kWarning, d);
  events.add_orders(orders, "order");
  events.add_orders(reconciled, "order_update");
  if (doc.contains("skipped")) events.add("skipped", Severity::kInfo, doc["skipped"]);
  if (doc.contains("failed")) events.add("run_failed", Severity::kError, doc["failed"]);
  const bool failed = doc.contains("failed");
  events.add("run_summary", failed ? Severity::kError : Severity::kInfo, run_summary(doc));
  if (const auto alert = run_alert(doc, alert_on)) {
    events.add("alert", alert_severity(alert->kinds),
               {{"kinds", alert->kinds},
                {"subject", alert->alert.subject},
                {"message", alert->alert.message}});
  }
  return events.take();
}

}  // namespace stratus
