#include "functions/audit_events.h"

#include <algorithm>
#include <charconv>
#include <string>
#include <utility>

#include "domain/audit_event.h"
#include "functions/order_outcome.h"
#include "functions/run_alert.h"
#include "functions/run_document.h"

namespace stratus {
namespace {

// The data of an event whose data is not handed out (AuditEventData::kTypesOnly, kTypeRuns).
const Json& no_data() {
  static const Json kNull;
  return kNull;
}

const Json& list_of(const Json& doc, const char* section) {
  static const Json kEmpty = Json::array();
  return doc.contains(section) && doc[section].is_array() ? doc[section] : kEmpty;
}

// Hands a run's events to a visitor one by one, each with its envelope: "<run id>#<position>",
// the run section (id, profile, time) and the time it is recorded at.
class EventEmitter {
 public:
  EventEmitter(const Json& run, std::string_view recorded_at, const AuditEventVisitor& visit)
      : run_(run),
        recorded_at_(recorded_at),
        visit_(visit),
        id_(run.at("id").get<std::string>() + "#"),
        prefix_size_(id_.size()) {}

  Status emit(std::string_view type, Severity severity, const Json& data) {
    return hand_over(type, severity, data, 1);
  }

  // `count` consecutive events of `type` with null data, as one view (AuditEventData::kTypeRuns).
  Status emit_run(std::string_view type, Severity severity, std::size_t count) {
    return count == 0 ? Status() : hand_over(type, severity, no_data(), count);
  }

  Status emit_orders(const Json& orders, std::string_view type) {
    for (const Json& order : orders) {
      STRATUS_RETURN_IF_ERROR(
          emit(type, order_went_wrong(order) ? Severity::kWarning : Severity::kInfo, order));
    }
    return {};
  }

  std::size_t count() const { return count_; }

 private:
  // Visits the view of the next `repeat` events, with the first one's id.
  Status hand_over(std::string_view type, Severity severity, const Json& data, std::size_t repeat) {
    char position[24];
    const auto written = std::to_chars(position, position + sizeof position, count_ + 1);
    id_.resize(prefix_size_);
    id_.append(position, written.ptr);
    count_ += repeat;
    return visit_(AuditEventView{.event_id = id_,
                                 .type = type,
                                 .severity = severity_name(severity),
                                 .run = run_,
                                 .data = data,
                                 .recorded_at = recorded_at_,
                                 .repeat = repeat});
  }

  const Json& run_;
  const std::string_view recorded_at_;
  const AuditEventVisitor& visit_;
  std::string id_;  // The id prefix "<run id>#", then the current event's id.
  const std::size_t prefix_size_;
  std::size_t count_ = 0;
};

Severity alert_severity(const std::vector<std::string>& kinds) {
  Severity out = Severity::kInfo;
  for (const std::string& kind : kinds) {
    if (kind == "run_failed") out = std::max(out, Severity::kError);
    if (kind == "order_rejected") out = std::max(out, Severity::kWarning);
  }
  return out;
}

// run_summary(doc) for a document with `signals` signals and `declined` declined purchases.
Json summary_of(const Json& doc, std::size_t signals, std::size_t declined) {
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
  Json out = {{"outcome", outcome}, {"signals", signals},   {"orders", orders.size()},
              {"placed", placed},   {"rejected", rejected}, {"declined", declined},
              {"symbols", symbols}};
  if (doc.contains("skipped") && doc["skipped"].is_object() && doc["skipped"].contains("reason")) {
    out["skipped"] = doc["skipped"]["reason"];
  }
  if (doc.contains("failed")) out["failed"] = doc["failed"];
  return out;
}

// The events of `doc`, whose "signals" and "passed" are `verdicts` and whose "declined" is
// `declines` when they are not null.
Result<std::size_t> visit_events(const Json& doc, const std::vector<SymbolVerdict>* verdicts,
                                 const std::vector<DeclinedPurchase>* declines,
                                 const std::vector<std::string>& alert_on,
                                 std::string_view recorded_at, const AuditEventVisitor& visit,
                                 AuditEventData data) {
  const bool whole = data == AuditEventData::kWhole;
  const bool runs = data == AuditEventData::kTypeRuns;
  EventEmitter events(doc.at("run"), recorded_at, visit);
  STRATUS_RETURN_IF_ERROR(events.emit("run", Severity::kInfo, doc.at("run")));
  if (doc.contains("market")) {
    STRATUS_RETURN_IF_ERROR(events.emit("market_check", Severity::kInfo, doc["market"]));
  }
  std::size_t signals = 0;
  if (runs) {
    std::size_t passes = 0;
    if (verdicts != nullptr) {
      signals = count_signals(*verdicts);
      passes = verdicts->size() - signals;
    } else {
      signals = list_of(doc, "signals").size();
      passes = list_of(doc, "passed").size();
    }
    STRATUS_RETURN_IF_ERROR(events.emit_run("signal", Severity::kInfo, signals));
    STRATUS_RETURN_IF_ERROR(events.emit_run("no_signal", Severity::kDebug, passes));
  } else if (verdicts != nullptr) {
    // Signals first, then passes, as the JSON document lists them.
    for (const bool signal : {true, false}) {
      for (const SymbolVerdict& v : *verdicts) {
        if (v.is_signal() != signal) continue;
        signals += signal ? 1 : 0;
        const std::string_view type = signal ? "signal" : "no_signal";
        const Severity severity = signal ? Severity::kInfo : Severity::kDebug;
        STRATUS_RETURN_IF_ERROR(whole ? events.emit(type, severity, v.to_json())
                                      : events.emit(type, severity, no_data()));
      }
    }
  } else {
    for (const Json& s : list_of(doc, "signals")) {
      STRATUS_RETURN_IF_ERROR(events.emit("signal", Severity::kInfo, s));
    }
    signals = list_of(doc, "signals").size();
    for (const Json& p : list_of(doc, "passed")) {
      STRATUS_RETURN_IF_ERROR(events.emit("no_signal", Severity::kDebug, p));
    }
  }
  std::size_t declined = 0;
  if (runs) {
    declined = declines != nullptr ? declines->size() : list_of(doc, "declined").size();
    STRATUS_RETURN_IF_ERROR(events.emit_run("cap_declined", Severity::kWarning, declined));
  } else if (declines != nullptr) {
    for (const DeclinedPurchase& d : *declines) {
      STRATUS_RETURN_IF_ERROR(whole ? events.emit("cap_declined", Severity::kWarning, d.to_json())
                                    : events.emit("cap_declined", Severity::kWarning, no_data()));
    }
    declined = declines->size();
  } else {
    for (const Json& d : list_of(doc, "declined")) {
      STRATUS_RETURN_IF_ERROR(events.emit("cap_declined", Severity::kWarning, d));
    }
    declined = list_of(doc, "declined").size();
  }
  STRATUS_RETURN_IF_ERROR(events.emit_orders(list_of(doc, "orders"), "order"));
  STRATUS_RETURN_IF_ERROR(events.emit_orders(list_of(doc, "reconciled"), "order_update"));
  if (doc.contains("skipped")) {
    STRATUS_RETURN_IF_ERROR(events.emit("skipped", Severity::kInfo, doc["skipped"]));
  }
  const bool failed = doc.contains("failed");
  if (failed) STRATUS_RETURN_IF_ERROR(events.emit("run_failed", Severity::kError, doc["failed"]));
  const Severity summary_severity = failed ? Severity::kError : Severity::kInfo;
  STRATUS_RETURN_IF_ERROR(events.emit("run_summary", summary_severity,
                                      whole ? summary_of(doc, signals, declined) : no_data()));
  if (!whole) {
    const std::vector<std::string> kinds = run_alert_kinds(doc, alert_on);
    if (!kinds.empty())
      STRATUS_RETURN_IF_ERROR(events.emit("alert", alert_severity(kinds), no_data()));
  } else if (auto alert = run_alert(doc, alert_on)) {
    const Severity severity = alert_severity(alert->kinds);
    const Json alert_data = {{"kinds", std::move(alert->kinds)},
                             {"subject", std::move(alert->alert.subject)},
                             {"message", std::move(alert->alert.message)}};
    STRATUS_RETURN_IF_ERROR(events.emit("alert", severity, alert_data));
  }
  return events.count();
}

}  // namespace

Json run_summary(const Json& doc) {
  return summary_of(doc, list_of(doc, "signals").size(), list_of(doc, "declined").size());
}

Result<std::size_t> visit_audit_events(const Json& doc, const std::vector<std::string>& alert_on,
                                       std::string_view recorded_at, const AuditEventVisitor& visit,
                                       AuditEventData data) {
  return visit_events(doc, nullptr, nullptr, alert_on, recorded_at, visit, data);
}

Result<std::size_t> visit_audit_events(const RunDocument& doc,
                                       const std::vector<std::string>& alert_on,
                                       std::string_view recorded_at, const AuditEventVisitor& visit,
                                       AuditEventData data) {
  return visit_events(doc.fields(), doc.verdicts(), doc.declines(), alert_on, recorded_at, visit,
                      data);
}

Json audit_events(const Json& doc, const std::vector<std::string>& alert_on) {
  Json events = Json::array();
  const auto visited =
      visit_audit_events(doc, alert_on, "", [&events](const AuditEventView& event) -> Status {
        events.push_back(event.to_json());
        return {};
      });
  (void)visited;  // The visitor never fails.
  return events;
}

}  // namespace stratus
