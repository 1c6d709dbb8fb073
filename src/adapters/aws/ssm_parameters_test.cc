// SsmParameterStore over a real CurlHttpClient against the local fake of SSM Parameter Store
// (tests/fakes/aws/fake_ssm.h) on 127.0.0.1, which checks the SigV4 signature with the key it
// knows and refuses a wrong one as SSM does.
#include "adapters/aws/ssm_parameters.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/recording_sleeper.h"
#include "fakes/aws/fake_ssm.h"

namespace stratus {
namespace {

using fakes::fake_ssm_ciphertext;
using fakes::FakeSsm;

const AwsCredentials kKnown = fakes::kFakeAwsCredentials;

// A started fake, or the test fails.
struct StartedSsm : FakeSsm {
  StartedSsm() { EXPECT_TRUE(start().ok()); }
  std::pair<std::string, std::string> stored(const std::string& name) const {
    auto p = find(name);
    return p ? std::pair{p->value, p->type} : std::pair<std::string, std::string>{};
  }
  int pages() const { return calls("GetParametersByPath"); }
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
  StartedSsm ssm;
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
  StartedSsm ssm;
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
  StartedSsm ssm;
  ssm.set("/stratus/prod/secrets/alpaca_secret_key", "s3cr3t", "SecureString");
  Stack stack(ssm.endpoint());
  auto sealed = stack.store->get_parameters_by_path("/stratus/prod", true, false);
  ASSERT_TRUE(sealed.ok()) << sealed.error().to_string();
  ASSERT_EQ(sealed->size(), 1u);
  EXPECT_EQ((*sealed)[0].value, fake_ssm_ciphertext("s3cr3t"));
  EXPECT_EQ((*sealed)[0].type, "SecureString");
  auto open = stack.store->get_parameters_by_path("/stratus/prod", true, true);
  ASSERT_TRUE(open.ok()) << open.error().to_string();
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].value, "s3cr3t");
}

TEST(SsmParameterStore, PutCreatesAndOverwritesOnlyWhenAsked) {
  StartedSsm ssm;
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
  StartedSsm ssm;
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
  StartedSsm ssm;
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
  StartedSsm ssm;
  ssm.throttle_next(2);
  ssm.set("/stratus/prod/strategy", "dip", "String");
  Stack stack(ssm.endpoint());
  auto got = stack.store->get_parameters_by_path("/stratus/prod", true, false);
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->size(), 1u);
  EXPECT_EQ(ssm.requests(), 3);
  EXPECT_EQ(stack.sleeper.waits().size(), 2u);
}

TEST(SsmParameterStore, GetParameterReadsOneDecryptedOnlyWhenAsked) {
  StartedSsm ssm;
  ssm.set("/stratus/prod/secrets/alpaca_key_id", "AKXYZ", "SecureString");
  Stack stack(ssm.endpoint());
  auto open = stack.store->get_parameter("/stratus/prod/secrets/alpaca_key_id", true);
  ASSERT_TRUE(open.ok()) << open.error().to_string();
  EXPECT_EQ(open->value, "AKXYZ");
  EXPECT_EQ(open->type, "SecureString");
  auto sealed = stack.store->get_parameter("/stratus/prod/secrets/alpaca_key_id", false);
  ASSERT_TRUE(sealed.ok()) << sealed.error().to_string();
  EXPECT_EQ(sealed->value, fake_ssm_ciphertext("AKXYZ"));

  auto missing = stack.store->get_parameter("/stratus/prod/secrets/nothing", true);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound) << missing.error().to_string();
  EXPECT_NE(missing.error().to_string().find("ParameterNotFound"), std::string::npos);
  auto relative = stack.store->get_parameter("stratus/x", true);
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(ssm.calls("GetParameter"), 3);
}

// The fake answers as SSM does: metadata on every parameter, versions counted per overwrite,
// SSM's validation of names, types, tiers, MaxResults and tokens.
TEST(FakeSsm, AnswersWithSsmMetadataAndValidatesAsSsmDoes) {
  StartedSsm ssm;
  Stack stack(ssm.endpoint());
  ASSERT_TRUE(stack.store->put_parameter("/stratus/prod/strategy", "dip", "String", false).ok());
  auto first = stack.client->call("GetParameter", {{"Name", "/stratus/prod/strategy"}}, true);
  ASSERT_TRUE(first.ok()) << first.error().to_string();
  const auto& p = (*first)["Parameter"];
  EXPECT_EQ(p["Version"], 1);
  EXPECT_EQ(p["DataType"], "text");
  EXPECT_EQ(p["ARN"], "arn:aws:ssm:us-east-1:123456789012:parameter/stratus/prod/strategy");
  EXPECT_TRUE(p["LastModifiedDate"].is_number());
  auto put = stack.client->call(
      "PutParameter", {{"Name", "/stratus/prod/strategy"}, {"Value", "x"}, {"Overwrite", true}},
      true);
  ASSERT_TRUE(put.ok()) << put.error().to_string();
  EXPECT_EQ((*put)["Version"], 2);  // Type kept from the existing parameter.
  EXPECT_EQ(ssm.find("/stratus/prod/strategy")->type, "String");

  auto refused = [&](const std::string& operation, const nlohmann::json& request) {
    auto answer = stack.client->exchange(operation, request, true);
    return answer.ok() && answer->error ? answer->error->type : std::string("(accepted)");
  };
  EXPECT_EQ(refused("PutParameter", {{"Name", "/aws/x"}, {"Value", "1"}, {"Type", "String"}}),
            "ValidationException");
  EXPECT_EQ(refused("PutParameter", {{"Name", "a/b"}, {"Value", "1"}, {"Type", "String"}}),
            "ValidationException");
  EXPECT_EQ(refused("PutParameter", {{"Name", "/new"}, {"Value", "1"}}), "ValidationException");
  EXPECT_EQ(refused("PutParameter", {{"Name", "/x"}, {"Value", "1"}, {"Type", "Number"}}),
            "ValidationException");
  EXPECT_EQ(refused("PutParameter",
                    {{"Name", "/x"}, {"Value", "1"}, {"Type", "String"}, {"Tier", "Gold"}}),
            "ValidationException");
  EXPECT_EQ(refused("PutParameter",
                    {{"Name", "/x"}, {"Value", std::string(4097, 'v')}, {"Type", "String"}}),
            "ValidationException");
  EXPECT_EQ(refused("PutParameter", {{"Name", "/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16"},
                                     {"Value", "1"},
                                     {"Type", "String"}}),
            "HierarchyLevelLimitExceededException");
  EXPECT_EQ(refused("GetParametersByPath", {{"Path", "/stratus"}, {"MaxResults", 11}}),
            "ValidationException");
  EXPECT_EQ(refused("GetParametersByPath", {{"Path", "/stratus"}, {"NextToken", "forged"}}),
            "ValidationException");
  EXPECT_EQ(refused("DeleteParameter", {{"Name", "/x"}}), "UnknownOperationException");
  EXPECT_EQ(ssm.parameters().size(), 1u);
}

}  // namespace
}  // namespace stratus
