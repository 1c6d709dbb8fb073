#include "apps/stratus/ssm_connection.h"

#include <utility>

#include "apps/stratus/http_stack.h"

namespace stratus {

Result<std::unique_ptr<SsmConnection>> SsmConnection::open(const Environment& env,
                                                           const HttpConfig& http,
                                                           std::string_view needed_by) {
  auto settings = resolve_aws_settings(env, kSsmService);
  if (!settings.ok()) {
    Error error = settings.error();
    // No credentials anywhere is a setup mistake the user fixes, like a missing Alpaca key.
    if (error.code == ErrorCode::kNotFound) error.code = ErrorCode::kInvalidInput;
    error.message =
        std::string(needed_by) + " needs AWS access to SSM Parameter Store: " + error.message;
    return error;
  }
  return std::unique_ptr<SsmConnection>(new SsmConnection(http, std::move(*settings)));
}

SsmConnection::SsmConnection(const HttpConfig& http, AwsSettings settings)
    : endpoint_(settings.endpoint),
      http_(curl_options_from(http)),
      aws_(http_, settings.credentials.credentials,
           ssm_json_client_options(settings, retry_policy_from(http)), clock_, sleeper_, random_),
      store_(aws_) {}

}  // namespace stratus
