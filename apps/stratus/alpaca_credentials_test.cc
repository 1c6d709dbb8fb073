// Tests of Alpaca credential and endpoint resolution: every rule, and that no error ever holds a
// key value.
#include "apps/stratus/alpaca_credentials.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/redaction.h"

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kKeyId = "PKSECRETKEYID0001";
constexpr const char* kSecret = "SKSECRETVALUE0002";

Environment keys() { return {{"APCA_API_KEY_ID", kKeyId}, {"APCA_API_SECRET_KEY", kSecret}}; }

Environment with(Environment env, const std::string& name, const std::string& value) {
  env[name] = value;
  return env;
}

Config live() {
  Config config;
  config.alpaca.environment = AlpacaEnvironment::kLive;
  return config;
}

// An error of `code` whose text holds every one of `parts` and no key value.
template <typename T>
void expect_error(const Result<T>& result, ErrorCode code,
                  std::initializer_list<std::string> parts) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, code) << result.error().to_string();
  const std::string text = result.error().to_string();
  for (const std::string& part : parts) EXPECT_THAT(text, HasSubstr(part));
  EXPECT_THAT(text, Not(HasSubstr(kKeyId)));
  EXPECT_THAT(text, Not(HasSubstr(kSecret)));
}

// --- Trading URL --------------------------------------------------------------------------

TEST(AlpacaTradingUrl, ByEnvironmentWhenNothingElseIsSet) {
  auto paper = resolve_alpaca_trading_url(Config{}, {});
  ASSERT_TRUE(paper.ok()) << paper.error().to_string();
  EXPECT_EQ(paper->url, "https://paper-api.alpaca.markets");
  EXPECT_EQ(paper->kind, AlpacaTradingKind::kPaper);
  EXPECT_EQ(paper->source, "alpaca.environment");

  auto real = resolve_alpaca_trading_url(live(), {});
  ASSERT_TRUE(real.ok()) << real.error().to_string();
  EXPECT_EQ(real->url, "https://api.alpaca.markets");
  EXPECT_EQ(real->kind, AlpacaTradingKind::kLive);
  EXPECT_EQ(alpaca_trading_kind_name(real->kind), "live");
}

TEST(AlpacaTradingUrl, ConfigUrlWinsOverTheEnvironmentChoice) {
  Config config;
  config.alpaca.trading_url = "http://127.0.0.1:5001";
  auto url = resolve_alpaca_trading_url(config, {});
  ASSERT_TRUE(url.ok()) << url.error().to_string();
  EXPECT_EQ(url->url, "http://127.0.0.1:5001");
  EXPECT_EQ(url->kind, AlpacaTradingKind::kCustom);
  EXPECT_EQ(url->source, "alpaca.trading_url");
  EXPECT_EQ(alpaca_trading_kind_name(url->kind), "custom");
}

TEST(AlpacaTradingUrl, VariableWinsOverConfigAndIsNormalised) {
  Config config;
  config.alpaca.trading_url = "http://127.0.0.1:5001";
  for (const char* written : {"http://127.0.0.1:6001", "http://127.0.0.1:6001/",
                              "http://127.0.0.1:6001/v2", "http://127.0.0.1:6001/v2/"}) {
    auto url = resolve_alpaca_trading_url(config, {{"APCA_API_BASE_URL", written}});
    ASSERT_TRUE(url.ok()) << written << ": " << url.error().to_string();
    EXPECT_EQ(url->url, "http://127.0.0.1:6001") << written;
    EXPECT_EQ(url->source, "APCA_API_BASE_URL");
  }
  // An empty variable counts as unset.
  auto url = resolve_alpaca_trading_url(config, {{"APCA_API_BASE_URL", ""}});
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->url, "http://127.0.0.1:5001");
}

TEST(AlpacaTradingUrl, LiveHostNeedsLiveEnvironment) {
  for (const char* written : {"https://api.alpaca.markets", "https://api.alpaca.markets/v2",
                              "HTTPS://API.ALPACA.MARKETS/"}) {
    expect_error(resolve_alpaca_trading_url(Config{}, {{"APCA_API_BASE_URL", written}}),
                 ErrorCode::kInvalidInput,
                 {"APCA_API_BASE_URL", "points at LIVE trading but alpaca.environment = \"paper\"",
                  "set environment = \"live\" in the profile to trade real money"});
  }
  Config config;
  config.alpaca.trading_url = "https://api.alpaca.markets";
  expect_error(resolve_alpaca_trading_url(config, {}), ErrorCode::kInvalidInput,
               {"alpaca.trading_url = \"https://api.alpaca.markets\"", "LIVE"});
  // Written explicitly with environment = "live": accepted.
  Config explicit_live = live();
  explicit_live.alpaca.trading_url = "https://api.alpaca.markets/v2";
  auto url = resolve_alpaca_trading_url(explicit_live, {});
  ASSERT_TRUE(url.ok()) << url.error().to_string();
  EXPECT_EQ(url->url, "https://api.alpaca.markets");
}

TEST(AlpacaTradingUrl, PaperHostWithLiveEnvironmentIsRefused) {
  expect_error(resolve_alpaca_trading_url(
                   live(), {{"APCA_API_BASE_URL", "https://paper-api.alpaca.markets"}}),
               ErrorCode::kInvalidInput,
               {"APCA_API_BASE_URL = \"https://paper-api.alpaca.markets\"",
                "points at PAPER trading but alpaca.environment = \"live\""});
}

TEST(AlpacaTradingUrl, OtherHostsAreTakenAsGivenInEitherEnvironment) {
  for (const Config& config : {Config{}, live()}) {
    auto url = resolve_alpaca_trading_url(config, {{"APCA_API_BASE_URL", "http://localhost:9"}});
    ASSERT_TRUE(url.ok()) << url.error().to_string();
    EXPECT_EQ(url->kind, AlpacaTradingKind::kCustom);
    // A host that merely ends like Alpaca's is not Alpaca's.
    auto lookalike =
        resolve_alpaca_trading_url(config, {{"APCA_API_BASE_URL", "https://xapi.alpaca.markets"}});
    ASSERT_TRUE(lookalike.ok());
    EXPECT_EQ(lookalike->kind, AlpacaTradingKind::kCustom);
  }
}

TEST(AlpacaTradingUrl, MustBeHttpBaseUrl) {
  expect_error(
      resolve_alpaca_trading_url(Config{}, {{"APCA_API_BASE_URL", "paper-api.alpaca.markets"}}),
      ErrorCode::kInvalidInput,
      {"APCA_API_BASE_URL = \"paper-api.alpaca.markets\"", "http:// or https://"});
  expect_error(resolve_alpaca_trading_url(Config{}, {{"APCA_API_BASE_URL", "ftp://x.example"}}),
               ErrorCode::kInvalidInput, {"scheme"});
  expect_error(
      resolve_alpaca_trading_url(Config{}, {{"APCA_API_BASE_URL", "https://x.example/v2/orders"}}),
      ErrorCode::kInvalidInput, {"no path"});
  auto hidden = resolve_alpaca_trading_url(
      Config{}, {{"APCA_API_BASE_URL", "https://user:PROXYPASSWORD@x.example"}});
  expect_error(hidden, ErrorCode::kInvalidInput, {"APCA_API_BASE_URL = (value hidden)"});
  EXPECT_THAT(hidden.error().to_string(), Not(HasSubstr("PROXYPASSWORD")));
}

// --- Data URL -----------------------------------------------------------------------------

TEST(AlpacaDataUrl, VariableWinsOverConfig) {
  auto url = resolve_alpaca_data_url(Config{}, {});
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "https://data.alpaca.markets");
  url = resolve_alpaca_data_url(Config{}, {{"APCA_API_DATA_URL", "http://127.0.0.1:7001/v2"}});
  ASSERT_TRUE(url.ok()) << url.error().to_string();
  EXPECT_EQ(*url, "http://127.0.0.1:7001");
  expect_error(resolve_alpaca_data_url(Config{}, {{"APCA_API_DATA_URL", "data.alpaca.markets"}}),
               ErrorCode::kInvalidInput, {"APCA_API_DATA_URL = \"data.alpaca.markets\""});
}

// --- Keys ---------------------------------------------------------------------------------

TEST(AlpacaKeys, FromTheStandardVariables) {
  auto found = resolve_alpaca_keys(Config{}, keys(), "broker.kind = \"alpaca\"");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(found->key_id, kKeyId);
  EXPECT_EQ(found->secret_key, kSecret);
}

TEST(AlpacaKeys, BothKeysAreRegisteredForRedaction) {
  clear_registered_secrets_for_testing();
  const std::string key_id = "PKREDACTEDID0003";
  const std::string secret = "SKREDACTEDSECRET0004";
  ASSERT_TRUE(resolve_alpaca_keys(Config{},
                                  {{"APCA_API_KEY_ID", key_id}, {"APCA_API_SECRET_KEY", secret}},
                                  "broker.kind = \"alpaca\"")
                  .ok());
  EXPECT_EQ(redact("id " + key_id + " secret " + secret), "id [REDACTED] secret [REDACTED]");
  clear_registered_secrets_for_testing();
}

TEST(AlpacaKeys, MissingVariablesAreNamedExactly) {
  expect_error(resolve_alpaca_keys(Config{}, {}, "broker.kind = \"alpaca\""),
               ErrorCode::kInvalidInput,
               {"broker.kind = \"alpaca\" needs the Alpaca API key pair",
                "APCA_API_KEY_ID is not set and APCA_API_SECRET_KEY is not set"});
  auto secret_only =
      resolve_alpaca_keys(Config{}, {{"APCA_API_KEY_ID", kKeyId}}, "data.kind = \"alpaca\"");
  expect_error(secret_only, ErrorCode::kInvalidInput,
               {"data.kind = \"alpaca\" needs", "APCA_API_SECRET_KEY is not set"});
  EXPECT_THAT(secret_only.error().message, Not(HasSubstr("APCA_API_KEY_ID is")));
  expect_error(resolve_alpaca_keys(Config{}, with(keys(), "APCA_API_KEY_ID", ""),
                                   "broker.kind = \"alpaca\""),
               ErrorCode::kInvalidInput, {"APCA_API_KEY_ID is empty"});
}

TEST(AlpacaKeys, EnvReferencesNameOtherVariables) {
  Config config;
  config.secrets["alpaca_key_id"] = "env:PROD_ALPACA_KEY";
  config.secrets["alpaca_secret_key"] = "env:PROD_ALPACA_SECRET";
  // The standard variables are ignored once a reference is set.
  auto missing = resolve_alpaca_keys(config, keys(), "broker.kind = \"alpaca\"");
  expect_error(missing, ErrorCode::kInvalidInput,
               {"the environment variable PROD_ALPACA_KEY (named by secrets.alpaca_key_id = "
                "\"env:PROD_ALPACA_KEY\") is not set",
                "PROD_ALPACA_SECRET (named by secrets.alpaca_secret_key"});

  Environment env = {{"PROD_ALPACA_KEY", "PK-OTHER"}, {"PROD_ALPACA_SECRET", "SK-OTHER"}};
  auto found = resolve_alpaca_keys(config, env, "broker.kind = \"alpaca\"");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(found->key_id, "PK-OTHER");
  EXPECT_EQ(found->secret_key, "SK-OTHER");

  env["PROD_ALPACA_SECRET"] = "";
  expect_error(resolve_alpaca_keys(config, env, "broker.kind = \"alpaca\""),
               ErrorCode::kInvalidInput, {"PROD_ALPACA_SECRET", "is empty"});
}

TEST(AlpacaKeys, OneReferenceTheOtherStandard) {
  Config config;
  config.secrets["alpaca_secret_key"] = "env:MY_SECRET";
  auto found = resolve_alpaca_keys(config, {{"APCA_API_KEY_ID", kKeyId}, {"MY_SECRET", kSecret}},
                                   "broker.kind = \"alpaca\"");
  ASSERT_TRUE(found.ok()) << found.error().to_string();
  EXPECT_EQ(found->key_id, kKeyId);
  EXPECT_EQ(found->secret_key, kSecret);
}

TEST(AlpacaKeys, SsmReferencesAreReadThroughTheSecretResolver) {
  Config config;
  config.secrets["alpaca_secret_key"] = "ssm:/stratus/prod/alpaca/secret_key";
  // Without an SSM source the reference cannot be read: said, with the secret's name.
  SecretResolver no_ssm(keys(), nullptr);
  expect_error(resolve_alpaca_keys(config, keys(), no_ssm, "broker.kind = \"alpaca\""),
               ErrorCode::kUnavailable,
               {"secrets.alpaca_secret_key", "/stratus/prod/alpaca/secret_key"});
}

TEST(AlpacaKeys, AValueWithControlCharactersIsRefusedUnshown) {
  auto bad = resolve_alpaca_keys(Config{}, with(keys(), "APCA_API_SECRET_KEY", "SKSECRET\r\nX: y"),
                                 "broker.kind = \"alpaca\"");
  expect_error(bad, ErrorCode::kInvalidInput, {"APCA_API_SECRET_KEY", "value not shown"});
  EXPECT_THAT(bad.error().to_string(), Not(HasSubstr("SKSECRET")));
  expect_error(resolve_alpaca_keys(Config{}, with(keys(), "APCA_API_KEY_ID", "PK ID"),
                                   "broker.kind = \"alpaca\""),
               ErrorCode::kInvalidInput, {"APCA_API_KEY_ID", "whitespace"});
}

// --- Endpoints ----------------------------------------------------------------------------

TEST(AlpacaEndpoints, TradingAndDataCarryTheKeys) {
  Environment env = with(keys(), "APCA_API_BASE_URL", "http://127.0.0.1:4000/v2");
  env["APCA_API_DATA_URL"] = "http://127.0.0.1:4001";
  auto trading = alpaca_trading_endpoint(Config{}, env);
  ASSERT_TRUE(trading.ok()) << trading.error().to_string();
  EXPECT_EQ(trading->base_url, "http://127.0.0.1:4000");
  EXPECT_EQ(trading->key_id, kKeyId);
  EXPECT_EQ(trading->secret_key, kSecret);
  auto data = alpaca_data_endpoint(Config{}, env);
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  EXPECT_EQ(data->base_url, "http://127.0.0.1:4001");
  EXPECT_EQ(data->key_id, kKeyId);
}

TEST(AlpacaEndpoints, UrlIsCheckedBeforeTheKeysAndErrorsHoldNoKey) {
  // Keys present, live URL in a paper profile: the guard, without any key in the message.
  expect_error(alpaca_trading_endpoint(
                   Config{}, with(keys(), "APCA_API_BASE_URL", "https://api.alpaca.markets")),
               ErrorCode::kInvalidInput, {"LIVE"});
  expect_error(alpaca_trading_endpoint(Config{}, {}), ErrorCode::kInvalidInput,
               {"broker.kind = \"alpaca\" needs", "APCA_API_KEY_ID is not set"});
  expect_error(alpaca_data_endpoint(Config{}, {{"APCA_API_KEY_ID", kKeyId}}),
               ErrorCode::kInvalidInput, {"data.kind = \"alpaca\" needs", "APCA_API_SECRET_KEY"});
}

}  // namespace
}  // namespace stratus
