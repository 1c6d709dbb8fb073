#include "pipeline/local_runner.h"

#include <utility>

#include "pipeline/chain.h"
#include "support/log.h"

namespace stratus {

Json new_run_document(std::string_view profile, Timestamp at) {
  const std::string at_text = format_utc_timestamp(at);
  return {{"version", 1},
          {"run",
           {{"id", at_text + "/" + std::string(profile)}, {"profile", profile}, {"at", at_text}}}};
}

RunOutcome run_chain(StepProvider& steps, Json doc) {
  RunOutcome outcome;
  RunDocument& document = outcome.document;
  document = RunDocument(std::move(doc));
  for (const ChainStep& spec : kTradingDayChain) {
    const bool ended = document.fields().contains("skipped") || outcome.error.has_value();
    if (ended && !spec.always_runs) continue;

    const LogStopwatch stopwatch;
    auto step = steps.step(spec.name);
    // run_in_chain leaves the document as it was when it fails; the failure is recorded below.
    const Status status = step.ok() ? (*step)->run_in_chain(document) : Status(step.error());
    if (status.ok()) {
      const bool skipped = document.fields().contains("skipped") && !ended;
      log_debug("step", {{"step", spec.name},
                         {"outcome", skipped ? "skipped" : "ok"},
                         {"duration_ms", stopwatch.elapsed_ms()}});
      continue;
    }
    const Error error = status.error().within(spec.name);
    log_debug("step", {{"step", spec.name},
                       {"outcome", "failed"},
                       {"code", std::string(error_code_name(error.code))},
                       {"error", error.to_string()},
                       {"duration_ms", stopwatch.elapsed_ms()}});
    if (!outcome.error) {
      outcome.error = error;
      document.fields()["failed"] = {{"step", spec.name},
                                     {"code", error_code_name(error.code)},
                                     {"message", error.to_string()}};
    }
  }
  return outcome;
}

}  // namespace stratus
