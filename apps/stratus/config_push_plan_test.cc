// The plan of `stratus config push`: every value reads back identically through
// ssm_parameters_to_table (the round trip), stack-owned keys are skipped, "env:" secrets become
// SecureStrings (all missing variables named, nothing planned), and the diff against SSM.
#include "apps/stratus/config_push_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/ssm_table.h"

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

toml::table parse(std::string_view text) { return toml::parse(text); }

const char* kProfile = R"(
strategy = "dip"
watchlist = ["AAPL", "MSFT", "KO"]
[market]
run_times = ["12:45", "15:45"]
calendar = "weekdays"
[evaluate]
tiers = [{ drop = "10", qty = 1 }, { drop = "25.5", qty = 3 }]
[limits]
monthly_share_cap = 3
trading_enabled = false
max_order_notional = "750.50"
symbol_caps = { AAPL = 2, KO = 0 }
[broker]
commission_per_order = "0.00"
[alpaca]
trading_url = ""
feed = "true"
[data]
path = "/data/bars.csv.gz"
[ledger]
kind = "dynamodb"
table = "mine"
[secrets]
alpaca_key_id = "env:MY_KEY_ID"
alpaca_secret_key = "ssm:/stratus/prod/secrets/alpaca_secret_key"
)";

TEST(ConfigPushPlan, EveryValueReadsBackIdentically) {
  const toml::table written = parse(kProfile);
  auto plan = plan_config_push(written, "/stratus/prod/", {{"MY_KEY_ID", "PKSECRET0001"}});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  EXPECT_EQ(plan->prefix, "/stratus/prod");

  std::vector<ConfigParameter> parameters;
  for (const auto& p : plan->parameters) {
    parameters.push_back({p.name, p.value, p.type == "SecureString"});
  }
  for (const auto& name : plan->kept) parameters.push_back({name, "(held by SSM)", true});
  auto back = ssm_parameters_to_table(parameters, "/stratus/prod");
  ASSERT_TRUE(back.ok()) << back.error().to_string();

  toml::table expected = written;
  expected.get_as<toml::table>("ledger")->erase("kind");  // Owned by the stack.
  expected.get_as<toml::table>("ledger")->erase("table");
  expected.get_as<toml::table>("secrets")->insert_or_assign(
      "alpaca_key_id", "ssm:/stratus/prod/secrets/alpaca_key_id");
  expected.erase("ledger");
  // The same keys and values (an inline table comes back as a table of the same keys).
  std::ostringstream want, got;
  want << expected;
  got << *back;
  EXPECT_TRUE(*back == expected) << "got:\n" << got.str() << "\nwant:\n" << want.str();

  EXPECT_EQ(plan->skipped.size(), 2u);
  EXPECT_THAT(plan->skipped[0], HasSubstr("ledger.kind: owned by the AWS stack"));
  const auto secret = std::find_if(plan->parameters.begin(), plan->parameters.end(),
                                   [](const PushParameter& p) { return p.type == "SecureString"; });
  ASSERT_NE(secret, plan->parameters.end());
  EXPECT_EQ(secret->name, "/stratus/prod/secrets/alpaca_key_id");
  EXPECT_EQ(secret->source, "$MY_KEY_ID");
  EXPECT_EQ(plan->kept, (std::vector<std::string>{"/stratus/prod/secrets/alpaca_secret_key"}));
}

TEST(ConfigPushPlan, StringsArePlainUnlessTheyWouldReadAsSomethingElse) {
  const toml::table t = parse(R"(a = "dip"
b = "3"
c = "true"
d = ""
e = "750.50"
f = "[x"
g = "say \"hi\"")");
  auto text = [&](const char* key) { return ssm_parameter_text(*t.get(key), key).value(); };
  EXPECT_EQ(text("a"), "dip");
  EXPECT_EQ(text("b"), "\"3\"");
  EXPECT_EQ(text("c"), "\"true\"");
  EXPECT_EQ(text("d"), "\"\"");
  EXPECT_EQ(text("e"), "750.50");
  EXPECT_EQ(text("f"), "[x");
  EXPECT_EQ(text("g"), "say \"hi\"");
  const toml::table floats = parse("x = 1.5");
  auto refused = ssm_parameter_text(*floats.get("x"), "x");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
}

TEST(ConfigPushPlan, MissingVariablesAndForeignReferencesAreAllNamedAndNothingIsPlanned) {
  const toml::table t = parse(R"(strategy = "dip"
[secrets]
alpaca_key_id = "env:UNSET_ONE"
alpaca_secret_key = "env:EMPTY_ONE"
other = "ssm:/elsewhere/secret")");
  auto plan = plan_config_push(t, "/stratus/prod", {{"EMPTY_ONE", ""}});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidInput);
  const std::string text = plan.error().to_string();
  EXPECT_THAT(text, HasSubstr("UNSET_ONE is not set"));
  EXPECT_THAT(text, HasSubstr("EMPTY_ONE is empty"));
  EXPECT_THAT(text, HasSubstr("ssm:/stratus/prod/secrets/other"));
}

TEST(ConfigPushPlan, SinkReferencesFromTheEnvironmentBecomeTheirOwnSecureStrings) {
  const std::string webhook = "https://hooks.slack.com/services/T1/B1/PUSHTOKEN";
  const toml::table t = parse(R"([slack]
webhook_url = "env:SLACK_WEBHOOK_URL"
events = ["order"]
[sheets]
url = "ssm:/stratus/prod/sheets/url"
secret = "ssm:/shared/sheets_secret")");
  auto plan = plan_config_push(t, "/stratus/prod", {{"SLACK_WEBHOOK_URL", webhook}});
  ASSERT_TRUE(plan.ok()) << plan.error().to_string();
  std::map<std::string, PushParameter> by_name;
  for (const auto& p : plan->parameters) by_name[p.name] = p;
  ASSERT_EQ(by_name.count("/stratus/prod/slack/webhook_url"), 1u);
  EXPECT_EQ(by_name["/stratus/prod/slack/webhook_url"].type, "SecureString");
  EXPECT_EQ(by_name["/stratus/prod/slack/webhook_url"].value, webhook);
  EXPECT_EQ(by_name["/stratus/prod/slack/webhook_url"].source, "$SLACK_WEBHOOK_URL");
  EXPECT_EQ(by_name["/stratus/prod/sheets/secret"].type, "String");
  EXPECT_EQ(by_name["/stratus/prod/sheets/secret"].value, "ssm:/shared/sheets_secret");
  EXPECT_EQ(by_name.count("/stratus/prod/sheets/url"), 0u);
  EXPECT_EQ(plan->kept, std::vector<std::string>{"/stratus/prod/sheets/url"});

  // Read back as SSM would hand it over: the SecureString is a reference to itself.
  std::vector<ConfigParameter> stored;
  for (const auto& p : plan->parameters) {
    stored.push_back({p.name, p.value, p.type == "SecureString"});
  }
  auto table = ssm_parameters_to_table(stored, "/stratus/prod");
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  EXPECT_EQ(table->at_path("slack.webhook_url").value<std::string>(),
            "ssm:/stratus/prod/slack/webhook_url");
  EXPECT_EQ(table->at_path("sheets.secret").value<std::string>(), "ssm:/shared/sheets_secret");

  auto missing = plan_config_push(t, "/stratus/prod", {});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().to_string(),
              HasSubstr("slack.webhook_url = \"env:SLACK_WEBHOOK_URL\": the environment "
                        "variable SLACK_WEBHOOK_URL is not set"));
}

TEST(ConfigPushDiff, NewUnchangedConflictingStaleAndMissing) {
  PushPlan plan;
  plan.prefix = "/stratus/prod";
  plan.parameters = {{"/stratus/prod/a", "1", "String", "a"},
                     {"/stratus/prod/b", "2", "String", "b"},
                     {"/stratus/prod/c", "3", "String", "c"},
                     {"/stratus/prod/secrets/k", "v", "SecureString", "$K"}};
  plan.kept = {"/stratus/prod/secrets/held", "/stratus/prod/secrets/gone"};
  const std::vector<SsmParameter> existing = {
      {"/stratus/prod/b", "2", "String"},
      {"/stratus/prod/c", "30", "String"},
      {"/stratus/prod/secrets/k", "v", "SecureString"},
      {"/stratus/prod/secrets/held", "x", "SecureString"},
      {"/stratus/prod/old", "9", "String"},
      {"/stratus/prod/ledger/table", "stack-table", "String"}};
  const PushDiff diff = diff_config_push(plan, existing, false);
  ASSERT_EQ(diff.writes.size(), 1u);
  EXPECT_EQ(diff.writes[0].name, "/stratus/prod/a");
  EXPECT_EQ(diff.unchanged,
            (std::vector<std::string>{"/stratus/prod/b", "/stratus/prod/secrets/k"}));
  EXPECT_EQ(diff.conflicts, (std::vector<std::string>{"/stratus/prod/c"}));
  EXPECT_EQ(diff.missing, (std::vector<std::string>{"/stratus/prod/secrets/gone"}));
  EXPECT_EQ(diff.stale, (std::vector<std::string>{"/stratus/prod/old"}));

  const PushDiff forced = diff_config_push(plan, existing, true);
  EXPECT_EQ(forced.writes.size(), 2u);
  EXPECT_TRUE(forced.conflicts.empty());
}

}  // namespace
}  // namespace stratus
