#include "apps/stratus/dynamo_connection.h"

#include <chrono>
#include <utility>

#include "adapters/dynamodb/dynamo_ledger.h"

namespace stratus {
namespace {

constexpr const char* kNeeds = "ledger.kind = \"dynamodb\" needs ";

RetryPolicy retry_policy(const HttpConfig& http) {
  RetryPolicy policy;
  policy.max_attempts = http.max_attempts;
  policy.base_delay = std::chrono::milliseconds(http.base_delay_ms);
  policy.max_delay = std::chrono::milliseconds(http.max_delay_ms);
  policy.max_total_delay = std::chrono::milliseconds(http.max_total_delay_ms);
  return policy;
}

CurlOptions curl_options(const HttpConfig& http) {
  CurlOptions options;
  options.connect_timeout = std::chrono::milliseconds(http.connect_timeout_ms);
  options.total_timeout = std::chrono::milliseconds(http.total_timeout_ms);
  return options;
}

}  // namespace

Result<std::unique_ptr<DynamoConnection>> DynamoConnection::open(const Environment& env,
                                                                 const HttpConfig& http) {
  auto credentials = resolve_aws_credentials(env);
  if (!credentials.ok()) {
    // No credentials anywhere is a setup mistake the user fixes, like a missing Alpaca key.
    if (credentials.error().code == ErrorCode::kNotFound) {
      return Error::invalid_input(std::string(kNeeds) +
                                  "AWS credentials (AWS_ACCESS_KEY_ID and "
                                  "AWS_SECRET_ACCESS_KEY): " +
                                  credentials.error().message);
    }
    return credentials.error();
  }
  auto region = resolve_aws_region(env);
  if (!region.ok()) {
    Error error = region.error();
    error.message = std::string(kNeeds) + "an AWS region: " + error.message;
    return error;
  }
  STRATUS_ASSIGN_OR_RETURN(std::string endpoint,
                           resolve_aws_endpoint(env, kDynamoDbService, *region));
  AwsSettings settings{.credentials = std::move(*credentials),
                       .region = std::move(*region),
                       .endpoint = std::move(endpoint),
                       .signing_service = kDynamoDbService.signing_name};
  return std::unique_ptr<DynamoConnection>(new DynamoConnection(http, std::move(settings)));
}

DynamoConnection::DynamoConnection(const HttpConfig& http, AwsSettings settings)
    : endpoint_(settings.endpoint),
      http_(curl_options(http)),
      aws_(http_, settings.credentials.credentials,
           AwsJsonClientOptions{.service_name = kDynamoDbService.id,
                                .endpoint = settings.endpoint,
                                .scope = settings.scope(),
                                .target_prefix = "DynamoDB_20120810",
                                .retry = retry_policy(http)},
           clock_, sleeper_, random_),
      client_(aws_) {}

Result<std::unique_ptr<Ledger>> open_dynamo_ledger(DynamoConnection& connection,
                                                   const std::string& table) {
  auto status = connection.client().table_status(table);
  if (!status.ok()) {
    if (status.error().code == ErrorCode::kNotFound) {
      return Error::not_found("the DynamoDB ledger table \"" + table + "\" does not exist at " +
                                  connection.endpoint() +
                                  "; create it with: " + kCreateTableCommand,
                              "ledger.table");
    }
    return status.error();
  }
  dynamodb::DynamoLedgerOptions options;
  options.table = table;
  return std::unique_ptr<Ledger>(
      std::make_unique<dynamodb::DynamoLedger>(connection.client(), std::move(options)));
}

}  // namespace stratus
