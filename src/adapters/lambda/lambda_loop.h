// run_lambda_loop: the Lambda custom runtime's loop. For each event from the Runtime API:
//
//   1. The deadline: when Lambda-Runtime-Deadline-Ms is already past, or closer than
//      options.deadline_margin, the invocation is answered with "Stratus.DeadlinePassed" and
//      the handler does not run, so nothing is half-written. A deadline header that is missing
//      or not epoch milliseconds is answered "Stratus.Internal", also without running.
//   2. The handler runs on the event. Its value is POSTed as the response; its error as
//      "Stratus.<ErrorCode>" (error_type.h) with the error's text as errorMessage; any exception
//      it throws as "Stratus.Internal" with the exception's text. Nothing escapes the loop.
//   3. The Runtime API refusing a response (an HTTP status, e.g. 413 for a too-large body) is
//      reported as that invocation's error ("Stratus.Internal"), so no invocation is left
//      unanswered while the API is reachable.
//
// The loop ends only when the Runtime API cannot be reached or misbehaves (a failed next(), or
// a transport failure posting an answer): it returns that error, and the process should exit 1.
// With options.max_invocations set it returns OK after that many invocations (tests).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/lambda/invocation.h"
#include "adapters/lambda/millisecond_clock.h"
#include "adapters/lambda/runtime_client.h"
#include "domain/result.h"

namespace stratus {

using Environment = std::map<std::string, std::string>;

// Maps one invocation to its response (JSON text) or an error. `environment` is the runtime's
// environment for this invocation: the process's, with _X_AMZN_TRACE_ID set from the
// invocation's trace header (removed when it has none). May throw; the loop catches.
using LambdaHandler = std::function<Result<std::string>(const Invocation& invocation,
                                                        const Environment& environment)>;

struct LambdaLoopOptions {
  // An event whose deadline is less than this far away is refused without running the handler.
  std::chrono::milliseconds deadline_margin{100};
  // Stop (returning OK) after this many invocations; nullopt: run until the API fails.
  std::optional<int> max_invocations;
  // The process environment, read once at start (the base of each invocation's environment).
  Environment environment;
  // Receives one line per failed invocation (for the function's log, i.e. stderr on Lambda).
  // The error that ends the loop is returned, not logged. May be empty.
  std::function<void(std::string_view)> log;
};

// REQUIRES: handler is callable. Returns only as described above.
Status run_lambda_loop(LambdaRuntimeClient& client, const LambdaHandler& handler,
                       const MillisecondClock& clock, const LambdaLoopOptions& options);

}  // namespace stratus
