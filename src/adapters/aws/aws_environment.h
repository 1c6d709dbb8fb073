// Where Stratus's AWS calls get their credentials, region and endpoint: the same sources, in the
// same order, as the AWS CLI, read from an environment map (never getenv: the caller passes the
// process environment, tests pass their own) plus the shared credentials and config files.
//
// Credentials (first that applies):
//   1. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN) in the environment;
//   2. profile AWS_PROFILE (default "default") in the shared credentials file
//      AWS_SHARED_CREDENTIALS_FILE (default $HOME/.aws/credentials), section [<profile>];
//   3. the same profile in the config file AWS_CONFIG_FILE (default $HOME/.aws/config), section
//      [profile <profile>] ([default] for the default profile);
//   keys aws_access_key_id, aws_secret_access_key, aws_session_token.
// Region: AWS_REGION > AWS_DEFAULT_REGION > `region` of the profile in the config file.
// Endpoint of a service: AWS_ENDPOINT_URL_<SERVICE> (service id upper-cased, spaces to
// underscores, e.g. AWS_ENDPOINT_URL_DYNAMODB) > AWS_ENDPOINT_URL >
// https://<endpoint prefix>.<region>.amazonaws.com. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true
// skips the two overrides, as in the AWS CLI.
// A leading "~/" in a file path is $HOME. A missing file is simply not a source; a malformed
// one is an error. Profiles that need other providers (role_arn, credential_process, sso_*) are
// not supported and say so.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "adapters/aws/sigv4.h"
#include "domain/result.h"

namespace stratus {

// Environment variables by name, e.g. built from `environ` in main().
using Environment = std::map<std::string, std::string>;

// How an AWS service is named in endpoints, environment variables and signatures.
struct AwsService {
  std::string id;               // Service id, as in AWS_ENDPOINT_URL_<ID>: "DynamoDB".
  std::string endpoint_prefix;  // Host prefix: "dynamodb" -> dynamodb.<region>.amazonaws.com.
  std::string signing_name;     // SigV4 scope service: "dynamodb".
};
inline const AwsService kDynamoDbService{"DynamoDB", "dynamodb", "dynamodb"};
inline const AwsService kSsmService{"SSM", "ssm", "ssm"};
inline const AwsService kSnsService{"SNS", "sns", "sns"};

struct ResolvedCredentials {
  AwsCredentials credentials;
  // Where they came from, safe to show: "environment (AWS_ACCESS_KEY_ID)" or
  // "/home/ops/.aws/credentials [prod]".
  std::string source;
};

// Credentials by the order above. Errors (never containing a secret value):
//   InvalidInput when only one of AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY is set, when a
//     profile has a key id without a secret (or the reverse), when AWS_PROFILE names a profile
//     found in neither file, or when a file is malformed (context "<path>:<line>");
//   NotFound when there are no credentials anywhere: the message lists every place looked in;
//   Unavailable when a file exists but cannot be read.
Result<ResolvedCredentials> resolve_aws_credentials(const Environment& env);

// The region by the order above. InvalidInput when none is configured (the message lists where
// it looked) or the value is not a region name (lower-case letters, digits and '-').
Result<std::string> resolve_aws_region(const Environment& env);

// The base URL ("https://dynamodb.eu-west-1.amazonaws.com", or an override as written, without
// a trailing '/') for `service` in `region`. InvalidInput when an override is not an absolute
// http(s) URL (naming the variable) or `region` is empty.
Result<std::string> resolve_aws_endpoint(const Environment& env, const AwsService& service,
                                         std::string_view region);

// "AWS_ENDPOINT_URL_" + the service id upper-cased with spaces as underscores.
std::string endpoint_variable_name(std::string_view service_id);

// Everything one AWS client needs.
struct AwsSettings {
  ResolvedCredentials credentials;
  std::string region;
  std::string endpoint;
  std::string signing_service;  // The service's SigV4 name.
  SigningScope scope() const { return {region, signing_service}; }
};
// Credentials, region and endpoint of `service` together; the first error wins.
Result<AwsSettings> resolve_aws_settings(const Environment& env, const AwsService& service);

}  // namespace stratus
