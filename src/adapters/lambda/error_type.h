// The errorType Stratus reports to Lambda for each kind of failure. Step Functions' Retry and
// Catch match these names, so they are part of the deployed contract: change none of them.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"

namespace stratus {

// "Stratus." + the code's name: "Stratus.InvalidInput", "Stratus.Unavailable",
// "Stratus.Ambiguous", "Stratus.Rejected", "Stratus.Conflict", "Stratus.NotFound",
// "Stratus.Internal".
std::string lambda_error_type(ErrorCode code);

// The event arrived with its deadline already past (or within the safety margin): the step
// was not run, so it wrote nothing.
inline constexpr std::string_view kDeadlinePassedErrorType = "Stratus.DeadlinePassed";
// _HANDLER names no step of the chain (an init error).
inline constexpr std::string_view kInvalidHandlerErrorType = "Stratus.InvalidHandler";
// An exception escaped the handler, or the runtime met an unexpected state.
inline constexpr std::string_view kInternalErrorType = "Stratus.Internal";

}  // namespace stratus
