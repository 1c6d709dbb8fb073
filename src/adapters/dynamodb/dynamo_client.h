// DynamoClient: the few DynamoDB operations Stratus uses (CreateTable, DescribeTable, GetItem,
// PutItem, UpdateItem, Query with pagination), as typed requests over AwsJsonClient (the JSON 1.0
// protocol on the HttpClient port, SigV4-signed, throttling retried: adapters/aws). No AWS SDK.
// Items and values are DynamoDB's typed JSON (attribute_value.h).
//
// Errors: those of AwsJsonClient::call(): the HttpClient's (Unavailable, Ambiguous,
// InvalidInput) and error answers as aws_error.h maps them (ConditionalCheckFailedException and
// ResourceInUseException -> Conflict, throttling -> Unavailable, ResourceNotFoundException ->
// NotFound, ValidationException -> InvalidInput, credentials -> Rejected).
// Reads are sent as idempotent requests; writes are not, so a write that may have been applied
// is never resent behind the caller's back (the caller decides, e.g. by re-reading).
// Thread-safe when the AwsJsonClient is.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/aws/aws_json_client.h"
#include "adapters/dynamodb/attribute_value.h"
#include "domain/result.h"

namespace stratus::dynamodb {

// An expression's placeholders: "#name" -> attribute name, ":value" -> typed value.
struct Placeholders {
  nlohmann::json names = nlohmann::json::object();
  nlohmann::json values = nlohmann::json::object();
};

// A global secondary index with string keys, projecting every attribute.
struct IndexSpec {
  std::string name;
  std::string partition_key;
  std::string sort_key;  // Empty: none.
};

// A table with string keys, billed per request.
struct TableSpec {
  std::string name;
  std::string partition_key;
  std::string sort_key;  // Empty: none.
  std::vector<IndexSpec> indexes;
};

struct PutItemRequest {
  std::string table;
  Item item;
  std::string condition;  // ConditionExpression; empty: unconditional.
  Placeholders placeholders;
};

struct UpdateItemRequest {
  std::string table;
  Item key;
  std::string update;     // UpdateExpression.
  std::string condition;  // ConditionExpression; empty: unconditional.
  Placeholders placeholders;
  std::string return_values = "NONE";  // NONE, ALL_NEW, ALL_OLD, UPDATED_NEW, UPDATED_OLD.
};

struct QueryRequest {
  std::string table;
  std::string index;  // Empty: the table itself.
  std::string key_condition;
  std::string filter;  // FilterExpression; empty: none.
  Placeholders placeholders;
  int limit = 0;             // Items evaluated per page (0: DynamoDB's 1 MB pages).
  bool consistent = false;   // Tables only; indexes are always eventually consistent.
  Item exclusive_start_key;  // Null or empty: from the start.
};

struct QueryPage {
  std::vector<Item> items;
  Item last_evaluated_key;  // Null when this was the last page.
};

class DynamoClient {
 public:
  // Speaks through `aws`, configured for DynamoDB (target prefix "DynamoDB_20120810", signing
  // name "dynamodb", content type application/x-amz-json-1.0); it must outlive the client.
  explicit DynamoClient(AwsJsonClient& aws) : aws_(&aws) {}

  // One call: `operation` ("GetItem") with `body`; returns the answer's JSON.
  Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& body,
                              bool idempotent);

  // Creates `spec` and waits until it (and its indexes) are ACTIVE, polling DescribeTable for at
  // most `wait`. Conflict when the table already exists; Unavailable when it did not become
  // ACTIVE in time.
  Status create_table(const TableSpec& spec,
                      std::chrono::milliseconds wait = std::chrono::seconds(60));

  // The table's TableStatus ("CREATING", "ACTIVE", ...); NotFound when there is no such table.
  Result<std::string> table_status(std::string_view table);

  // The item with `key`, or nullopt. Strongly consistent unless `consistent` is false.
  Result<std::optional<Item>> get_item(std::string_view table, const Item& key,
                                       bool consistent = true);

  // Conflict when the condition failed (nothing written).
  Status put_item(const PutItemRequest& request);

  // Returns the "Attributes" the request's return_values asks for (an empty object for NONE).
  // Conflict when the condition failed (nothing written).
  Result<Item> update_item(const UpdateItemRequest& request);

  // One page of a query.
  Result<QueryPage> query(const QueryRequest& request);

  // Every page of a query, following LastEvaluatedKey, items in the order DynamoDB returned.
  Result<std::vector<Item>> query_all(QueryRequest request);

 private:
  AwsJsonClient* aws_;
};

}  // namespace stratus::dynamodb
