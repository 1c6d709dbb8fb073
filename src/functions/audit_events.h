// The audit events a run document gives rise to: what record writes to the audit log and queues
// for remote sinks. Pure: the same document always gives the same events, ids included.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "functions/run_document.h"
#include "functions/step.h"
#include "ports/event_sink.h"

namespace stratus {

// The events of `doc` (any valid envelope, after any step), in the order of kAuditEventTypes
// (domain/audit_event.h): run, market_check, signal*, no_signal*, cap_declined*, order*,
// order_update*, skipped?, run_failed?, run_summary, and alert when run_alert(doc, alert_on)
// has one. Each is
//   {"event_id": "<run_id>#<n>", "type", "severity", "run_id", "profile", "at", "data"}
// with n the event's 1-based position, so recording the same document twice gives the same ids
// (receivers drop the repeats). Severities: no_signal debug; cap_declined warning; an order or
// order_update that was refused, not sent or canceled warning, else info; run_failed error;
// run_summary error when the run failed, else info; alert the highest of its kinds
// (order_placed info, order_rejected warning, run_failed error); everything else info.
// REQUIRES: check_envelope(doc) succeeded.
Json audit_events(const Json& doc, const std::vector<std::string>& alert_on);

// Receives one event; an error stops the visit.
using AuditEventVisitor = std::function<Status(const AuditEventView&)>;

// What data visit_audit_events hands out with each event.
enum class AuditEventData {
  kWhole,      // Every event's data, as audit_events() has it.
  kTypesOnly,  // The run_summary and alert events carry null data: theirs is the only data built
               // for the visit rather than read from the document. For a sink that reads no
               // event's data (EventSink::reads_event_data() is false).
  kTypeRuns    // As kTypesOnly, and the signal, no_signal and cap_declined events come as one
               // view per type whose `repeat` says how many there are (the first one's id). For a
               // sink that counts types only (EventSink::counts_types_only()).
};

// The same events as audit_events(doc, alert_on), in the same order, handed to `visit` one at a
// time as views into `doc` (and into values that live for the call), each with `recorded_at`
// (empty: none): no event object is built unless the visitor builds it. Types, ids and
// severities are the same whatever `data`. Returns how many events were visited, or the
// visitor's first error (the events after it are not visited).
// REQUIRES: check_envelope(doc) succeeded.
Result<std::size_t> visit_audit_events(const Json& doc, const std::vector<std::string>& alert_on,
                                       std::string_view recorded_at, const AuditEventVisitor& visit,
                                       AuditEventData data = AuditEventData::kWhole);
// The same for the document in process: the same events, ids and data as for doc.json(), without
// making the JSON of the sections held as values except for the events that carry it (kWhole:
// each signal, no_signal and cap_declined event's data is made for its visit; kTypesOnly: that
// data is null too).
Result<std::size_t> visit_audit_events(const RunDocument& doc,
                                       const std::vector<std::string>& alert_on,
                                       std::string_view recorded_at, const AuditEventVisitor& visit,
                                       AuditEventData data = AuditEventData::kWhole);

// The run's outcome in one object (the data of its run_summary event):
//   {"outcome": "failed" | "skipped" | "traded" | "not_traded" | "no_signal", "signals",
//    "orders", "placed", "rejected", "declined", "symbols": [bought], "skipped"?, "failed"?}
Json run_summary(const Json& doc);

}  // namespace stratus
