// EventSink port: the local audit log every audit event is appended to first (the chained JSONL
// file, adapters/file). Remote receivers are RemoteSinks (ports/remote_sink.h) behind the outbox.
#pragma once

#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus {

// One audit event as record hands it over: its envelope, and its data and run section by
// reference (into the run document, or a value record keeps alive for the call), so that a sink
// needing only part of an event does not pay for a copy of the rest. Valid only during the call
// it is passed to.
struct AuditEventView {
  std::string_view event_id;     // "<run id>#<position>"
  std::string_view type;         // One of kAuditEventTypes (domain/audit_event.h).
  std::string_view severity;     // severity_name() of the event's severity.
  const nlohmann::json& run;     // The run section: {"id", "profile", "at", ...}.
  const nlohmann::json& data;    // The event's data.
  std::string_view recorded_at;  // Empty: not recorded yet (the field is left out).
  // How many consecutive events of this type, severity and (null) data the view stands for, the
  // first with event_id and the others with the positions after it. More than 1 only for a sink
  // that counts types only (EventSink::counts_types_only()).
  std::size_t repeat = 1;

  // The complete event object:
  //   {"event_id", "type", "severity", "run_id", "profile", "at", "data"[, "recorded_at"]}
  nlohmann::json to_json() const;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Appends one event durably, whole or not at all.
  virtual Status append(const nlohmann::json& event) = 0;
  // Appends the event `view` describes, as append(view.to_json()) does; a sink that keeps less
  // than the whole event overrides it to skip building the object.
  virtual Status append_view(const AuditEventView& view) { return append(view.to_json()); }
  // Whether the sink reads the events' data. One that keeps only their types, ids or severities
  // answers false, and may then be handed views whose run_summary and alert data are null, and
  // so are the signal, no_signal and cap_declined data of sections held as values
  // (functions/audit_events.h: AuditEventData::kTypesOnly).
  virtual bool reads_event_data() const { return true; }
  // Whether the sink keeps nothing of an event but its type, counting them (the backtest's
  // counting sink). Such a sink reads no event data, and may be handed views that stand for
  // several events of one type (AuditEventView::repeat, AuditEventData::kTypeRuns).
  virtual bool counts_types_only() const { return false; }
};

}  // namespace stratus
