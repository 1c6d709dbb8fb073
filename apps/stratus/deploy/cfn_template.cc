// The CloudFormation template (see cfn_template.h).
#include "apps/stratus/deploy/cfn_template.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "adapters/dynamodb/dynamo_ledger.h"
#include "apps/stratus/deploy/aws_permissions.h"
#include "apps/stratus/deploy/logical_ids.h"
#include "apps/stratus/deploy/state_machine.h"
#include "config/stack_owned_keys.h"
#include "pipeline/chain.h"

namespace stratus::deploy {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kTable = "LedgerTable";
constexpr const char* kTopic = "AlertsTopic";
constexpr const char* kStateMachine = "TradingDayStateMachine";
constexpr const char* kStateMachineRole = "TradingDayStateMachineRole";
constexpr const char* kStateMachineLogGroup = "TradingDayStateMachineLogGroup";
constexpr const char* kSchedule = "TradingDaySchedule";
constexpr const char* kScheduleRole = "TradingDayScheduleRole";
constexpr const char* kHasAlertEmail = "HasAlertEmail";
constexpr int kLogRetentionDays = 30;
constexpr int kMemoryMb = 256;
constexpr int kTimeoutSeconds = 120;

Json ref(std::string_view name) { return {{"Ref", name}}; }
Json get_att(std::string_view id, std::string_view attribute) {
  return {{"Fn::GetAtt", Json::array({id, attribute})}};
}
Json sub(std::string_view pattern) { return {{"Fn::Sub", pattern}}; }

Json assume_role(std::string_view service, Json condition = nullptr) {
  Json statement = {
      {"Effect", "Allow"}, {"Principal", {{"Service", service}}}, {"Action", "sts:AssumeRole"}};
  if (!condition.is_null()) statement["Condition"] = std::move(condition);
  return {{"Version", "2012-10-17"}, {"Statement", Json::array({statement})}};
}

Json statement(std::string_view sid, Json actions, Json resources) {
  return {{"Sid", sid},
          {"Effect", "Allow"},
          {"Action", std::move(actions)},
          {"Resource", std::move(resources)}};
}

Json parameters() {
  return {
      {"Environment",
       {{"Type", "String"},
        {"Default", "prod"},
        {"AllowedValues", {"dev", "stage", "prod"}},
        {"Description",
         "The Stratus profile this stack runs: its config is read from /stratus/<Environment> "
         "in SSM Parameter Store (stratus config push --profile <Environment>)"}}},
      {"ScheduleExpression",
       {{"Type", "String"},
        {"Default", kDefaultSchedule},
        {"Description",
         "When the trading day runs, in America/New_York time (EventBridge Scheduler cron). "
         "The default, 15:45 on weekdays, is inside the default trading window; market-check "
         "skips holidays and early closes"}}},
      {"AlertEmail",
       {{"Type", "String"},
        {"Default", ""},
        {"Description",
         "An email address subscribed to the alerts topic (confirm the mail AWS sends); "
         "empty: none"}}},
  };
}

// The resource ARNs an AwsResource stands for.
Json resource_arns(AwsResource resource) {
  switch (resource) {
    case AwsResource::kLedgerTable:
      return Json::array({get_att(kTable, "Arn")});
    case AwsResource::kLedgerIndexes: {
      Json arns = Json::array();
      for (const auto& index : dynamodb::DynamoLedger::table_spec("").indexes) {
        arns.push_back(sub("${" + std::string(kTable) + ".Arn}/index/" + index.name));
      }
      return arns;
    }
    case AwsResource::kAlertsTopic:
      return Json::array({ref(kTopic)});
  }
  return Json::array();
}

std::string_view resource_sid(AwsResource resource) {
  switch (resource) {
    case AwsResource::kLedgerTable:
      return "LedgerTable";
    case AwsResource::kLedgerIndexes:
      return "LedgerIndexes";
    case AwsResource::kAlertsTopic:
      return "AlertsTopic";
  }
  return "Other";
}

Json function_policy(const ChainStep& step) {
  Json statements = Json::array();
  Json log_actions = Json::array();
  for (std::string_view a : kLogActions) log_actions.push_back(a);
  statements.push_back(statement("OwnLogGroup", std::move(log_actions),
                                 Json::array({get_att(log_group_logical_id(step.name), "Arn")})));
  // SecureString parameters are encrypted with the AWS managed key aws/ssm, whose key policy
  // lets every principal of the account decrypt through Parameter Store: no kms statement is
  // needed (AWS Systems Manager User Guide, "Restricting decryption of SecureString parameter
  // values"). A customer managed key would need kms:Decrypt on it here.
  const std::string config_arn =
      "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter" +
      std::string(kConfigPrefixPattern);
  statements.push_back(statement("ReadConfig", Json::array({kConfigReadAction}),
                                 Json::array({sub(config_arn), sub(config_arn + "/*")})));
  const auto actions = function_actions(step.name);
  for (std::size_t i = 0; i < actions.size();) {
    const AwsResource resource = actions[i].resource;
    Json names = Json::array();
    for (; i < actions.size() && actions[i].resource == resource; ++i) {
      names.push_back(actions[i].action);
    }
    statements.push_back(
        statement(resource_sid(resource), std::move(names), resource_arns(resource)));
  }
  return {{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

void add_function(Json& resources, const ChainStep& step) {
  const std::string name = function_name_pattern(step.name);
  resources[log_group_logical_id(step.name)] = {
      {"Type", "AWS::Logs::LogGroup"},
      {"Properties",
       {{"LogGroupName", sub("/aws/lambda/" + name)}, {"RetentionInDays", kLogRetentionDays}}}};
  resources[role_logical_id(step.name)] = {
      {"Type", "AWS::IAM::Role"},
      {"Properties",
       {{"AssumeRolePolicyDocument", assume_role("lambda.amazonaws.com")},
        {"Policies", Json::array({{{"PolicyName", "stratus-" + std::string(step.name)},
                                   {"PolicyDocument", function_policy(step)}}})}}}};
  resources[function_logical_id(step.name)] = {
      {"Type", "AWS::Lambda::Function"},
      {"DependsOn", log_group_logical_id(step.name)},
      {"Properties",
       {{"FunctionName", sub(name)},
        {"Description", step.purpose},
        {"Code", kLambdaZipPath},
        {"Handler", step.name},
        {"Runtime", "provided.al2023"},
        {"Architectures", {"x86_64"}},
        {"MemorySize", kMemoryMb},
        {"Timeout", kTimeoutSeconds},
        {"Role", get_att(role_logical_id(step.name), "Arn")},
        {"Environment",
         {{"Variables",
           {{"STRATUS_CONFIG", sub("ssm:" + std::string(kConfigPrefixPattern))},
            {"STRATUS_PROFILE", ref("Environment")},
            // Lambda's only writable directory is /tmp.
            {"STRATUS_AUDIT__PATH", "/tmp/stratus/audit.jsonl"},
            {"STRATUS_LEDGER__PATH", "/tmp/stratus/ledger.sqlite"},
            {"STRATUS_ALPACA__CACHE_PATH", "/tmp/stratus/bars.sqlite"}}}}}}}};
}

Json attribute_definitions(const dynamodb::TableSpec& spec) {
  Json defined = Json::array();
  std::vector<std::string> seen;
  auto define = [&](const std::string& name) {
    if (name.empty() || std::find(seen.begin(), seen.end(), name) != seen.end()) return;
    seen.push_back(name);
    defined.push_back({{"AttributeName", name}, {"AttributeType", "S"}});
  };
  define(spec.partition_key);
  define(spec.sort_key);
  for (const auto& index : spec.indexes) {
    define(index.partition_key);
    define(index.sort_key);
  }
  return defined;
}

Json key_schema(const std::string& partition, const std::string& sort) {
  Json schema = Json::array({{{"AttributeName", partition}, {"KeyType", "HASH"}}});
  if (!sort.empty()) schema.push_back({{"AttributeName", sort}, {"KeyType", "RANGE"}});
  return schema;
}

void add_table(Json& resources) {
  const auto spec = dynamodb::DynamoLedger::table_spec("");
  Json indexes = Json::array();
  for (const auto& index : spec.indexes) {
    indexes.push_back({{"IndexName", index.name},
                       {"KeySchema", key_schema(index.partition_key, index.sort_key)},
                       {"Projection", {{"ProjectionType", "ALL"}}}});
  }
  resources[kTable] = {
      {"Type", "AWS::DynamoDB::Table"},
      // The ledger is the record of every order and the month's caps: it outlives the stack.
      {"DeletionPolicy", "Retain"},
      {"UpdateReplacePolicy", "Retain"},
      {"Properties",
       {{"TableName", sub("stratus-${Environment}-ledger")},
        {"BillingMode", "PAY_PER_REQUEST"},
        {"AttributeDefinitions", attribute_definitions(spec)},
        {"KeySchema", key_schema(spec.partition_key, spec.sort_key)},
        {"GlobalSecondaryIndexes", std::move(indexes)},
        {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}}}};
}

void add_alerts(Json& resources) {
  resources[kTopic] = {
      {"Type", "AWS::SNS::Topic"},
      {"Properties",
       {{"TopicName", sub("stratus-${Environment}-alerts")}, {"DisplayName", "Stratus alerts"}}}};
  resources["AlertEmailSubscription"] = {
      {"Type", "AWS::SNS::Subscription"},
      {"Condition", kHasAlertEmail},
      {"Properties",
       {{"TopicArn", ref(kTopic)}, {"Protocol", "email"}, {"Endpoint", ref("AlertEmail")}}}};
}

// The value the stack owns for `key`; null when this template does not know the key.
Json stack_owned_value(std::string_view key) {
  if (key == "ledger.kind") return "dynamodb";
  if (key == "ledger.table") return ref(kTable);
  if (key == "alerts.sns_topic_arn") return ref(kTopic);
  return nullptr;
}

Status add_stack_owned_parameters(Json& resources) {
  for (const StackOwnedKey& owned : kStackOwnedKeys) {
    Json value = stack_owned_value(owned.key);
    if (value.is_null()) {
      return Error::internal("config/stack_owned_keys.h names \"" + std::string(owned.key) +
                             "\", but the template (apps/stratus/deploy/cfn_template.cc) has "
                             "no value for it");
    }
    resources[pascal_case(owned.parameter) + "Parameter"] = {
        {"Type", "AWS::SSM::Parameter"},
        {"Properties",
         {{"Name", sub(std::string(kConfigPrefixPattern) + "/" + std::string(owned.parameter))},
          {"Type", "String"},
          {"Value", std::move(value)},
          {"Description", "Stratus " + std::string(owned.key) +
                              ", owned by the stack: " + std::string(owned.what)}}}};
  }
  return {};
}

void add_state_machine(Json& resources) {
  Json invoke = Json::array();
  Json substitutions = {{"Partition", ref("AWS::Partition")}};
  for (const ChainStep& step : kTradingDayChain) {
    invoke.push_back(get_att(function_logical_id(step.name), "Arn"));
    substitutions[function_arn_variable(step.name)] =
        get_att(function_logical_id(step.name), "Arn");
  }
  resources[kStateMachineLogGroup] = {
      {"Type", "AWS::Logs::LogGroup"},
      {"Properties",
       {{"LogGroupName", sub("/aws/vendedlogs/states/stratus-${Environment}-trading-day")},
        {"RetentionInDays", kLogRetentionDays}}}};
  // Log delivery to CloudWatch Logs is set up through these actions, which take no resource
  // (Step Functions Developer Guide, "Logging using CloudWatch Logs": Resource "*").
  const Json log_delivery = {"logs:CreateLogDelivery",        "logs:GetLogDelivery",
                             "logs:UpdateLogDelivery",        "logs:DeleteLogDelivery",
                             "logs:ListLogDeliveries",        "logs:PutResourcePolicy",
                             "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"};
  resources[kStateMachineRole] = {
      {"Type", "AWS::IAM::Role"},
      {"Properties",
       {{"AssumeRolePolicyDocument", assume_role("states.amazonaws.com")},
        {"Policies",
         Json::array(
             {{{"PolicyName", "stratus-trading-day"},
               {"PolicyDocument",
                {{"Version", "2012-10-17"},
                 {"Statement",
                  Json::array(
                      {statement("InvokeFunctions", Json::array({"lambda:InvokeFunction"}), invoke),
                       statement("LogDelivery", log_delivery, Json::array({"*"}))})}}}}})}}}};
  resources[kStateMachine] = {
      {"Type", "AWS::StepFunctions::StateMachine"},
      {"Properties",
       {{"StateMachineName", sub("stratus-${Environment}-trading-day")},
        {"StateMachineType", "STANDARD"},
        {"RoleArn", get_att(kStateMachineRole, "Arn")},
        {"Definition", state_machine_definition()},
        {"DefinitionSubstitutions", std::move(substitutions)},
        {"LoggingConfiguration",
         {{"Level", "ERROR"},
          {"IncludeExecutionData", true},
          {"Destinations",
           Json::array({{{"CloudWatchLogsLogGroup",
                          {{"LogGroupArn", get_att(kStateMachineLogGroup, "Arn")}}}}})}}}}}};
}

void add_schedule(Json& resources) {
  // The run document of local_runner.cc's new_run_document(): the id is the scheduled time
  // (the same for a repeated delivery of one schedule event) and the environment.
  const std::string input =
      R"({"version":1,"run":{"id":"<aws.scheduler.scheduled-time>/${Environment}",)"
      R"("profile":"${Environment}","at":"<aws.scheduler.scheduled-time>"}})";
  resources[kScheduleRole] = {
      {"Type", "AWS::IAM::Role"},
      {"Properties",
       {{"AssumeRolePolicyDocument",
         assume_role("scheduler.amazonaws.com",
                     {{"StringEquals", {{"aws:SourceAccount", ref("AWS::AccountId")}}}})},
        {"Policies",
         Json::array(
             {{{"PolicyName", "stratus-start-trading-day"},
               {"PolicyDocument",
                {{"Version", "2012-10-17"},
                 {"Statement",
                  Json::array({statement("StartTradingDay", Json::array({"states:StartExecution"}),
                                         Json::array({ref(kStateMachine)}))})}}}}})}}}};
  resources[kSchedule] = {
      {"Type", "AWS::Scheduler::Schedule"},
      {"Properties",
       {{"Name", sub("stratus-${Environment}-trading-day")},
        {"Description", "Starts the Stratus trading day"},
        {"ScheduleExpression", ref("ScheduleExpression")},
        {"ScheduleExpressionTimezone", kScheduleTimezone},
        {"FlexibleTimeWindow", {{"Mode", "OFF"}}},
        {"State", "ENABLED"},
        {"Target",
         {{"Arn", ref(kStateMachine)},
          {"RoleArn", get_att(kScheduleRole, "Arn")},
          {"Input", sub(input)},
          {"RetryPolicy", {{"MaximumEventAgeInSeconds", 900}, {"MaximumRetryAttempts", 5}}}}}}}};
}

Json outputs() {
  return {{"StateMachineArn",
           {{"Description", "The trading day's state machine (aws stepfunctions ...)"},
            {"Value", ref(kStateMachine)}}},
          {"LedgerTableName",
           {{"Description", "The DynamoDB ledger (ledger.table); kept when the stack is deleted"},
            {"Value", ref(kTable)}}},
          {"AlertsTopicArn", {{"Description", "The SNS alerts topic"}, {"Value", ref(kTopic)}}},
          {"ConfigPrefix",
           {{"Description", "Where the functions read their config (stratus config push)"},
            {"Value", sub(kConfigPrefixPattern)}}}};
}

}  // namespace

Result<nlohmann::ordered_json> cloudformation_template() {
  Json resources = Json::object();
  for (const ChainStep& step : kTradingDayChain) add_function(resources, step);
  add_state_machine(resources);
  add_schedule(resources);
  add_table(resources);
  add_alerts(resources);
  STRATUS_RETURN_IF_ERROR(add_stack_owned_parameters(resources));

  Json doc = {
      {"AWSTemplateFormatVersion", "2010-09-09"},
      {"Description",
       "Stratus: the trading-day chain on AWS Lambda and Step Functions, its DynamoDB "
       "ledger, config in SSM Parameter Store and alerts on SNS (generated by stratus "
       "deploy template)"},
      {"Parameters", parameters()},
      {"Conditions",
       {{kHasAlertEmail,
         {{"Fn::Not", Json::array({{{"Fn::Equals", Json::array({ref("AlertEmail"), ""})}}})}}}}},
      {"Resources", std::move(resources)},
      {"Outputs", outputs()}};
  return doc;
}

}  // namespace stratus::deploy
