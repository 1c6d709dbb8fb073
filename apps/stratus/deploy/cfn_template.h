// The CloudFormation template of a Stratus deployment (`stratus deploy template`,
// deploy/template.yaml), generated from the code's own declarations so it cannot drift:
//   - one AWS::Lambda::Function per step of kTradingDayChain (pipeline/chain.h): the same zip
//     (kLambdaZipPath, built by `make package`), runtime provided.al2023, x86_64, Handler = the
//     step's name, its own log group and IAM role (aws_permissions.h);
//   - the Step Functions state machine (state_machine.h), logging errors to its log group;
//   - the DynamoDB ledger table with its indexes, from DynamoLedger::table_spec();
//   - one SSM String parameter per kStackOwnedKeys entry (config/stack_owned_keys.h) at
//     /stratus/${Environment}/<parameter>, holding the value of the resource the stack made;
//   - the SNS alerts topic, with an email subscription when AlertEmail is given;
//   - an EventBridge Scheduler schedule (America/New_York) starting the state machine with
//     the run document.
// Plain CloudFormation (no Transform): `aws cloudformation package` and `sam deploy` both
// upload the local Code path of AWS::Lambda::Function.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus::deploy {

// The Lambda zip, relative to deploy/template.yaml.
inline constexpr std::string_view kLambdaZipPath = "../dist/stratus-lambda.zip";
// The configuration prefix of an environment, as a Fn::Sub pattern.
inline constexpr std::string_view kConfigPrefixPattern = "/stratus/${Environment}";
inline constexpr std::string_view kScheduleTimezone = "America/New_York";
inline constexpr std::string_view kDefaultSchedule = "cron(45 15 ? * MON-FRI *)";

// The template as JSON (CloudFormation's long-form intrinsic functions: Ref, Fn::GetAtt,
// Fn::Sub; no YAML tags). Internal when a kStackOwnedKeys entry has no value here.
Result<nlohmann::ordered_json> cloudformation_template();

}  // namespace stratus::deploy
