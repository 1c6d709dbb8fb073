// evaluate.filter, tiers[].when and evaluate.indicator_sessions: rules are parsed when the config
// loads, and every mistake in one is reported then, at its line, column and token.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "config/config_render.h"
#include "config/config_test_support.h"

namespace stratus {
namespace {

using test::expect_invalid;
using ::testing::HasSubstr;

class ConfigRulesTest : public test::ConfigTest {};

TEST(ConfigRulesDefaults, NoFilterNoConditions) {
  auto config = test::load_defaults();
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_FALSE(config->evaluate.filter.has_value());
  EXPECT_FALSE(config->evaluate.has_rules());
  EXPECT_EQ(config->evaluate.indicator_sessions, 500);
  for (std::size_t i = 0; i < config->evaluate.tiers.size(); ++i) {
    EXPECT_EQ(config->evaluate.tier_condition(i), nullptr);
  }
}

TEST_F(ConfigRulesTest, FilterAndTierConditionsAreParsedAtLoad) {
  auto config = load_text(R"([dev.evaluate]
filter = "rsi(14) < 35 and close > sma(200) * 0.9"
indicator_sessions = 600
tiers = [
  { drop = "10", qty = 1 },
  { drop = "20", qty = 2, when = "rsi(14) < 30" },
]
)");
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const EvaluateConfig& e = config->evaluate;
  ASSERT_TRUE(e.filter.has_value());
  EXPECT_EQ(e.filter->text(), "rsi(14) < 35 and close > sma(200) * 0.9");
  EXPECT_EQ(e.filter->type(), rules::RuleType::kCondition);
  EXPECT_EQ(e.indicator_sessions, 600);
  EXPECT_TRUE(e.has_rules());
  EXPECT_EQ(e.tier_condition(0), nullptr);
  ASSERT_NE(e.tier_condition(1), nullptr);
  EXPECT_EQ(e.tier_condition(1)->text(), "rsi(14) < 30");
  EXPECT_EQ(e.tier_condition(2), nullptr);  // No third tier.
}

TEST_F(ConfigRulesTest, BlankTextMeansNoRule) {
  auto config = load_text(
      "[dev.evaluate]\nfilter = \"  \"\n"
      "tiers = [{ drop = \"10\", qty = 1, when = \"\" }]\n");
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  EXPECT_FALSE(config->evaluate.filter.has_value());
  EXPECT_EQ(config->evaluate.tier_condition(0), nullptr);
  EXPECT_FALSE(config->evaluate.has_rules());
}

TEST_F(ConfigRulesTest, SyntaxErrorNamesFieldPositionTokenAndShowsACaret) {
  auto config = load_text("[dev.evaluate]\nfilter = \"rsi(14) < 35 adn close > 1\"\n");
  expect_invalid(config, {"[dev] evaluate.filter = \"rsi(14) < 35 adn close > 1\": ",
                          "line 1, column 14, at \"adn\"", "(line 2)",
                          "\n    rsi(14) < 35 adn close > 1\n                 ^^^"});
}

TEST_F(ConfigRulesTest, UnknownIndicatorIsALoadError) {
  auto config = load_text("[dev.evaluate]\nfilter = \"rsl(14) < 35\"\n");
  expect_invalid(config, {"evaluate.filter", "line 1, column 1, at \"rsl\"", "rsl", "rsi",
                          "\n    rsl(14) < 35\n    ^^^"});
}

TEST_F(ConfigRulesTest, WrongArgumentCountIsALoadError) {
  auto config = load_text("[dev.evaluate]\nfilter = \"rsi(14, close, 3) < 35\"\n");
  expect_invalid(config, {"evaluate.filter", "rsi"});
}

TEST_F(ConfigRulesTest, EndOfRuleIsPointedAt) {
  auto config = load_text("[dev.evaluate]\nfilter = \"rsi(14) <\"\n");
  expect_invalid(config, {"evaluate.filter", "line 1, column 10", "end of rule",
                          "\n    rsi(14) <\n             ^"});
}

TEST_F(ConfigRulesTest, MultiLineRuleErrorIsOnItsLine) {
  auto config = load_text("[dev.evaluate]\nfilter = \"\"\"\nrsi(14) < 35\nand clos > 3\"\"\"\n");
  expect_invalid(config, {"evaluate.filter", "line 2, column 5, at \"clos\"",
                          "\n    and clos > 3\n        ^^^^"});
}

TEST_F(ConfigRulesTest, ANumberIsNotACondition) {
  auto config = load_text("[dev.evaluate]\nfilter = \"rsi(14)\"\n");
  expect_invalid(config, {"evaluate.filter = \"rsi(14)\": expected a condition such as",
                          "is a number, not true or false"});
}

TEST_F(ConfigRulesTest, NonStringRuleIsRejected) {
  auto config = load_text("[dev.evaluate]\nfilter = 35\n");
  expect_invalid(config, {"evaluate.filter = 35: expected a condition as a string"});
}

TEST_F(ConfigRulesTest, TierConditionErrorsNameTheTier) {
  auto config = load_text(
      "[dev.evaluate]\ntiers = [{ drop = \"10\", qty = 1 }, { drop = \"20\", qty = 2, when = "
      "\"rsi(14) <= \" }]\n");
  expect_invalid(config, {"evaluate.tiers[1].when", "end of rule"});
}

TEST_F(ConfigRulesTest, UnknownTierKeySuggestsWhen) {
  auto config =
      load_text("[dev.evaluate]\ntiers = [{ drop = \"10\", qty = 1, wen = \"1 < 2\" }]\n");
  expect_invalid(config, {"evaluate.tiers[0].wen", "unknown key; did you mean"});
}

TEST_F(ConfigRulesTest, RuleNeedingMoreHistoryThanIndicatorSessionsIsRejected) {
  auto config = load_text(
      "[dev.evaluate]\nindicator_sessions = 100\nfilter = \"close > sma(200) and rsi(14) < 40\"\n");
  expect_invalid(config, {"evaluate.filter", "sma(200) needs 200 sessions of history",
                          "evaluate.indicator_sessions (100)"});
  auto tier = load_text(
      "[dev.evaluate]\nindicator_sessions = 10\n"
      "tiers = [{ drop = \"10\", qty = 1, when = \"rsi(14) < 30\" }]\n");
  expect_invalid(tier, {"evaluate.tiers[0].when", "rsi(14) needs 15 sessions of history"});
}

TEST_F(ConfigRulesTest, IndicatorSessionsRange) {
  expect_invalid(load_text("[dev.evaluate]\nindicator_sessions = 0\n"),
                 {"evaluate.indicator_sessions = 0: expected a whole number from 1 to 5000"});
  expect_invalid(load_text("[dev.evaluate]\nindicator_sessions = 5001\n"),
                 {"evaluate.indicator_sessions = 5001"});
}

TEST_F(ConfigRulesTest, EnvironmentOverrideSetsTheFilter) {
  auto config = load_text("", "dev", {{"STRATUS_EVALUATE__FILTER", "rsi(14) < 35"}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  ASSERT_TRUE(config->evaluate.filter.has_value());
  EXPECT_EQ(config->evaluate.filter->text(), "rsi(14) < 35");
  auto bad = load_text("", "dev", {{"STRATUS_EVALUATE__FILTER", "rsi(14) <"}});
  expect_invalid(bad, {"evaluate.filter = \"rsi(14) <\"", "end of rule"});
  EXPECT_EQ(bad.error().context, "environment STRATUS_EVALUATE__FILTER");
}

TEST_F(ConfigRulesTest, RenderedConfigLoadsBackWithTheSameRules) {
  auto config = load_text(R"([dev.evaluate]
filter = """
rsi(14) < 35   # oversold
  and close > sma(200) * 0.9"""
tiers = [
  { drop = "10", qty = 1 },
  { drop = "25", qty = 2, when = "macd_hist(12, 26, 9) > 0" },
]
)");
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const std::string rendered = render_config(*config);
  EXPECT_THAT(rendered, HasSubstr("indicator_sessions = 500"));
  Result<Config> reloaded = config_from_table(toml::parse(rendered), "dev", "");
  ASSERT_TRUE(reloaded.ok()) << reloaded.error().to_string() << "\n" << rendered;
  ASSERT_TRUE(reloaded->evaluate.filter.has_value());
  EXPECT_EQ(reloaded->evaluate.filter->text(), config->evaluate.filter->text());
  EXPECT_EQ(reloaded->evaluate.filter->canonical(), config->evaluate.filter->canonical());
  ASSERT_NE(reloaded->evaluate.tier_condition(1), nullptr);
  EXPECT_EQ(reloaded->evaluate.tier_condition(1)->text(), "macd_hist(12, 26, 9) > 0");
}

}  // namespace
}  // namespace stratus
