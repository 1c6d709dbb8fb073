// SsmParameterStore: the SSM Parameter Store operations Stratus uses, over the signed JSON
// client (SSM speaks AWS JSON 1.1: X-Amz-Target "AmazonSSM.<operation>", Content-Type
// application/x-amz-json-1.1, SigV4 signing name "ssm").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "adapters/aws/aws_environment.h"
#include "adapters/aws/aws_json_client.h"
#include "domain/result.h"

namespace stratus {

// One parameter as SSM returns it.
struct SsmParameter {
  std::string name;   // Full path: "/stratus/prod/limits/monthly_share_cap".
  std::string value;  // SecureString: the decrypted value only when asked for with decryption.
  std::string type;   // "String", "StringList" or "SecureString".
};

// The AwsJsonClient options for SSM at `settings` (region, endpoint, signing name).
AwsJsonClientOptions ssm_json_client_options(const AwsSettings& settings, RetryPolicy retry);

class SsmParameterStore {
 public:
  // REQUIRES: `client` was built with ssm_json_client_options (or equivalent) and outlives this.
  explicit SsmParameterStore(AwsJsonClient& client);

  // Every parameter under `path` ("/stratus/prod"): with `recursive`, at any depth, else only
  // the direct children. Follows NextToken until SSM returns none (10 per page, SSM's maximum),
  // so the result is complete. Order is SSM's.
  // Errors: InvalidInput for a path not starting with '/' (checked before sending) or SSM's
  // ValidationException; aws_error's mapping otherwise (throttling retried by the client, then
  // Unavailable; bad credentials Rejected); Internal for an answer without Parameters.
  Result<std::vector<SsmParameter>> get_parameters_by_path(std::string_view path, bool recursive,
                                                           bool with_decryption);

  // The parameter `name` ("/stratus/prod/secrets/alpaca_key_id"); with `with_decryption` a
  // SecureString's value is decrypted. Errors: InvalidInput for a name not starting with '/'
  // (checked before sending); NotFound (ParameterNotFound) when it does not exist; aws_error's
  // mapping otherwise; Internal for an answer without a Parameter of string Name/Value/Type.
  Result<SsmParameter> get_parameter(std::string_view name, bool with_decryption);

  // Creates `name` with `value` of `type` ("String" or "SecureString"), or replaces it when
  // `overwrite`. Errors: InvalidInput for a bad name (not starting with '/'), empty value or
  // other type, before sending; Conflict (ParameterAlreadyExists) when it exists and not
  // `overwrite`; aws_error's mapping otherwise.
  Status put_parameter(std::string_view name, std::string_view value, std::string_view type,
                       bool overwrite);

 private:
  AwsJsonClient& client_;
};

}  // namespace stratus
