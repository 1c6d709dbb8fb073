// The AWS settings (credentials, region, endpoint) a command needs for one service, resolved from
// the environment map the way the AWS CLI does (adapters/aws/aws_environment.h), with errors
// that say which setting needed them. Shared by the DynamoDB ledger, SSM config and SNS alerts.
#pragma once

#include <string_view>

#include "adapters/aws/aws_environment.h"
#include "domain/result.h"

namespace stratus {

// resolve_aws_settings(env, service), its error message prefixed
// "<needed_by> needs AWS access to <service_title>: ", e.g.
// "ledger.kind = \"dynamodb\" needs AWS access to DynamoDB: no AWS credentials found; ...".
// No credentials anywhere (NotFound) becomes InvalidInput: a setup mistake the user fixes, like
// a missing Alpaca key (exit 2). Nothing is sent. The credentials found (key id, secret key,
// session token) are registered for redaction (support/redaction.h).
Result<AwsSettings> aws_settings_for(const Environment& env, const AwsService& service,
                                     std::string_view needed_by, std::string_view service_title);

}  // namespace stratus
