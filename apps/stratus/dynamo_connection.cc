#include "apps/stratus/dynamo_connection.h"

#include <utility>

#include "adapters/dynamodb/dynamo_ledger.h"
#include "adapters/dynamodb/dynamo_outbox.h"
#include "apps/stratus/aws_settings.h"
#include "apps/stratus/http_stack.h"

namespace stratus {

Result<std::unique_ptr<DynamoConnection>> DynamoConnection::open(const Environment& env,
                                                                 const HttpConfig& http) {
  STRATUS_ASSIGN_OR_RETURN(
      AwsSettings settings,
      aws_settings_for(env, kDynamoDbService, "ledger.kind = \"dynamodb\"", "DynamoDB"));
  return std::unique_ptr<DynamoConnection>(new DynamoConnection(http, std::move(settings)));
}

DynamoConnection::DynamoConnection(const HttpConfig& http, const AwsSettings& settings)
    : connection_(http, settings,
                  AwsJsonClientOptions{.service_name = kDynamoDbService.id,
                                       .endpoint = settings.endpoint,
                                       .scope = settings.scope(),
                                       .target_prefix = "DynamoDB_20120810",
                                       .retry = retry_policy_from(http)}),
      client_(connection_.client()) {}

namespace {

// OK when the ledger table exists; NotFound saying how to create it otherwise.
Status require_ledger_table(DynamoConnection& connection, const std::string& table) {
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
  return {};
}

}  // namespace

Result<std::unique_ptr<Ledger>> open_dynamo_ledger(DynamoConnection& connection,
                                                   const std::string& table) {
  STRATUS_RETURN_IF_ERROR(require_ledger_table(connection, table));
  dynamodb::DynamoLedgerOptions options;
  options.table = table;
  return std::unique_ptr<Ledger>(
      std::make_unique<dynamodb::DynamoLedger>(connection.client(), std::move(options)));
}

Result<std::unique_ptr<Outbox>> open_dynamo_outbox(DynamoConnection& connection,
                                                   const std::string& table) {
  STRATUS_RETURN_IF_ERROR(require_ledger_table(connection, table));
  dynamodb::DynamoOutboxOptions options;
  options.table = table;
  return std::unique_ptr<Outbox>(
      std::make_unique<dynamodb::DynamoOutbox>(connection.client(), std::move(options)));
}

}  // namespace stratus
