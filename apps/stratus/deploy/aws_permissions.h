// Which AWS actions each function of the trading-day chain calls, on which of the stack's
// resources: the one place the CloudFormation template's IAM roles (one per function) are
// generated from, and the table tests/deploy checks against the calls the code really sends.
//
// Read from the code:
//   - apps/stratus/wiring.cc: which ports each step gets (check-limits: the ledger; execute: the
//     ledger and the broker; record: the audit sink and, with [alerts] sns_topic_arn, SNS).
//   - src/functions/*.cc: which Ledger methods each step calls (check-limits: reserve; execute:
//     find, update, orders).
//   - src/adapters/dynamodb/dynamo_ledger.cc and apps/stratus/dynamo_connection.cc: which
//     DynamoDB operations each Ledger method sends (kDynamoLedgerOperations below).
// Every function also reads its configuration (ssm:GetParametersByPath under
// /stratus/<env>) and writes its own log group; those grants are common to all five.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stratus::deploy {

// A resource of the stack an action is granted on.
enum class AwsResource {
  kLedgerTable,    // The DynamoDB ledger table itself.
  kLedgerIndexes,  // Its global secondary indexes (GSI1, GSI2).
  kAlertsTopic,    // The SNS alerts topic.
};

struct AwsAction {
  std::string_view action;  // IAM action, e.g. "dynamodb:GetItem".
  AwsResource resource;
};

// The DynamoDB operations one DynamoLedger method (or opening the ledger) sends.
struct LedgerMethodOperations {
  // "open", "reserve", "update", "find", "orders", "usage" (Ledger), "outbox_enqueue",
  // "outbox_deliver" (Outbox).
  std::string_view method;
  std::vector<AwsAction> actions;
};

// What one function calls beyond its configuration and logs.
struct FunctionAccess {
  std::string_view step;  // A step of kTradingDayChain.
  // The Ledger and Outbox methods it calls ("open" when any).
  std::vector<std::string_view> ledger;
  std::vector<AwsAction> other;  // Calls of other adapters (SNS Publish).
  std::string_view why;          // One line for the template's comments and docs.
};

// DynamoLedger's methods and the operations each sends.
const std::vector<LedgerMethodOperations>& dynamo_ledger_operations();

// One entry per step of kTradingDayChain, in chain order.
const std::vector<FunctionAccess>& function_access();

// Every action `step` calls on the stack's resources (ledger methods expanded), sorted by
// resource then action, without duplicates. Empty for a step that calls none (or no step).
std::vector<AwsAction> function_actions(std::string_view step);

// The read of the configuration every function makes (config/ssm_table.h): one recursive
// GetParametersByPath with decryption under /stratus/<env>.
inline constexpr std::string_view kConfigReadAction = "ssm:GetParametersByPath";
// What a function needs to write its own log group.
inline constexpr std::string_view kLogActions[] = {"logs:CreateLogStream", "logs:PutLogEvents"};

}  // namespace stratus::deploy
