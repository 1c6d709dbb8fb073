#include "functions/record.h"

#include <utility>
#include <vector>

#include "functions/audit_events.h"
#include "functions/document.h"
#include "functions/run_document.h"

namespace stratus {
namespace {

// The "delivery" event closing a run's events: what the delivery round did, per sink.
Json delivery_event(const Json& doc, std::size_t position, const Json& report) {
  bool failed = false;
  for (const auto& [sink, outcome] : report.items()) {
    failed = failed || outcome.value("failed", 0) > 0 || outcome.contains("error");
  }
  const Json& run = doc.at("run");
  return {{"event_id", run.at("id").get<std::string>() + "#" + std::to_string(position)},
          {"type", "delivery"},
          {"severity", failed ? "warning" : "info"},
          {"run_id", run.at("id")},
          {"profile", run.at("profile")},
          {"at", run.at("at")},
          {"data", report}};
}

}  // namespace

Status Record::run_in_chain(RunDocument& in_process) {
  const Json& doc = in_process.fields();
  STRATUS_RETURN_IF_ERROR(check_envelope(doc));
  const Timestamp now = clock_.now();
  const std::string recorded_at = format_utc_timestamp(now);
  // Each event goes to the audit log as a view into `doc`; only events a route takes are built
  // as objects, kept to be queued once all are on record.
  const bool routed = !options_.routes.empty();
  std::vector<Json> to_queue;
  // A sink that reads no data, with no route to queue for, is spared the data built for it.
  AuditEventData data = AuditEventData::kWhole;
  if (!routed && !sink_.reads_event_data()) {
    data = sink_.counts_types_only() ? AuditEventData::kTypeRuns : AuditEventData::kTypesOnly;
  }
  auto appended = visit_audit_events(
      in_process, options_.alert_on, recorded_at,
      [&](const AuditEventView& event) -> Status {
        STRATUS_RETURN_IF_ERROR(sink_.append_view(event));
        if (routed) to_queue.push_back(event.to_json());
        return {};
      },
      data);
  if (!appended.ok()) return appended.error();
  const std::size_t event_count = *appended;
  Json recorded = {{"events", event_count}};

  // Queued only once the decisions are on record: nothing reaches a person that the audit log
  // does not hold. Queueing is idempotent per (sink, event_id).
  for (const Json& event : to_queue) {
    const std::string payload = event.dump();
    for (const SinkRoute& route : options_.routes) {
      if (!routes_to(route, event)) continue;
      auto queued =
          options_.outbox->enqueue(route.sink, event["event_id"].get<std::string>(), payload, now);
      if (!queued.ok()) return queued.error().within("outbox");
    }
  }
  if (options_.delivery != nullptr) {
    const Json report = options_.delivery->deliver_due();
    Json event = delivery_event(doc, event_count + 1, report);
    event["recorded_at"] = format_utc_timestamp(clock_.now());
    STRATUS_RETURN_IF_ERROR(sink_.append(event));
    recorded["events"] = event_count + 1;
    recorded["outbox"] = report;
  }
  // Written only now: an error above leaves the document as it was.
  in_process.fields()["recorded"] = std::move(recorded);
  return {};
}

}  // namespace stratus
