// SsmConnection: the SSM Parameter Store client of `--config ssm:/...`, of "ssm:" secret
// references and of `stratus config push`, built from the environment map (apps/stratus reads
// it once; nothing here calls getenv). Credentials, region and endpoint come from
// adapters/aws/aws_environment.h (resolve_aws_settings with kSsmService: AWS_ACCESS_KEY_ID,
// AWS_REGION, AWS_ENDPOINT_URL_SSM, the shared files, ...). As for DynamoDB the AwsJsonClient
// speaks over a plain CurlHttpClient and retries itself (timeouts and retries from [http], via
// http_stack.h), signing each attempt.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/aws/aws_environment.h"
#include "adapters/aws/ssm_parameters.h"
#include "apps/stratus/aws_json_connection.h"
#include "config/config.h"
#include "domain/result.h"

namespace stratus {

class SsmConnection {
 public:
  // Resolves the AWS settings of SSM from `env` (nothing is sent). `needed_by` starts messages,
  // e.g. "--config ssm:/stratus/prod". InvalidInput naming what is missing or malformed (no
  // credentials: the places looked in; no region; a bad AWS_ENDPOINT_URL_SSM). Unavailable when
  // a credentials or config file cannot be read.
  static Result<std::unique_ptr<SsmConnection>> open(const Environment& env, const HttpConfig& http,
                                                     std::string_view needed_by);

  SsmConnection(const SsmConnection&) = delete;
  SsmConnection& operator=(const SsmConnection&) = delete;

  SsmParameterStore& store() { return store_; }
  // Where requests go, e.g. "https://ssm.us-east-1.amazonaws.com" (safe to show).
  const std::string& endpoint() const { return connection_.endpoint(); }

 private:
  SsmConnection(const HttpConfig& http, const AwsSettings& settings);

  AwsJsonConnection connection_;
  SsmParameterStore store_;
};

}  // namespace stratus
