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
  for (const ChainStep& spec : kTradingDayChain) {
    const bool ended = doc.contains("skipped") || outcome.error.has_value();
    if (ended && !spec.always_runs) continue;

    const LogStopwatch stopwatch;
    auto step = steps.step(spec.name);
    Result<Json> result = step.ok() ? (*step)->run(std::move(doc)) : Result<Json>(step.error());
    // run(Json&&) leaves `doc` as it was when it fails, and the failure is recorded in it below.
    if (result.ok()) {
      doc = std::move(result).value();
      log_debug("step", {{"step", spec.name},
                         {"outcome", doc.contains("skipped") && !ended ? "skipped" : "ok"},
                         {"duration_ms", stopwatch.elapsed_ms()}});
      continue;
    }
    const Error error = result.error().within(spec.name);
    log_debug("step", {{"step", spec.name},
                       {"outcome", "failed"},
                       {"code", std::string(error_code_name(error.code))},
                       {"error", error.to_string()},
                       {"duration_ms", stopwatch.elapsed_ms()}});
    if (!outcome.error) {
      outcome.error = error;
      doc["failed"] = {{"step", spec.name},
                       {"code", error_code_name(error.code)},
                       {"message", error.to_string()}};
    }
  }
  outcome.document = std::move(doc);
  return outcome;
}

}  // namespace stratus
