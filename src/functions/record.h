// record: appends every decision of the run to the audit log, one event per line: the market
// check, each signal and pass, each reservation and decline, each order state, the skip
// reason or the failure. Runs at the end of every chain, including skipped and failed ones.
#pragma once

#include <string>
#include <vector>

#include "functions/step.h"
#include "ports/alert_publisher.h"
#include "ports/clock.h"
#include "ports/event_sink.h"

namespace stratus {

class Record final : public Step {
 public:
  Record(EventSink& sink, const Clock& clock) : sink_(sink), clock_(clock) {}
  // With alerts: after the audit events, the run's alert (run_alert.h) for the kinds in
  // `alert_on` is published and the outcome appended as one more audit event ("alert").
  Record(EventSink& sink, const Clock& clock, AlertPublisher& alerts,
         std::vector<std::string> alert_on)
      : sink_(sink), clock_(clock), alerts_(&alerts), alert_on_(std::move(alert_on)) {}

  std::string_view name() const override { return "record"; }

  // Input: any valid envelope, with whatever sections earlier steps added.
  // Output adds "recorded": {events[, alert]}; alert = {kinds, subject, sent, message_id |
  // error {code, message}}. Fails (Unavailable) when the audit log cannot be written: a run
  // whose decisions cannot be recorded must not report success. A failed alert does not fail
  // the step: the audit log and the output say it was not sent.
  Result<Json> run(const Json& doc) override;

 private:
  // Publishes the run's alert, if any; returns what the "alert" audit event holds (null: none).
  Json send_alert(const Json& doc);

  EventSink& sink_;
  const Clock& clock_;
  AlertPublisher* alerts_ = nullptr;
  std::vector<std::string> alert_on_;
};

// The events `doc` gives rise to, in order, each with "type", "run_id", "profile", "at".
Json audit_events(const Json& doc);

}  // namespace stratus
