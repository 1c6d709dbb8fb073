// The local runner: executes the declared chain in-process, passing each step's output on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"
#include "domain/time.h"
#include "functions/run_document.h"
#include "functions/step.h"

namespace stratus {

// Supplies the step object for a chain step name, building its adapters on first use.
class StepProvider {
 public:
  virtual ~StepProvider() = default;
  virtual Result<Step*> step(std::string_view name) = 0;
};

struct RunOutcome {
  // The final document (as far as the chain got); document.json() is the whole of it.
  RunDocument document;
  std::optional<Error> error;  // Set when a step failed; the failure was recorded if possible.
};

// A fresh run document: {"version": 1, "run": {"id", "profile", "at"}}.
Json new_run_document(std::string_view profile, Timestamp at);

// Runs kTradingDayChain on `doc`, each step on the document in process (Step::run_in_chain). A step
// that marks the document "skipped" ends the chain except for always-run steps (record). A step
// that fails adds "failed" {step, code, message} to the document, the always-run steps still run,
// and the outcome carries the error. Logs each step that runs at debug (support/log.h): name,
// outcome (ok, skipped, failed) and duration.
RunOutcome run_chain(StepProvider& steps, Json doc);

}  // namespace stratus
