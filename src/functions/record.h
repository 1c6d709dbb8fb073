// record: appends every decision of the run to the audit log, one event per line (see
// audit_events.h): the market check, each signal and pass, each reservation and decline, each
// order state, the skip reason or the failure, the run's summary and its alert. Then queues the
// events each remote sink takes in the outbox and delivers what is due. Runs at the end of every
// chain, including skipped and failed ones.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "functions/outbox_delivery.h"
#include "functions/run_document.h"
#include "ports/clock.h"
#include "ports/event_sink.h"
#include "ports/outbox.h"

namespace stratus {

struct RecordOptions {
  // The kinds the run's alert event reports (config/config.h kAlertKinds).
  std::vector<std::string> alert_on{kAlertKinds.begin(), kAlertKinds.end()};
  // Remote sinks: which events go where. Empty: the audit log only.
  std::vector<SinkRoute> routes{};
  Outbox* outbox = nullptr;            // REQUIRED when routes is not empty.
  OutboxDelivery* delivery = nullptr;  // Delivers what is due after queueing; null: queue only.
};

class Record final : public DocumentStep {
 public:
  // REQUIRES: sink, clock and the options' outbox and delivery outlive this object.
  Record(EventSink& sink, const Clock& clock, RecordOptions options = {})
      : sink_(sink), clock_(clock), options_(std::move(options)) {}

  std::string_view name() const override { return "record"; }

  // Input: any valid envelope, with whatever sections earlier steps added.
  // Output adds "recorded": {"events": n[, "outbox": <OutboxDelivery::deliver_due()>]}.
  // Order of effects: every event is appended to the audit log (with "recorded_at"); then each
  // event a route takes is queued in the outbox under (sink, event_id); then, with a delivery,
  // one delivery round runs and its result is appended as a "delivery" event. Fails
  // (Unavailable) when the audit log or the outbox cannot be written: a run whose decisions
  // cannot be recorded must not report success. A sink that is down never fails the step.
  // Records verdicts held as values without writing them into the document (run_document.h).
  Status run_in_chain(RunDocument& doc) override;

 private:
  EventSink& sink_;
  const Clock& clock_;
  RecordOptions options_;
};

}  // namespace stratus
