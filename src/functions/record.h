// record: appends every decision of the run to the audit log, one event per line: the market
// check, each signal and pass, each reservation and decline, each order state, the skip
// reason or the failure. Runs at the end of every chain, including skipped and failed ones.
#pragma once

#include "functions/step.h"
#include "ports/clock.h"
#include "ports/event_sink.h"

namespace stratus {

class Record final : public Step {
 public:
  Record(EventSink& sink, const Clock& clock) : sink_(sink), clock_(clock) {}

  std::string_view name() const override { return "record"; }

  // Input: any valid envelope, with whatever sections earlier steps added.
  // Output adds "recorded": {events}. Fails (Unavailable) when the audit log cannot be
  // written: a run whose decisions cannot be recorded must not report success.
  Result<Json> run(const Json& doc) override;

 private:
  EventSink& sink_;
  const Clock& clock_;
};

// The events `doc` gives rise to, in order, each with "type", "run_id", "profile", "at".
Json audit_events(const Json& doc);

}  // namespace stratus
