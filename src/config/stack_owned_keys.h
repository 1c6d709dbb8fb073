// Config keys whose values only the AWS deployment knows (the names of resources it creates).
// The CloudFormation template (`stratus deploy template`) creates one String parameter for each
// under /stratus/<env>/ (e.g. /stratus/prod/ledger/table = the table it made), and
// `stratus config push` never writes them, so a push cannot point a deployed stack elsewhere.
#pragma once

#include <array>
#include <string_view>

namespace stratus {

struct StackOwnedKey {
  std::string_view key;        // Config key path, dotted: "ledger.table".
  std::string_view parameter;  // Below /stratus/<env>/: "ledger/table".
  std::string_view what;       // What the template puts there, for documentation.
};

inline constexpr std::array<StackOwnedKey, 3> kStackOwnedKeys = {{
    {"ledger.kind", "ledger/kind", "\"dynamodb\""},
    {"ledger.table", "ledger/table", "the name of the stack's DynamoDB ledger table"},
    {"alerts.sns_topic_arn", "alerts/sns_topic_arn", "the ARN of the stack's SNS alerts topic"},
}};

}  // namespace stratus
