// DynamoConnection: the DynamoDB client of ledger.kind = "dynamodb", built from the environment
// map (apps/stratus reads it once; nothing here calls getenv). Credentials, region and endpoint
// come from adapters/aws/aws_environment.h (AWS_ACCESS_KEY_ID, AWS_REGION,
// AWS_ENDPOINT_URL_DYNAMODB, the shared files, ...). The AwsJsonClient speaks over a plain
// CurlHttpClient: it retries (with [http]'s attempts and delays) and signs each attempt itself,
// so no RetryingHttpClient sits in front of it.
#pragma once

#include <memory>
#include <string>

#include "adapters/aws/aws_environment.h"
#include "adapters/dynamodb/dynamo_client.h"
#include "apps/stratus/aws_json_connection.h"
#include "config/config.h"
#include "domain/result.h"
#include "ports/ledger.h"
#include "ports/outbox.h"

namespace stratus {

class DynamoConnection {
 public:
  // Resolves the AWS settings of DynamoDB from `env` (nothing is sent). InvalidInput naming what
  // is missing or malformed: no credentials (the places looked in), no region (AWS_REGION,
  // AWS_DEFAULT_REGION, ...), a bad endpoint override. Unavailable when a credentials or config
  // file cannot be read.
  static Result<std::unique_ptr<DynamoConnection>> open(const Environment& env,
                                                        const HttpConfig& http);

  DynamoConnection(const DynamoConnection&) = delete;
  DynamoConnection& operator=(const DynamoConnection&) = delete;

  dynamodb::DynamoClient& client() { return client_; }
  // Where requests go, e.g. "https://dynamodb.us-east-1.amazonaws.com" (safe to show).
  const std::string& endpoint() const { return connection_.endpoint(); }

 private:
  DynamoConnection(const HttpConfig& http, const AwsSettings& settings);

  AwsJsonConnection connection_;
  dynamodb::DynamoClient client_;
};

// The command that creates the ledger table, for error messages.
inline constexpr const char* kCreateTableCommand = "stratus ledger create-table";

// A DynamoLedger on `table`, after checking that the table exists. NotFound when it does not,
// saying to create it with `stratus ledger create-table`; the errors of DescribeTable otherwise.
// REQUIRES: `connection` outlives the ledger.
Result<std::unique_ptr<Ledger>> open_dynamo_ledger(DynamoConnection& connection,
                                                   const std::string& table);

// A DynamoOutbox in the ledger table `table`, after the same check as open_dynamo_ledger().
// REQUIRES: `connection` outlives the outbox.
Result<std::unique_ptr<Outbox>> open_dynamo_outbox(DynamoConnection& connection,
                                                   const std::string& table);

}  // namespace stratus
