// ssm_parameters_to_table: SSM parameter names and values as a stratus.toml profile table.
#include "config/ssm_table.h"

#include <gtest/gtest.h>

#include <sstream>

#include "config/config_loader.h"
#include "config/table_merge.h"

namespace stratus {
namespace {

std::string error_of(const Result<toml::table>& r) {
  return r.ok() ? std::string("(ok)") : r.error().to_string();
}

TEST(SsmTable, NamesBecomeNestedKeysAndValuesReadAsOverridesAre) {
  auto table =
      ssm_parameters_to_table({{"/stratus/prod/limits/monthly_share_cap", "3", false},
                               {"/stratus/prod/watchlist", R"(["AAPL","MSFT"])", false},
                               {"/stratus/prod/limits/max_order_notional", "750.50", false},
                               {"/stratus/prod/limits/trading_enabled", "false", false},
                               {"/stratus/prod/limits/symbol_caps", "{ NVDA = 2 }", false},
                               {"/stratus/prod/broker/kind", "alpaca", false},
                               {"/stratus/prod/strategy", "\"dip\"", false}},
                              "/stratus/prod");
  ASSERT_TRUE(table.ok()) << error_of(table);
  EXPECT_EQ(table->at_path("limits.monthly_share_cap").value<std::int64_t>(), 3);
  EXPECT_EQ(table->at_path("limits.max_order_notional").value<std::string>(), "750.50");
  EXPECT_EQ(table->at_path("limits.trading_enabled").value<bool>(), false);
  EXPECT_EQ(table->at_path("limits.symbol_caps.NVDA").value<std::int64_t>(), 2);
  EXPECT_EQ(table->at_path("broker.kind").value<std::string>(), "alpaca");
  EXPECT_EQ(table->at_path("strategy").value<std::string>(), "dip");
  const toml::array* watchlist = table->at_path("watchlist").as_array();
  ASSERT_NE(watchlist, nullptr);
  ASSERT_EQ(watchlist->size(), 2u);
  EXPECT_EQ((*watchlist)[1].value<std::string>(), "MSFT");
  // The same reading as an environment override of the same text.
  EXPECT_EQ(table->at_path("limits.max_order_notional").value<std::string>(),
            override_value_table("x", "750.50").at_path("v").value<std::string>());
}

TEST(SsmTable, TrailingSlashInThePrefixIsTheSame) {
  auto a = ssm_parameters_to_table({{"/stratus/dev/broker/kind", "paper", false}}, "/stratus/dev/");
  ASSERT_TRUE(a.ok()) << error_of(a);
  EXPECT_EQ(a->at_path("broker.kind").value<std::string>(), "paper");
}

TEST(SsmTable, SecretsBecomeReferencesAndTheirValuesStayOut) {
  auto table = ssm_parameters_to_table(
      {{"/stratus/prod/secrets/alpaca_secret_key", "very-secret-value", true},
       {"/stratus/prod/secrets/alpaca_key_id", "PKPLAINID", false}},
      "/stratus/prod");
  ASSERT_TRUE(table.ok()) << error_of(table);
  EXPECT_EQ(table->at_path("secrets.alpaca_secret_key").value<std::string>(),
            "ssm:/stratus/prod/secrets/alpaca_secret_key");
  EXPECT_EQ(table->at_path("secrets.alpaca_key_id").value<std::string>(),
            "ssm:/stratus/prod/secrets/alpaca_key_id");
  std::ostringstream text;
  text << *table;
  EXPECT_EQ(text.str().find("very-secret-value"), std::string::npos) << text.str();
  EXPECT_EQ(text.str().find("PKPLAINID"), std::string::npos) << text.str();
}

TEST(SsmTable, BadNamesAndCollisionsNameTheParameter) {
  struct Case {
    std::vector<ConfigParameter> parameters;
    std::string named;  // The parameter the error must name.
  };
  const std::vector<Case> cases = {
      {{{"/stratus/dev/strategy", "dip", false}}, "/stratus/dev/strategy"},  // Other prefix.
      {{{"/stratus/prodx/strategy", "dip", false}}, "/stratus/prodx/strategy"},
      {{{"/stratus/prod", "x", false}}, "/stratus/prod"},
      {{{"/stratus/prod/limits//cap", "1", false}}, "/stratus/prod/limits//cap"},
      {{{"/stratus/prod/limits/", "1", false}}, "/stratus/prod/limits/"},
      {{{"/stratus/prod/lim its/cap", "1", false}}, "/stratus/prod/lim its/cap"},
      {{{"/stratus/prod/limits/a.b", "1", false}}, "/stratus/prod/limits/a.b"},
      {{{"/stratus/prod/limits", "3", false},
        {"/stratus/prod/limits/monthly_share_cap", "3", false}},
       "/stratus/prod/limits/monthly_share_cap"},
      {{{"/stratus/prod/limits/monthly_share_cap", "3", false},
        {"/stratus/prod/limits", "3", false}},
       "/stratus/prod/limits/monthly_share_cap"},
      {{{"/stratus/prod/limits/symbol_caps", "{ NVDA = 2 }", false},
        {"/stratus/prod/limits/symbol_caps/AAPL", "1", false}},
       "/stratus/prod/limits/symbol_caps/AAPL"},
      {{{"/stratus/prod/strategy", "a", false}, {"/stratus/prod/strategy", "b", false}},
       "/stratus/prod/strategy"},
      {{{"/stratus/prod/secrets", "x", false}}, "/stratus/prod/secrets"},
      {{{"/stratus/prod/secrets/alpaca/key", "x", true}}, "/stratus/prod/secrets/alpaca/key"},
      {{{"/stratus/prod/broker/kind", "alpaca", true}}, "/stratus/prod/broker/kind"},
  };
  for (const auto& c : cases) {
    auto r = ssm_parameters_to_table(c.parameters, "/stratus/prod");
    ASSERT_FALSE(r.ok()) << c.named;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << r.error().to_string();
    EXPECT_NE(r.error().to_string().find("\"" + c.named + "\""), std::string::npos)
        << r.error().to_string();
  }
  // One secret in a secure value is never echoed.
  auto r =
      ssm_parameters_to_table({{"/stratus/prod/broker/kind", "hunter2", true}}, "/stratus/prod");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().to_string().find("hunter2"), std::string::npos) << r.error().to_string();

  EXPECT_FALSE(ssm_parameters_to_table({}, "stratus/prod").ok());
}

TEST(SsmTable, AMappedProfileOverTheDefaultsIsAValidConfig) {
  auto mapped =
      ssm_parameters_to_table({{"/stratus/prod/limits/monthly_share_cap", "3", false},
                               {"/stratus/prod/limits/symbol_caps", "{ NVDA = 2 }", false},
                               {"/stratus/prod/limits/max_order_notional", "750.50", false},
                               {"/stratus/prod/watchlist", R"(["AAPL","MSFT"])", false},
                               {"/stratus/prod/broker/kind", "alpaca", false},
                               {"/stratus/prod/secrets/alpaca_key_id", "PKID", true},
                               {"/stratus/prod/secrets/alpaca_secret_key", "SECRET", true}},
                              "/stratus/prod");
  ASSERT_TRUE(mapped.ok()) << error_of(mapped);
  auto merged = embedded_defaults_table();
  ASSERT_TRUE(merged.ok()) << merged.error().to_string();
  auto defaults = config_from_table(*merged, "prod", "/srv/stratus");
  ASSERT_TRUE(defaults.ok()) << defaults.error().to_string();
  merge_table_into(*merged, *mapped);
  auto config = config_from_table(*merged, "prod", "/srv/stratus");
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_EQ(config->limits.monthly_share_cap.shares(), 3);
  EXPECT_EQ(config->limits.symbol_caps.at("NVDA").shares(), 2);
  ASSERT_TRUE(config->limits.max_order_notional.has_value());
  EXPECT_EQ(*config->limits.max_order_notional, Money::parse("750.50").value());
  EXPECT_EQ(config->watchlist, (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(config->broker.kind, "alpaca");
  EXPECT_EQ(config->secrets.at("alpaca_secret_key"), "ssm:/stratus/prod/secrets/alpaca_secret_key");
  EXPECT_EQ(config->limits.on_exceed, defaults->limits.on_exceed);  // From the defaults.

  // And a mapped value the validation refuses is refused through the same path.
  auto wrong = ssm_parameters_to_table({{"/stratus/prod/limits/monthly_share_cap", "-1", false}},
                                       "/stratus/prod");
  ASSERT_TRUE(wrong.ok()) << error_of(wrong);
  auto base = embedded_defaults_table();
  ASSERT_TRUE(base.ok());
  merge_table_into(*base, *wrong);
  auto refused = config_from_table(*base, "prod", "/srv/stratus");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(refused.error().to_string().find("monthly_share_cap"), std::string::npos)
      << refused.error().to_string();
}

}  // namespace
}  // namespace stratus
