// The Step Functions state machine of the trading-day chain, generated from kTradingDayChain
// (pipeline/chain.h) so the cloud runs the steps the local runner runs, in the same order, with
// the same ending rules:
//   - each step is a Task calling its function through the Lambda integration
//     (arn:<partition>:states:::lambda:invoke, Payload.$ = "$", OutputPath = "$.Payload");
//   - Retry on Lambda's own transient errors and on Stratus.Unavailable, Stratus.Ambiguous and
//     Stratus.DeadlinePassed, with exponential backoff: safe because every step is idempotent
//     (orders are keyed by client_order_id). Stratus.InvalidInput, Rejected, Conflict,
//     NotFound and Internal are never retried: repeating cannot change their answer;
//   - after a step that may end the chain, a Choice: "$.skipped" present -> the first step that
//     always runs (record), else the next step;
//   - Catch States.ALL on every step but the always-running ones -> a Pass state that writes
//     failed = {step, code, message} (the local runner's shape, local_runner.cc) -> record;
//   - after record, the execution fails (a Fail state) when the run failed, so alarms see it;
//     record's own failure fails the execution at once.
// Function ARNs are ${<LogicalId>Arn} placeholders filled by DefinitionSubstitutions, and the
// partition ${Partition}.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace stratus::deploy {

// The errors Retry repeats, and those it never does.
inline constexpr std::string_view kRetriedErrors[] = {
    "Lambda.ServiceException",         "Lambda.AWSLambdaException", "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException", "Stratus.Unavailable",       "Stratus.Ambiguous",
    "Stratus.DeadlinePassed"};

// The state names: the step's own name for its Task.
std::string skip_choice_state(std::string_view step);  // "<step>: skipped?"
std::string failed_pass_state(std::string_view step);  // "<step> failed"
inline constexpr std::string_view kRunFailedChoice = "run failed?";
inline constexpr std::string_view kRunFailedState = "run failed";
inline constexpr std::string_view kRecordFailedState = "record failed";
inline constexpr std::string_view kDoneState = "done";

// The substitution variable of `step`'s function ARN, e.g. "MarketCheckFunctionArn".
std::string function_arn_variable(std::string_view step);

// The Amazon States Language definition.
nlohmann::ordered_json state_machine_definition();

}  // namespace stratus::deploy
