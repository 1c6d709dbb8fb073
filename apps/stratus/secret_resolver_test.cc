// SecretResolver: "env:" references from the environment map, "ssm:" references from SSM
// (GetParameter with decryption against the fake SSM over 127.0.0.1, or a prefetched answer),
// and the Alpaca keys read through it. No error holds a secret value.
#include "apps/stratus/secret_resolver.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apps/stratus/alpaca_credentials.h"
#include "fakes/aws/fake_ssm.h"
#include "support/redaction.h"

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Environment aws_env(const std::string& endpoint) {
  return fakes::fake_ssm_client_environment(endpoint);
}

// Counts reads; answers from a map.
class MapSource : public SsmSecretSource {
 public:
  explicit MapSource(std::map<std::string, std::string> values, int* reads)
      : values_(std::move(values)), reads_(reads) {}
  Result<std::optional<std::string>> read(const std::string& name) override {
    ++*reads_;
    auto it = values_.find(name);
    return it == values_.end() ? std::optional<std::string>() : std::optional(it->second);
  }

 private:
  std::map<std::string, std::string> values_;
  int* reads_;
};

TEST(SecretResolver, EveryResolvedValueIsRegisteredForRedaction) {
  clear_registered_secrets_for_testing();
  int reads = 0;
  SecretResolver resolver(
      {{"WEBHOOK", "https://hooks.slack.com/services/T9/B9/RESOLVEDTOKEN"}},
      std::make_unique<MapSource>(
          std::map<std::string, std::string>{{"/stratus/prod/sheets/secret", "sheets-secret-9"}},
          &reads));
  ASSERT_TRUE(resolver.resolve("env:WEBHOOK").ok());
  ASSERT_TRUE(resolver.resolve("ssm:/stratus/prod/sheets/secret").ok());
  EXPECT_EQ(redact("posting to https://hooks.slack.com/services/T9/B9/RESOLVEDTOKEN with "
                   "sheets-secret-9"),
            "posting to [REDACTED] with [REDACTED]");
  EXPECT_EQ(registered_secret_count(), 2u);
  ASSERT_TRUE(resolver.resolve("env:UNSET").ok());  // Nothing resolved, nothing registered.
  EXPECT_EQ(registered_secret_count(), 2u);
  clear_registered_secrets_for_testing();
}

TEST(SecretResolver, EnvironmentReferences) {
  SecretResolver resolver({{"SET", "v4lue"}, {"EMPTY", ""}}, nullptr);
  auto set = resolver.resolve("env:SET");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->value, std::optional<std::string>("v4lue"));
  EXPECT_EQ(set->place, "the environment variable SET");
  EXPECT_EQ(resolver.resolve("env:EMPTY")->absent, "is empty");
  EXPECT_EQ(resolver.resolve("env:UNSET")->absent, "is not set");
  auto literal = resolver.resolve("hunter2");
  ASSERT_FALSE(literal.ok());
  EXPECT_EQ(literal.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(literal.error().to_string(), Not(HasSubstr("hunter2")));
  auto no_ssm = resolver.resolve("ssm:/stratus/prod/secrets/x");
  ASSERT_FALSE(no_ssm.ok());
  EXPECT_EQ(no_ssm.error().code, ErrorCode::kUnavailable);
}

TEST(SecretResolver, PrefetchedAnswersUnderThePrefixWithoutAsking) {
  int reads = 0;
  SecretResolver resolver(
      {}, std::make_unique<PrefetchedSsmSecrets>(
              "/stratus/prod", std::map<std::string, std::string>{{"/stratus/prod/secrets/a", "A"}},
              std::make_unique<MapSource>(std::map<std::string, std::string>{{"/shared/b", "B"}},
                                          &reads)));
  EXPECT_EQ(resolver.resolve("ssm:/stratus/prod/secrets/a")->value,
            std::optional<std::string>("A"));
  EXPECT_EQ(resolver.resolve("ssm:/stratus/prod/secrets/z")->absent, "does not exist");
  EXPECT_EQ(reads, 0);
  EXPECT_EQ(resolver.resolve("ssm:/stratus/production/x")->absent, "does not exist");
  EXPECT_EQ(resolver.resolve("ssm:/shared/b")->value, std::optional<std::string>("B"));
  EXPECT_EQ(reads, 2);
}

TEST(SecretResolver, GetParameterDecryptsOncePerName) {
  fakes::FakeSsm ssm;
  ASSERT_TRUE(ssm.start().ok());
  ssm.set("/stratus/prod/secrets/alpaca_secret_key", "SKFROMSSM", "SecureString");
  SecretResolver resolver({}, make_get_parameter_secrets(aws_env(ssm.endpoint()), HttpConfig{}));
  for (int i = 0; i < 2; ++i) {
    auto got = resolver.resolve("ssm:/stratus/prod/secrets/alpaca_secret_key");
    ASSERT_TRUE(got.ok()) << got.error().to_string();
    EXPECT_EQ(got->value, std::optional<std::string>("SKFROMSSM"));
  }
  EXPECT_EQ(ssm.calls("GetParameter"), 1);
  auto missing = resolver.resolve("ssm:/stratus/prod/secrets/none");
  ASSERT_TRUE(missing.ok()) << missing.error().to_string();
  EXPECT_EQ(missing->absent, "does not exist");

  Environment wrong = aws_env(ssm.endpoint());
  wrong["AWS_SECRET_ACCESS_KEY"] = "wrong-secret";
  SecretResolver refused({}, make_get_parameter_secrets(wrong, HttpConfig{}));
  auto denied = refused.resolve("ssm:/stratus/prod/secrets/alpaca_secret_key");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().code, ErrorCode::kRejected);
  EXPECT_THAT(denied.error().to_string(), Not(HasSubstr("SKFROMSSM")));
}

TEST(AlpacaKeysFromSsm, ResolvedThroughTheResolverAndMissingOnesNamed) {
  fakes::FakeSsm ssm;
  ASSERT_TRUE(ssm.start().ok());
  ssm.set("/stratus/prod/secrets/alpaca_key_id", "PKFROMSSM", "SecureString");
  ssm.set("/stratus/prod/secrets/alpaca_secret_key", "SKFROMSSM", "SecureString");
  Config config;
  config.secrets["alpaca_key_id"] = "ssm:/stratus/prod/secrets/alpaca_key_id";
  config.secrets["alpaca_secret_key"] = "ssm:/stratus/prod/secrets/alpaca_secret_key";
  SecretResolver resolver({}, make_get_parameter_secrets(aws_env(ssm.endpoint()), HttpConfig{}));
  auto keys = resolve_alpaca_keys(config, {}, resolver, "broker.kind = \"alpaca\"");
  ASSERT_TRUE(keys.ok()) << keys.error().to_string();
  EXPECT_EQ(keys->key_id, "PKFROMSSM");
  EXPECT_EQ(keys->secret_key, "SKFROMSSM");

  config.secrets["alpaca_secret_key"] = "ssm:/stratus/prod/secrets/gone";
  auto missing = resolve_alpaca_keys(config, {}, resolver, "broker.kind = \"alpaca\"");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidInput);
  const std::string text = missing.error().to_string();
  EXPECT_THAT(text, HasSubstr("the SSM parameter /stratus/prod/secrets/gone"));
  EXPECT_THAT(text, HasSubstr("does not exist"));
  EXPECT_THAT(text, Not(HasSubstr("PKFROMSSM")));
}

}  // namespace
}  // namespace stratus
