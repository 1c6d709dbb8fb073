// Configuration from SSM Parameter Store: the location and profile rules, the layering and the
// errors that name the parameter (pure), and the whole load over 127.0.0.1 against the fake SSM
// of tests/fakes/aws (pages, refused credentials, an unreachable SSM, secrets answered from
// the load's own answer).
#include "apps/stratus/ssm_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apps/stratus/secret_resolver.h"
#include "fakes/aws/fake_ssm.h"

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The fake's environment, with quick retries: a refused or unreachable SSM fails fast.
Environment aws_env(const std::string& endpoint) {
  Environment env = fakes::fake_ssm_client_environment(endpoint);
  env["STRATUS_HTTP__MAX_TOTAL_DELAY_MS"] = "100";
  env["STRATUS_HTTP__BASE_DELAY_MS"] = "10";
  return env;
}

TEST(SsmConfigLocation, OnlySsmLocationsAreSsmPrefixes) {
  auto prod = ssm_config_prefix("ssm:/stratus/prod/");
  ASSERT_TRUE(prod.ok()) << prod.error().to_string();
  EXPECT_EQ(*prod, std::optional<std::string>("/stratus/prod"));
  auto file = ssm_config_prefix("stratus.toml");
  ASSERT_TRUE(file.ok());
  EXPECT_FALSE(file->has_value());
  for (const char* bad : {"ssm:stratus/prod", "ssm:/", "ssm:/a//b", "ssm:/a b"}) {
    auto refused = ssm_config_prefix(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
    EXPECT_THAT(refused.error().to_string(), HasSubstr(bad));
  }
}

TEST(SsmConfigProfile, IsThePrefixsLastPartAndAnExplicitOneMustAgree) {
  EXPECT_EQ(ssm_config_profile("/stratus/prod", "").value(), "prod");
  EXPECT_EQ(ssm_config_profile("/stratus/prod", "prod").value(), "prod");
  auto other = ssm_config_profile("/stratus/prod", "dev");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(other.error().to_string(), HasSubstr("\"dev\""));
  EXPECT_THAT(other.error().to_string(), HasSubstr("--profile prod"));
  EXPECT_FALSE(ssm_config_profile("/stratus/a.b", "").ok());
}

TEST(SsmConfig, DefaultsThenParametersThenEnvironment) {
  const std::vector<SsmParameter> parameters = {
      {"/stratus/prod/limits/monthly_share_cap", "3", "String"},
      {"/stratus/prod/limits/max_order_notional", "750.50", "String"},
      {"/stratus/prod/watchlist", R"(["AAPL", "MSFT"])", "String"},
      {"/stratus/prod/broker/slippage_bps", "7", "String"},
      {"/stratus/prod/secrets/alpaca_secret_key", "s3cr3t-value", "SecureString"}};
  auto config = config_from_ssm_parameters(parameters, "/stratus/prod", "prod",
                                           {{"STRATUS_BROKER__SLIPPAGE_BPS", "9"}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(config->profile, "prod");
  EXPECT_EQ(config->limits.monthly_share_cap, Quantity{3});
  EXPECT_EQ(config->limits.max_order_notional->to_string(), "750.50");
  EXPECT_EQ(config->watchlist, (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(config->broker.slippage_bps, 9);   // The environment wins.
  EXPECT_EQ(config->market.calendar, "xnys");  // The embedded default.
  EXPECT_EQ(config->secrets.at("alpaca_secret_key"), "ssm:/stratus/prod/secrets/alpaca_secret_key");
}

TEST(SsmConfig, ABadValueNamesItsParameter) {
  auto bad = config_from_ssm_parameters(
      {{"/stratus/prod/limits/monthly_share_cap", "x", "String"},
       {"/stratus/prod/secrets/alpaca_secret_key", "s3cr3t-value", "SecureString"}},
      "/stratus/prod", "prod", {});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  const std::string text = bad.error().to_string();
  EXPECT_THAT(text, HasSubstr("ssm:/stratus/prod/limits/monthly_share_cap"));
  EXPECT_THAT(text, HasSubstr("\"x\""));
  EXPECT_THAT(text, Not(HasSubstr("s3cr3t-value")));

  auto unknown = config_from_ssm_parameters(
      {{"/stratus/prod/limits/monthly_shares", "3", "String"}}, "/stratus/prod", "prod", {});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.error().to_string(), HasSubstr("ssm:/stratus/prod/limits/monthly_shares"));

  auto secure = config_from_ssm_parameters({{"/stratus/prod/strategy", "dip", "SecureString"}},
                                           "/stratus/prod", "prod", {});
  ASSERT_FALSE(secure.ok());
  EXPECT_THAT(secure.error().to_string(), HasSubstr("/stratus/prod/strategy"));

  auto env = config_from_ssm_parameters({}, "/stratus/prod", "prod",
                                        {{"STRATUS_LIMITS__MONTHLY_SHARE_CAP", "-1"}});
  ASSERT_FALSE(env.ok());
  EXPECT_THAT(env.error().to_string(), HasSubstr("STRATUS_LIMITS__MONTHLY_SHARE_CAP"));
}

TEST(SsmConfigLoad, ReadsEveryPageOnceAndAnswersSecretsFromTheSameAnswer) {
  fakes::FakeSsm ssm;
  ASSERT_TRUE(ssm.start().ok());
  for (int i = 0; i < 14; ++i) {
    ssm.set("/stratus/prod/limits/symbol_caps/S" + std::to_string(10 + i), std::to_string(i),
            "String");
  }
  ssm.set("/stratus/prod/strategy", "dip", "String");
  ssm.set("/stratus/prod/secrets/alpaca_key_id", "PKFROMSSM", "SecureString");
  ssm.set("/stratus/dev/strategy", "other", "String");
  const Environment env = aws_env(ssm.endpoint());
  auto config = load_ssm_config("/stratus/prod", "prod", env);
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(config->limits.symbol_caps.size(), 14u);
  EXPECT_EQ(config->limits.symbol_caps.at("S23"), Quantity{13});
  EXPECT_EQ(ssm.calls("GetParametersByPath"), 2);  // 10 + 6.
  EXPECT_EQ(ssm.requests(), 2);

  auto resolver = process_secret_resolver(env, config->http);
  auto key = resolver->resolve(config->secrets.at("alpaca_key_id"));
  ASSERT_TRUE(key.ok()) << key.error().to_string();
  EXPECT_EQ(key->value, std::optional<std::string>("PKFROMSSM"));
  auto absent = resolver->resolve("ssm:/stratus/prod/secrets/none");
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->value.has_value());
  EXPECT_EQ(absent->absent, "does not exist");
  EXPECT_EQ(ssm.requests(), 2);  // No second call for names under the prefix.

  // A name elsewhere is read with GetParameter.
  ssm.set("/shared/alpaca/secret", "SKSHARED", "SecureString");
  auto elsewhere = resolver->resolve("ssm:/shared/alpaca/secret");
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.error().to_string();
  EXPECT_EQ(elsewhere->value, std::optional<std::string>("SKSHARED"));
  EXPECT_EQ(ssm.calls("GetParameter"), 1);
}

TEST(SsmConfigLoad, RefusedCredentialsAndAnUnreachableSsmAreRunTimeFailures) {
  fakes::FakeSsm ssm;
  ASSERT_TRUE(ssm.start().ok());
  Environment wrong = aws_env(ssm.endpoint());
  wrong["AWS_SECRET_ACCESS_KEY"] = "not-the-secret";
  auto refused = load_ssm_config("/stratus/prod", "prod", wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_THAT(refused.error().to_string(), HasSubstr("InvalidSignatureException"));
  EXPECT_THAT(refused.error().to_string(), HasSubstr("ssm:/stratus/prod"));
  EXPECT_THAT(refused.error().to_string(), Not(HasSubstr("not-the-secret")));

  const std::string gone = ssm.endpoint();
  ssm.stop();
  auto unreachable = load_ssm_config("/stratus/prod", "prod", aws_env(gone));
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().code, ErrorCode::kUnavailable) << unreachable.error().to_string();

  Environment no_keys = aws_env(gone);
  no_keys.erase("AWS_ACCESS_KEY_ID");
  no_keys.erase("AWS_SECRET_ACCESS_KEY");
  auto missing = load_ssm_config("/stratus/prod", "prod", no_keys);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidInput) << missing.error().to_string();
  EXPECT_THAT(missing.error().to_string(), HasSubstr("--config ssm:/stratus/prod"));
}

}  // namespace
}  // namespace stratus
