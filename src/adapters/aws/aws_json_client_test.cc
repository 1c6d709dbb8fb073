// AwsJsonClient over a real CurlHttpClient and cpp-httplib servers on 127.0.0.1: throttling is
// retried with backoff and a fresh signature, error answers become Stratus errors, and a server
// that recomputes the SigV4 signature of what it received accepts the client's requests.
#include "adapters/aws/aws_json_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "adapters/aws/sigv4_verifier.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/recording_sleeper.h"
#include "local_http_server.h"

namespace stratus {
namespace {

using http_test::LocalHttpServer;
using std::chrono::milliseconds;
using Waits = std::vector<milliseconds>;

const Timestamp kStart = parse_utc_timestamp("2026-03-02T15:00:00Z").value();
const AwsCredentials kKeys{.access_key_id = "AKIDSTRATUSTEST",
                           .secret_access_key = "stratus-test-secret/key+0123456789abcdef",
                           .session_token = "stratus-session-token=="};
constexpr RetryPolicy kPolicy{.max_attempts = 4,
                              .base_delay = milliseconds{100},
                              .max_delay = milliseconds{1000},
                              .max_total_delay = milliseconds{30'000}};

std::string json_error(const std::string& type, const std::string& message) {
  return R"({"__type":"com.amazonaws.dynamodb.v20120810#)" + type + R"(","message":")" + message +
         R"("})";
}

// What the fake service saw of each request.
struct Seen {
  std::string target;
  std::string content_type;
  std::string amz_date;
  std::string token;
  std::string body;
};

// A DynamoDB-like endpoint on POST / whose answers a test scripts per request number.
class FakeAwsService {
 public:
  using Script = std::function<void(int n, const httplib::Request&, httplib::Response&)>;
  explicit FakeAwsService(Script script) : script_(std::move(script)) {
    server_.routes().Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      int n = 0;
      {
        std::lock_guard lock(mutex_);
        seen_.push_back({req.get_header_value("X-Amz-Target"), req.get_header_value("Content-Type"),
                         req.get_header_value("X-Amz-Date"),
                         req.get_header_value("X-Amz-Security-Token"), req.body});
        n = static_cast<int>(seen_.size());
      }
      script_(n, req, res);
    });
    server_.start();
  }
  std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(server_.port()); }
  std::vector<Seen> seen() const {
    std::lock_guard lock(mutex_);
    return seen_;
  }

 private:
  Script script_;
  LocalHttpServer server_;
  mutable std::mutex mutex_;
  std::vector<Seen> seen_;
};

void answer_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_header("x-amzn-RequestId", "REQ" + std::to_string(status));
  res.set_content(body, "application/x-amz-json-1.0");
}

// A client and its fake time, fixed jitter of one half and recorded sleeps.
struct Stack {
  Stack(const std::string& endpoint, AwsCredentials keys = kKeys)
      : sleeper(&clock),
        client(curl, std::move(keys),
               {.service_name = "DynamoDB",
                .endpoint = endpoint,
                .scope = {.region = "us-east-1", .service = "dynamodb"},
                .target_prefix = "DynamoDB_20120810",
                .content_type = "application/x-amz-json-1.0",
                .retry = kPolicy},
               clock, sleeper, random) {}

  SettableClock clock{kStart};
  FixedRandomSource random{0.5};
  CurlHttpClient curl;
  RecordingSleeper sleeper;
  AwsJsonClient client;
};

const nlohmann::json kPut = {{"TableName", "ledger"}, {"Item", {{"pk", {{"S", "a"}}}}}};

TEST(AwsJsonClient, ThrottledTwiceThenAnsweredWithBackoffAndAFreshSignatureEachTime) {
  FakeAwsService service([](int n, const httplib::Request&, httplib::Response& res) {
    if (n <= 2) {
      answer_json(res, 400, json_error("ThrottlingException", "Rate of requests exceeds"));
    } else {
      answer_json(res, 200, R"({"ConsumedCapacity":{"TableName":"ledger"}})");
    }
  });
  Stack stack(service.endpoint());

  // A write (not idempotent) is still retried: a throttled request was not acted on.
  auto result = stack.client.call("PutItem", kPut, /*idempotent=*/false);

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ((*result)["ConsumedCapacity"]["TableName"], "ledger");
  const auto seen = service.seen();
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(stack.sleeper.waits(), (Waits{milliseconds{50}, milliseconds{100}}));
  EXPECT_EQ(seen[0].target, "DynamoDB_20120810.PutItem");
  EXPECT_EQ(seen[0].content_type, "application/x-amz-json-1.0");
  EXPECT_EQ(nlohmann::json::parse(seen[0].body), kPut);
  // The sleeper moved the clock on a second each time, and each attempt was signed anew.
  EXPECT_EQ(seen[0].amz_date, "20260302T150000Z");
  EXPECT_EQ(seen[1].amz_date, "20260302T150001Z");
  EXPECT_EQ(seen[2].amz_date, "20260302T150002Z");
}

TEST(AwsJsonClient, ThrottlingThatOutlastsTheRetriesIsUnavailableWithItsType) {
  FakeAwsService service([](int, const httplib::Request&, httplib::Response& res) {
    res.set_header("x-amzn-ErrorType", "ProvisionedThroughputExceededException:");
    answer_json(res, 400, R"({"message":"The level of configured provisioned throughput ..."})");
  });
  Stack stack(service.endpoint());

  auto answer = stack.client.exchange("GetItem", {{"TableName", "ledger"}}, true);
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  EXPECT_EQ(answer->attempts, kPolicy.max_attempts);
  ASSERT_TRUE(answer->error.has_value());
  EXPECT_EQ(answer->error->type, "ProvisionedThroughputExceededException");
  EXPECT_EQ(answer->error->request_id, "REQ400");

  auto result = stack.client.call("GetItem", {{"TableName", "ledger"}}, true);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(result.error().context, "DynamoDB GetItem");
  EXPECT_NE(result.error().message.find("ProvisionedThroughputExceededException"),
            std::string::npos);
  EXPECT_EQ(service.seen().size(), 2u * kPolicy.max_attempts);
}

TEST(AwsJsonClient, ConditionalCheckFailureIsAConflictAndNotRetried) {
  FakeAwsService service([](int, const httplib::Request&, httplib::Response& res) {
    answer_json(res, 400,
                json_error("ConditionalCheckFailedException", "The conditional request failed"));
  });
  Stack stack(service.endpoint());

  auto result = stack.client.call("PutItem", kPut, false);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(result.error().to_string(),
            "DynamoDB PutItem: ConditionalCheckFailedException: The conditional request failed "
            "(HTTP 400, request id REQ400)");
  EXPECT_EQ(service.seen().size(), 1u);
  EXPECT_TRUE(stack.sleeper.waits().empty());
}

TEST(AwsJsonClient, ServerErrorsAreRetriedOnlyForIdempotentCalls) {
  FakeAwsService service([](int n, const httplib::Request&, httplib::Response& res) {
    if (n == 1 || n == 2) {
      answer_json(res, 500, json_error("InternalServerError", "Internal server error"));
    } else {
      answer_json(res, 200, "{}");
    }
  });
  Stack stack(service.endpoint());

  auto write = stack.client.call("PutItem", kPut, /*idempotent=*/false);
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(service.seen().size(), 1u);

  auto read = stack.client.call("GetItem", {{"TableName", "ledger"}}, /*idempotent=*/true);
  ASSERT_TRUE(read.ok()) << read.error().to_string();
  EXPECT_EQ(service.seen().size(), 3u);
}

TEST(AwsJsonClient, TheServerRecomputesAndAcceptsTheSignature) {
  const AwsCredentials server_keys = kKeys;
  std::atomic<int> verified{0};
  FakeAwsService service([&](int, const httplib::Request& req, httplib::Response& res) {
    const std::string problem = verify_signature(req, server_keys);
    if (!problem.empty()) {
      answer_json(res, 400, json_error(problem, "signature check failed"));
      return;
    }
    ++verified;
    answer_json(res, 200, R"({"Item":{"pk":{"S":"a"}}})");
  });
  Stack stack(service.endpoint());

  auto result = stack.client.call("GetItem", {{"TableName", "ledger"}}, true);

  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ((*result)["Item"]["pk"]["S"], "a");
  EXPECT_EQ(verified.load(), 1);
  EXPECT_EQ(service.seen().at(0).token, kKeys.session_token);
}

TEST(AwsJsonClient, AWrongSecretIsRejectedWithACredentialsHintAndNoSecret) {
  FakeAwsService service([&](int, const httplib::Request& req, httplib::Response& res) {
    const std::string problem = verify_signature(req, kKeys);
    if (!problem.empty()) {
      answer_json(res, 400,
                  json_error(problem,
                             "The request signature we calculated does not "
                             "match the signature you provided."));
      return;
    }
    answer_json(res, 200, "{}");
  });
  AwsCredentials wrong = kKeys;
  wrong.secret_access_key = "not-the-right-secret-key-0000000000000000";
  Stack stack(service.endpoint(), wrong);

  auto result = stack.client.call("GetItem", {{"TableName", "ledger"}}, true);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kRejected);
  EXPECT_NE(result.error().message.find("InvalidSignatureException"), std::string::npos);
  EXPECT_NE(result.error().message.find("secret access key belongs to the access key id"),
            std::string::npos);
  EXPECT_EQ(result.error().to_string().find(wrong.secret_access_key), std::string::npos);
  EXPECT_EQ(result.error().to_string().find(wrong.session_token), std::string::npos);
  EXPECT_EQ(service.seen().size(), 1u);
}

TEST(AwsJsonClient, AnExpiredTokenIsRejectedWithAHint) {
  FakeAwsService service([](int, const httplib::Request&, httplib::Response& res) {
    answer_json(res, 400,
                R"({"__type":"com.amazon.coral.service#ExpiredTokenException",)"
                R"("message":"The security token included in the request is expired"})");
  });
  Stack stack(service.endpoint());

  auto result = stack.client.call("GetItem", {{"TableName", "ledger"}}, true);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kRejected);
  EXPECT_NE(result.error().message.find("refresh AWS_SESSION_TOKEN"), std::string::npos);
  EXPECT_EQ(service.seen().size(), 1u);
}

TEST(AwsJsonClient, ABrokenSuccessAnswerIsInternal) {
  FakeAwsService service([](int, const httplib::Request&, httplib::Response& res) {
    res.set_content("<html>proxy page</html>", "text/html");
  });
  Stack stack(service.endpoint());

  auto result = stack.client.call("GetItem", {{"TableName", "ledger"}}, true);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInternal);
  EXPECT_NE(result.error().message.find("not JSON"), std::string::npos);
}

TEST(AwsJsonClient, MissingCredentialsFailBeforeSending) {
  FakeAwsService service(
      [](int, const httplib::Request&, httplib::Response& res) { answer_json(res, 200, "{}"); });
  AwsCredentials none;
  Stack stack(service.endpoint(), none);

  auto result = stack.client.call("GetItem", {{"TableName", "ledger"}}, true);

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(result.error().message.find("access_key_id"), std::string::npos);
  EXPECT_TRUE(service.seen().empty());
}

}  // namespace
}  // namespace stratus
