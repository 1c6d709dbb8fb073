// Test support for DynamoDB adapters against dynalite: the one dynalite a test binary shares
// (started on first use on a free 127.0.0.1 port, stopped at exit), and DynamoDB clients on it,
// each over the HttpClient it is given, SigV4-signed with test keys (dynalite checks only the
// signature's shape), retrying throttling and unsent requests quickly.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "adapters/aws/aws_json_client.h"
#include "adapters/dynamodb/dynamo_client.h"
#include "adapters/dynamodb/dynamo_ledger.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/sleeper.h"
#include "dynalite_server.h"
#include "ports/clock.h"

namespace stratus::test {

// The time requests are signed with (dynalite does not check it).
class DynaliteSigningClock : public Clock {
 public:
  Timestamp now() const override { return *parse_utc_timestamp("2015-08-24T12:00:00Z"); }
};

inline const DynaliteServer& shared_dynalite() {
  static const std::unique_ptr<DynaliteServer> server = [] {
    auto started = DynaliteServer::start(STRATUS_SOURCE_DIR);
    if (!started.ok()) {
      ADD_FAILURE() << started.error().to_string();
      std::abort();  // Nothing here can run without it.
    }
    return std::move(started).value();
  }();
  return *server;
}

// A DynamoDB client on `http` (which must outlive it), speaking to the shared dynalite.
struct DynaliteConnection {
  explicit DynaliteConnection(HttpClient& http)
      : aws(http, {"AKIDSTRATUSTEST", "stratus-test-secret", ""},
            {.service_name = "DynamoDB",
             .endpoint = shared_dynalite().endpoint(),
             .scope = {.region = "us-east-1", .service = "dynamodb"},
             .target_prefix = "DynamoDB_20120810",
             .retry = {.max_attempts = 3,
                       .base_delay = std::chrono::milliseconds(1),
                       .max_delay = std::chrono::milliseconds(5),
                       .max_total_delay = std::chrono::milliseconds(50)}},
            clock, sleeper, random),
        client(aws) {}

  DynaliteSigningClock clock;
  ThreadSleeper sleeper;
  Mt19937RandomSource random;
  AwsJsonClient aws;
  dynamodb::DynamoClient client;
};

// A client of its own, with its own HTTP connection (for races between handles).
struct OwnDynaliteConnection {
  CurlHttpClient http;
  DynaliteConnection connection{http};
};

// A client shared by the tests of a binary.
inline dynamodb::DynamoClient& shared_dynalite_client() {
  static CurlHttpClient http;
  static DynaliteConnection connection(http);
  return connection.client;
}

// A new ledger table (key PK, indexes GSI1 and GSI2) no other test uses, named `prefix-<n>`.
inline std::string fresh_ledger_table(const std::string& prefix) {
  static std::atomic<int> next{0};
  const std::string name = prefix + "-" + std::to_string(next++);
  auto created = dynamodb::DynamoLedger::create_table(shared_dynalite_client(), name);
  EXPECT_TRUE(created.ok()) << created.error().to_string();
  return name;
}

}  // namespace stratus::test
