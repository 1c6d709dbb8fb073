// SsmParameterStore over a real CurlHttpClient against a local fake of SSM Parameter Store on
// 127.0.0.1 (from the SSM API reference: AWS JSON 1.1, X-Amz-Target AmazonSSM.<operation>;
// GetParametersByPath with Path, Recursive, WithDecryption, MaxResults <= 10 and NextToken;
// PutParameter with Name, Value, Type, Overwrite; errors as {"__type", "message"} with HTTP 400).
// The fake checks the SigV4 signature with the key it knows and refuses a wrong one as SSM does.
#include "adapters/aws/ssm_parameters.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "adapters/aws/sigv4_verifier.h"
#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/recording_sleeper.h"
#include "local_http_server.h"

namespace stratus {
namespace {

const AwsCredentials kKnown{.access_key_id = "AKIDSSMTEST",
                            .secret_access_key = "ssm-test-secret/key+0123456789",
                            .session_token = ""};

// The fake's stand-in for KMS encryption: what a SecureString reads as without decryption.
std::string ciphertext_of(const std::string& value) { return "AQICAHciphertext:" + value; }

class FakeSsm {
 public:
  // `throttle_first`: how many requests to answer with ThrottlingException first.
  explicit FakeSsm(int throttle_first = 0) : throttle_left_(throttle_first) {
    server_.routes().Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(mutex_);
      ++requests_;
      auto fail = [&](const std::string& type, const std::string& message) {
        res.status = 400;
        res.set_content(nlohmann::json{{"__type", type}, {"message", message}}.dump(),
                        "application/x-amz-json-1.1");
      };
      if (const std::string bad = verify_signature(req, kKnown); !bad.empty()) {
        return fail(bad, "The request signature we calculated does not match");
      }
      if (req.get_header_value("Content-Type") != "application/x-amz-json-1.1") {
        return fail("SerializationException", "expected application/x-amz-json-1.1");
      }
      if (throttle_left_ > 0) {
        --throttle_left_;
        return fail("ThrottlingException", "Rate exceeded");
      }
      const auto body = nlohmann::json::parse(req.body, nullptr, false);
      const std::string target = req.get_header_value("X-Amz-Target");
      nlohmann::json answer;
      std::string error_type, error_message;
      if (target == "AmazonSSM.GetParametersByPath") {
        answer = get_by_path(body, error_type, error_message);
      } else if (target == "AmazonSSM.PutParameter") {
        answer = put(body, error_type, error_message);
      } else {
        error_type = "UnknownOperationException";
      }
      if (!error_type.empty()) return fail(error_type, error_message);
      res.set_content(answer.dump(), "application/x-amz-json-1.1");
    });
    server_.start();
  }

  void set(const std::string& name, const std::string& value, const std::string& type) {
    std::lock_guard lock(mutex_);
    stored_[name] = {value, type};
  }
  std::pair<std::string, std::string> stored(const std::string& name) {
    std::lock_guard lock(mutex_);
    return stored_.at(name);
  }
  int requests() {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  int pages() {
    std::lock_guard lock(mutex_);
    return pages_;
  }
  std::string endpoint() const { return server_.url(""); }

 private:
  nlohmann::json get_by_path(const nlohmann::json& body, std::string& error_type,
                             std::string& error_message) {
    const std::string path = body.value("Path", "");
    const int max_results = body.value("MaxResults", 10);
    if (path.empty() || path.front() != '/') {
      error_type = "ValidationException";
      error_message = "Parameter path: must start with /";
      return {};
    }
    if (max_results < 1 || max_results > 10) {
      error_type = "ValidationException";
      error_message = "MaxResults must be between 1 and 10";
      return {};
    }
    const std::string under = path.back() == '/' ? path : path + "/";
    std::vector<std::string> names;
    for (const auto& [name, _] : stored_) {
      if (name.rfind(under, 0) != 0) continue;
      if (!body.value("Recursive", false) && name.find('/', under.size()) != std::string::npos) {
        continue;
      }
      names.push_back(name);
    }
    std::size_t start = 0;
    if (body.contains("NextToken")) start = std::stoul(body["NextToken"].get<std::string>());
    nlohmann::json parameters = nlohmann::json::array();
    for (std::size_t i = start; i < names.size() && i < start + max_results; ++i) {
      const auto& [value, type] = stored_.at(names[i]);
      const bool plain = type != "SecureString" || body.value("WithDecryption", false);
      parameters.push_back({{"Name", names[i]},
                            {"Type", type},
                            {"Value", plain ? value : ciphertext_of(value)},
                            {"Version", 1}});
    }
    ++pages_;
    nlohmann::json answer = {{"Parameters", parameters}};
    if (start + max_results < names.size()) {
      answer["NextToken"] = std::to_string(start + max_results);
    }
    return answer;
  }

  nlohmann::json put(const nlohmann::json& body, std::string& error_type,
                     std::string& error_message) {
    const std::string name = body.value("Name", "");
    const std::string type = body.value("Type", "String");
    if (stored_.count(name) != 0 && !body.value("Overwrite", false)) {
      error_type = "ParameterAlreadyExists";
      error_message =
          "The parameter already exists. To overwrite this value, set the "
          "overwrite option in the request to true.";
      return {};
    }
    stored_[name] = {body.value("Value", ""), type};
    return {{"Version", 1}, {"Tier", "Standard"}};
  }

  http_test::LocalHttpServer server_;
  std::mutex mutex_;
  std::map<std::string, std::pair<std::string, std::string>> stored_;
  int throttle_left_ = 0;
  int requests_ = 0;
  int pages_ = 0;
};

// A whole client stack against one endpoint.
struct Stack {
  Stack(const std::string& endpoint, AwsCredentials keys = kKnown) {
    AwsSettings settings;
    settings.region = "us-east-1";
    settings.endpoint = endpoint;
    settings.signing_service = "ssm";
    client = std::make_unique<AwsJsonClient>(
        curl, keys,
        ssm_json_client_options(settings, {.max_attempts = 4,
                                           .base_delay = std::chrono::milliseconds{100},
                                           .max_delay = std::chrono::milliseconds{1000},
                                           .max_total_delay = std::chrono::milliseconds{10'000}}),
        clock, sleeper, random);
    store = std::make_unique<SsmParameterStore>(*client);
  }
  CurlHttpClient curl;
  SystemClock clock;
  RecordingSleeper sleeper;
  FixedRandomSource random{0.5};
  std::unique_ptr<AwsJsonClient> client;
  std::unique_ptr<SsmParameterStore> store;
};

std::map<std::string, std::string> by_name(const std::vector<SsmParameter>& parameters) {
  std::map<std::string, std::string> out;
  for (const auto& p : parameters) out[p.name] = p.value + " (" + p.type + ")";
  return out;
}

TEST(SsmParameterStore, ReadsDirectChildrenOrTheWholeTree) {
  FakeSsm ssm;
  ssm.set("/stratus/prod/strategy", "dip", "String");
  ssm.set("/stratus/prod/limits/monthly_share_cap", "3", "String");
  ssm.set("/stratus/prodx/strategy", "other", "String");
  ssm.set("/stratus/dev/strategy", "dev", "String");
  Stack stack(ssm.endpoint());

  auto direct = stack.store->get_parameters_by_path("/stratus/prod", false, false);
  ASSERT_TRUE(direct.ok()) << direct.error().to_string();
  EXPECT_EQ(by_name(*direct),
            (std::map<std::string, std::string>{{"/stratus/prod/strategy", "dip (String)"}}));

  auto all = stack.store->get_parameters_by_path("/stratus/prod", true, false);
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  EXPECT_EQ(by_name(*all), (std::map<std::string, std::string>{
                               {"/stratus/prod/limits/monthly_share_cap", "3 (String)"},
                               {"/stratus/prod/strategy", "dip (String)"}}));
}

TEST(SsmParameterStore, FollowsNextTokenAcrossSeveralPages) {
  FakeSsm ssm;
  std::set<std::string> expected;
  for (int i = 0; i < 23; ++i) {
    const std::string name = "/stratus/prod/limits/symbol_caps/S" + std::to_string(100 + i);
    ssm.set(name, std::to_string(i), "String");
    expected.insert(name);
  }
  Stack stack(ssm.endpoint());
  auto all = stack.store->get_parameters_by_path("/stratus/prod", true, false);
  ASSERT_TRUE(all.ok()) << all.error().to_string();
  std::set<std::string> names;
  for (const auto& p : *all) names.insert(p.name);
  EXPECT_EQ(names, expected);
  EXPECT_EQ(all->size(), 23u);  // No page read twice.
  EXPECT_EQ(ssm.pages(), 3);    // 10 + 10 + 3.
}

TEST(SsmParameterStore, SecureStringsAreDecryptedOnlyWhenAsked) {
  FakeSsm ssm;
  ssm.set("/stratus/prod/secrets/alpaca_secret_key", "s3cr3t", "SecureString");
  Stack stack(ssm.endpoint());
  auto sealed = stack.store->get_parameters_by_path("/stratus/prod", true, false);
  ASSERT_TRUE(sealed.ok()) << sealed.error().to_string();
  ASSERT_EQ(sealed->size(), 1u);
  EXPECT_EQ((*sealed)[0].value, ciphertext_of("s3cr3t"));
  EXPECT_EQ((*sealed)[0].type, "SecureString");
  auto open = stack.store->get_parameters_by_path("/stratus/prod", true, true);
  ASSERT_TRUE(open.ok()) << open.error().to_string();
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].value, "s3cr3t");
}

TEST(SsmParameterStore, PutCreatesAndOverwritesOnlyWhenAsked) {
  FakeSsm ssm;
  Stack stack(ssm.endpoint());
  ASSERT_TRUE(
      stack.store->put_parameter("/stratus/prod/watchlist", R"(["AAPL","MSFT"])", "String", false)
          .ok());
  EXPECT_EQ(ssm.stored("/stratus/prod/watchlist").first, R"(["AAPL","MSFT"])");

  auto again = stack.store->put_parameter("/stratus/prod/watchlist", "[]", "String", false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict) << again.error().to_string();
  EXPECT_NE(again.error().to_string().find("ParameterAlreadyExists"), std::string::npos);
  EXPECT_EQ(ssm.stored("/stratus/prod/watchlist").first, R"(["AAPL","MSFT"])");

  ASSERT_TRUE(
      stack.store
          ->put_parameter("/stratus/prod/secrets/alpaca_secret_key", "k", "SecureString", true)
          .ok());
  ASSERT_TRUE(stack.store->put_parameter("/stratus/prod/watchlist", "[]", "String", true).ok());
  EXPECT_EQ(ssm.stored("/stratus/prod/watchlist").first, "[]");
  EXPECT_EQ(ssm.stored("/stratus/prod/secrets/alpaca_secret_key").second, "SecureString");
}

TEST(SsmParameterStore, BadInputIsRefusedBeforeSending) {
  FakeSsm ssm;
  Stack stack(ssm.endpoint());
  for (const Status& r :
       {stack.store->put_parameter("stratus/prod/x", "1", "String", true),
        stack.store->put_parameter("/stratus/prod/x", "", "String", true),
        stack.store->put_parameter("/stratus/prod/x", "a,b", "StringList", true)}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << r.error().to_string();
  }
  auto relative = stack.store->get_parameters_by_path("stratus", true, false);
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().code, ErrorCode::kInvalidInput) << relative.error().to_string();
  EXPECT_EQ(ssm.requests(), 0);

  // Sent anyway, SSM's own ValidationException is InvalidInput too.
  auto sent = stack.client->call("GetParametersByPath", {{"Path", "stratus"}}, true);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, ErrorCode::kInvalidInput) << sent.error().to_string();
  EXPECT_NE(sent.error().to_string().find("ValidationException"), std::string::npos);
}

TEST(SsmParameterStore, SsmRefusalsBecomeStratusErrors) {
  FakeSsm ssm;
  AwsCredentials wrong = kKnown;
  wrong.secret_access_key = "not-the-secret";
  Stack bad_key(ssm.endpoint(), wrong);
  auto refused = bad_key.store->get_parameters_by_path("/stratus/prod", true, true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_NE(refused.error().to_string().find("InvalidSignatureException"), std::string::npos)
      << refused.error().to_string();
  EXPECT_EQ(refused.error().to_string().find("not-the-secret"), std::string::npos);

  AwsCredentials stranger = kKnown;
  stranger.access_key_id = "AKIDSOMEONEELSE";
  auto unknown =
      Stack(ssm.endpoint(), stranger).store->put_parameter("/stratus/x", "1", "String", true);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().to_string().find("UnrecognizedClientException"), std::string::npos)
      << unknown.error().to_string();
}

TEST(SsmParameterStore, ThrottlingIsRetriedWithAFreshSignature) {
  FakeSsm ssm(/*throttle_first=*/2);
  ssm.set("/stratus/prod/strategy", "dip", "String");
  Stack stack(ssm.endpoint());
  auto got = stack.store->get_parameters_by_path("/stratus/prod", true, false);
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->size(), 1u);
  EXPECT_EQ(ssm.requests(), 3);
  EXPECT_EQ(stack.sleeper.waits().size(), 2u);
}

}  // namespace
}  // namespace stratus
