// The template's logical resource ids and names, derived from step names so the state machine,
// the roles and the functions agree: "check-limits" -> "CheckLimits" + "Function", "Role",
// "LogGroup".
#pragma once

#include <string>
#include <string_view>

namespace stratus::deploy {

// "check-limits" -> "CheckLimits"; "ledger/table" -> "LedgerTable"; "sns_topic_arn" ->
// "SnsTopicArn": each run of letters and digits capitalised, everything else dropped.
std::string pascal_case(std::string_view name);

inline std::string function_logical_id(std::string_view step) {
  return pascal_case(step) + "Function";
}
inline std::string role_logical_id(std::string_view step) { return pascal_case(step) + "Role"; }
inline std::string log_group_logical_id(std::string_view step) {
  return pascal_case(step) + "LogGroup";
}
// The deployed function's name: "stratus-${Environment}-<step>" (a Fn::Sub pattern).
inline std::string function_name_pattern(std::string_view step) {
  return "stratus-${Environment}-" + std::string(step);
}

}  // namespace stratus::deploy
