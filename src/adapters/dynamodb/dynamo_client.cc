// DynamoClient: typed DynamoDB operations over AwsJsonClient (see dynamo_client.h).
#include "adapters/dynamodb/dynamo_client.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace stratus::dynamodb {
namespace {

void add_placeholders(nlohmann::json& body, const Placeholders& p) {
  if (!p.names.empty()) body["ExpressionAttributeNames"] = p.names;
  if (!p.values.empty()) body["ExpressionAttributeValues"] = p.values;
}

nlohmann::json key_schema(const std::string& partition, const std::string& sort) {
  nlohmann::json schema = nlohmann::json::array();
  schema.push_back({{"AttributeName", partition}, {"KeyType", "HASH"}});
  if (!sort.empty()) schema.push_back({{"AttributeName", sort}, {"KeyType", "RANGE"}});
  return schema;
}

bool has_page_key(const Item& key) { return key.is_object() && !key.empty(); }

}  // namespace

Result<nlohmann::json> DynamoClient::call(std::string_view operation, const nlohmann::json& body,
                                          bool idempotent) {
  return aws_->call(operation, body, idempotent);
}

Status DynamoClient::create_table(const TableSpec& spec, std::chrono::milliseconds wait) {
  nlohmann::json attributes = nlohmann::json::array();
  std::vector<std::string> seen;
  auto define = [&](const std::string& name) {
    if (name.empty() || std::find(seen.begin(), seen.end(), name) != seen.end()) return;
    seen.push_back(name);
    attributes.push_back({{"AttributeName", name}, {"AttributeType", "S"}});
  };
  define(spec.partition_key);
  define(spec.sort_key);
  nlohmann::json body = {{"TableName", spec.name},
                         {"KeySchema", key_schema(spec.partition_key, spec.sort_key)},
                         {"BillingMode", "PAY_PER_REQUEST"}};
  if (!spec.indexes.empty()) {
    nlohmann::json indexes = nlohmann::json::array();
    for (const auto& index : spec.indexes) {
      define(index.partition_key);
      define(index.sort_key);
      indexes.push_back({{"IndexName", index.name},
                         {"KeySchema", key_schema(index.partition_key, index.sort_key)},
                         {"Projection", {{"ProjectionType", "ALL"}}}});
    }
    body["GlobalSecondaryIndexes"] = std::move(indexes);
  }
  body["AttributeDefinitions"] = std::move(attributes);
  STRATUS_RETURN_IF_ERROR(call("CreateTable", body, false));

  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    auto status = table_status(spec.name);
    if (status.ok() && *status == "ACTIVE") return {};
    if (!status.ok() && status.error().code != ErrorCode::kNotFound) return status.error();
    if (std::chrono::steady_clock::now() >= deadline) {
      return Error::unavailable("DynamoDB table \"" + spec.name + "\" is not ACTIVE after " +
                                std::to_string(wait.count()) + " ms");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Result<std::string> DynamoClient::table_status(std::string_view table) {
  STRATUS_ASSIGN_OR_RETURN(auto answer,
                           call("DescribeTable", {{"TableName", std::string(table)}}, true));
  const auto& description = answer["Table"];
  if (!description.is_object() || !description["TableStatus"].is_string()) {
    return Error::internal("DynamoDB DescribeTable of \"" + std::string(table) +
                           "\": no Table.TableStatus in " + answer.dump());
  }
  std::string status = description["TableStatus"].get<std::string>();
  // A table is usable only once its indexes are too.
  if (status == "ACTIVE" && description.contains("GlobalSecondaryIndexes")) {
    for (const auto& index : description["GlobalSecondaryIndexes"]) {
      if (index.value("IndexStatus", "ACTIVE") != "ACTIVE") return std::string("UPDATING");
    }
  }
  return status;
}

Result<std::optional<Item>> DynamoClient::get_item(std::string_view table, const Item& key,
                                                   bool consistent) {
  STRATUS_ASSIGN_OR_RETURN(
      auto answer,
      call("GetItem",
           {{"TableName", std::string(table)}, {"Key", key}, {"ConsistentRead", consistent}},
           true));
  auto it = answer.find("Item");
  if (it == answer.end() || !it->is_object()) return std::optional<Item>();
  return std::optional<Item>(std::move(*it));
}

Status DynamoClient::put_item(const PutItemRequest& request) {
  nlohmann::json body = {{"TableName", request.table}, {"Item", request.item}};
  if (!request.condition.empty()) body["ConditionExpression"] = request.condition;
  add_placeholders(body, request.placeholders);
  STRATUS_RETURN_IF_ERROR(call("PutItem", body, false));
  return {};
}

Result<Item> DynamoClient::update_item(const UpdateItemRequest& request) {
  nlohmann::json body = {{"TableName", request.table},
                         {"Key", request.key},
                         {"UpdateExpression", request.update},
                         {"ReturnValues", request.return_values}};
  if (!request.condition.empty()) body["ConditionExpression"] = request.condition;
  add_placeholders(body, request.placeholders);
  STRATUS_ASSIGN_OR_RETURN(auto answer, call("UpdateItem", body, false));
  auto it = answer.find("Attributes");
  if (it == answer.end() || !it->is_object()) return Item::object();
  return Item(std::move(*it));
}

Result<QueryPage> DynamoClient::query(const QueryRequest& request) {
  nlohmann::json body = {{"TableName", request.table},
                         {"KeyConditionExpression", request.key_condition}};
  if (!request.index.empty()) body["IndexName"] = request.index;
  if (!request.filter.empty()) body["FilterExpression"] = request.filter;
  if (request.limit > 0) body["Limit"] = request.limit;
  if (request.consistent) body["ConsistentRead"] = true;
  if (has_page_key(request.exclusive_start_key)) {
    body["ExclusiveStartKey"] = request.exclusive_start_key;
  }
  add_placeholders(body, request.placeholders);
  STRATUS_ASSIGN_OR_RETURN(auto answer, call("Query", body, true));
  QueryPage page;
  if (auto items = answer.find("Items"); items != answer.end() && items->is_array()) {
    for (auto& item : *items) page.items.push_back(std::move(item));
  }
  if (auto last = answer.find("LastEvaluatedKey"); last != answer.end() && has_page_key(*last)) {
    page.last_evaluated_key = std::move(*last);
  }
  return page;
}

Result<std::vector<Item>> DynamoClient::query_all(QueryRequest request) {
  std::vector<Item> out;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(QueryPage page, query(request));
    for (auto& item : page.items) out.push_back(std::move(item));
    if (!has_page_key(page.last_evaluated_key)) return out;
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

}  // namespace stratus::dynamodb
