// Tests of the remote-sink and outbox settings ([alerts] min_severity, [slack], [sheets],
// [outbox]): defaults, every layer (file, environment, SSM), every bad value, and that the
// secrets they reference are never shown.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_loader.h"
#include "config/config_render.h"
#include "config/config_test_support.h"
#include "config/ssm_table.h"

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSourceDir = STRATUS_SOURCE_DIR;
const std::string kWebhook = "https://hooks.slack.com/services/T0001/B0001/SLACKTOKEN0001";

class SinkConfigTest : public test::ConfigTest {
 protected:
  // Loads profile dev from a file whose [dev] table is `dev_toml`.
  Result<Config> load_dev(const std::string& dev_toml,
                          std::map<std::string, std::string> env = {}) {
    return load_text("[dev]\n" + dev_toml + "\n", "dev", std::move(env));
  }
};

Result<Config> load_env(std::map<std::string, std::string> env) {
  return test::load_defaults("dev", std::move(env));
}

using test::expect_invalid;

// --- Defaults ----------------------------------------------------------------------------------

TEST(SinkConfigDefaults, EverySinkIsOffAndTheOutboxHasItsDocumentedPolicy) {
  Result<Config> c = load_env({});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->alerts.min_severity, Severity::kInfo);
  EXPECT_EQ(c->slack.webhook_url, "");
  EXPECT_EQ(c->slack.events,
            (std::vector<std::string>{"order", "order_update", "cap_declined", "run_failed"}));
  EXPECT_EQ(c->slack.min_severity, Severity::kInfo);
  EXPECT_EQ(c->sheets.url, "");
  EXPECT_EQ(c->sheets.secret, "");
  EXPECT_EQ(c->sheets.events, (std::vector<std::string>{"run_summary", "order", "order_update"}));
  EXPECT_EQ(c->sheets.min_severity, Severity::kDebug);
  EXPECT_EQ(c->outbox.retry_base_seconds, 60);
  EXPECT_EQ(c->outbox.retry_max_seconds, 3600);
  EXPECT_EQ(c->outbox.max_per_sink, 50);
  EXPECT_EQ(c->outbox.lease_seconds, 120);
}

TEST(SinkConfigDefaults, TheStructsDefaultsAreTheDefaultsFiles) {
  Result<Config> loaded = load_env({});
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  const Config built;
  EXPECT_EQ(loaded->alerts.min_severity, built.alerts.min_severity);
  EXPECT_EQ(loaded->slack.events, built.slack.events);
  EXPECT_EQ(loaded->slack.min_severity, built.slack.min_severity);
  EXPECT_EQ(loaded->sheets.events, built.sheets.events);
  EXPECT_EQ(loaded->sheets.min_severity, built.sheets.min_severity);
  EXPECT_EQ(loaded->outbox.retry_base_seconds, built.outbox.retry_base_seconds);
  EXPECT_EQ(loaded->outbox.retry_max_seconds, built.outbox.retry_max_seconds);
  EXPECT_EQ(loaded->outbox.max_per_sink, built.outbox.max_per_sink);
  EXPECT_EQ(loaded->outbox.lease_seconds, built.outbox.lease_seconds);
}

// --- Good values, from each layer ----------------------------------------------------------------

TEST_F(SinkConfigTest, EveryKeyFromTheFile) {
  Result<Config> c = load_dev(R"(
[dev.alerts]
min_severity = "warning"
[dev.slack]
webhook_url = "env:SLACK_WEBHOOK_URL"
events = ["run_failed", "alert", "order"]
min_severity = "error"
[dev.sheets]
url = "ssm:/stratus/dev/sheets/url"
secret = "env:SHEETS_SECRET"
events = ["run", "market_check", "signal", "no_signal", "cap_declined", "order", "order_update",
          "skipped", "run_failed", "run_summary", "alert"]
min_severity = "info"
[dev.outbox]
retry_base_seconds = 1
retry_max_seconds = 1
max_per_sink = 10000
lease_seconds = 3600
)");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->alerts.min_severity, Severity::kWarning);
  EXPECT_EQ(c->slack.webhook_url, "env:SLACK_WEBHOOK_URL");
  EXPECT_EQ(c->slack.events, (std::vector<std::string>{"run_failed", "alert", "order"}));
  EXPECT_EQ(c->slack.min_severity, Severity::kError);
  EXPECT_EQ(c->sheets.url, "ssm:/stratus/dev/sheets/url");
  EXPECT_EQ(c->sheets.secret, "env:SHEETS_SECRET");
  EXPECT_EQ(c->sheets.events.size(), 11u);
  EXPECT_EQ(c->sheets.min_severity, Severity::kInfo);
  EXPECT_EQ(c->outbox.retry_base_seconds, 1);
  EXPECT_EQ(c->outbox.retry_max_seconds, 1);
  EXPECT_EQ(c->outbox.max_per_sink, 10000);
  EXPECT_EQ(c->outbox.lease_seconds, 3600);
}

TEST_F(SinkConfigTest, AnEmptyEventListSendsNothingAndIsAllowed) {
  Result<Config> c = load_dev("[dev.slack]\nevents = []");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_TRUE(c->slack.events.empty());
}

TEST(SinkConfigEnvironment, EveryKeyFromStratusVariables) {
  Result<Config> c = load_env({{"STRATUS_ALERTS__MIN_SEVERITY", "error"},
                               {"STRATUS_SLACK__WEBHOOK_URL", "ssm:/stratus/dev/slack/webhook_url"},
                               {"STRATUS_SLACK__EVENTS", R"(["order"])"},
                               {"STRATUS_SLACK__MIN_SEVERITY", "warning"},
                               {"STRATUS_SHEETS__URL", "env:SHEETS_URL"},
                               {"STRATUS_SHEETS__SECRET", "env:SHEETS_SECRET"},
                               {"STRATUS_SHEETS__EVENTS", R"(["run_summary"])"},
                               {"STRATUS_SHEETS__MIN_SEVERITY", "info"},
                               {"STRATUS_OUTBOX__RETRY_BASE_SECONDS", "30"},
                               {"STRATUS_OUTBOX__RETRY_MAX_SECONDS", "604800"},
                               {"STRATUS_OUTBOX__MAX_PER_SINK", "1"},
                               {"STRATUS_OUTBOX__LEASE_SECONDS", "1"}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->alerts.min_severity, Severity::kError);
  EXPECT_EQ(c->slack.webhook_url, "ssm:/stratus/dev/slack/webhook_url");
  EXPECT_EQ(c->slack.events, std::vector<std::string>{"order"});
  EXPECT_EQ(c->slack.min_severity, Severity::kWarning);
  EXPECT_EQ(c->sheets.url, "env:SHEETS_URL");
  EXPECT_EQ(c->sheets.secret, "env:SHEETS_SECRET");
  EXPECT_EQ(c->sheets.events, std::vector<std::string>{"run_summary"});
  EXPECT_EQ(c->sheets.min_severity, Severity::kInfo);
  EXPECT_EQ(c->outbox.retry_base_seconds, 30);
  EXPECT_EQ(c->outbox.retry_max_seconds, 604800);
  EXPECT_EQ(c->outbox.max_per_sink, 1);
  EXPECT_EQ(c->outbox.lease_seconds, 1);
}

TEST(SinkConfigEnvironment, BadValuesNameTheVariable) {
  Result<Config> c = load_env({{"STRATUS_OUTBOX__MAX_PER_SINK", "0"}});
  expect_invalid(c, {"outbox.max_per_sink = 0: expected a whole number from 1 to 10000"});
  EXPECT_EQ(c.error().context, "environment STRATUS_OUTBOX__MAX_PER_SINK");
  Result<Config> d = load_env({{"STRATUS_SLACK__MIN_SEVERITTY", "info"}});
  expect_invalid(d, {"slack.min_severitty: unknown key; did you mean slack.min_severity?"});
}

TEST(SinkConfigEnvironment, AVariableOneUnderscoreShortIsPointedAtTheKey) {
  // e.g. a secret kept in STRATUS_SHEETS_URL: every STRATUS_* variable is a config override.
  Result<Config> c = load_env({{"STRATUS_SHEETS_URL", "https://script.google.com/x/TOKEN77/exec"}});
  expect_invalid(c, {"sheets_url: unknown key; did you mean sheets.url?"});
  EXPECT_EQ(c.error().context, "environment STRATUS_SHEETS_URL");
  EXPECT_THAT(c.error().to_string(), Not(HasSubstr("TOKEN77")));
  expect_invalid(load_env({{"STRATUS_OUTBOX_MAX_PER_SINK", "3"}}),
                 {"outbox_max_per_sink: unknown key; did you mean outbox.max_per_sink?"});
}

TEST(SinkConfigEnvironment, ALiteralWebhookInTheEnvironmentIsRefusedUnseen) {
  Result<Config> c = load_env({{"STRATUS_SLACK__WEBHOOK_URL", kWebhook}});
  expect_invalid(c, {"slack.webhook_url = (value hidden)", "env:NAME", "ssm:/path"});
  EXPECT_EQ(c.error().context, "environment STRATUS_SLACK__WEBHOOK_URL");
  EXPECT_THAT(c.error().to_string(), Not(HasSubstr("SLACKTOKEN0001")));
  EXPECT_THAT(c.error().to_string(), Not(HasSubstr("hooks.slack.com")));
}

TEST(SinkConfigSsm, EveryKeyFromParameters) {
  auto table = ssm_parameters_to_table(
      {{"/stratus/prod/alerts/min_severity", "warning", false},
       {"/stratus/prod/slack/webhook_url", "ssm:/stratus/shared/slack_webhook", false},
       {"/stratus/prod/slack/events", R"(["order","run_failed"])", false},
       {"/stratus/prod/slack/min_severity", "\"error\"", false},
       {"/stratus/prod/sheets/url", "env:SHEETS_URL", false},
       {"/stratus/prod/sheets/secret", "env:SHEETS_SECRET", false},
       {"/stratus/prod/outbox/retry_base_seconds", "5", false},
       {"/stratus/prod/outbox/retry_max_seconds", "50", false},
       {"/stratus/prod/outbox/max_per_sink", "7", false},
       {"/stratus/prod/outbox/lease_seconds", "9", false}},
      "/stratus/prod");
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  ProfileLayer layer{std::move(*table), ValueOrigin{"ssm:/stratus/prod", "", false}, {}};
  Result<Config> c = load_config_from_layer(std::move(layer), "prod", {}, "");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->alerts.min_severity, Severity::kWarning);
  EXPECT_EQ(c->slack.webhook_url, "ssm:/stratus/shared/slack_webhook");
  EXPECT_EQ(c->slack.events, (std::vector<std::string>{"order", "run_failed"}));
  EXPECT_EQ(c->slack.min_severity, Severity::kError);
  EXPECT_EQ(c->sheets.url, "env:SHEETS_URL");
  EXPECT_EQ(c->sheets.secret, "env:SHEETS_SECRET");
  EXPECT_EQ(c->outbox.retry_base_seconds, 5);
  EXPECT_EQ(c->outbox.retry_max_seconds, 50);
  EXPECT_EQ(c->outbox.max_per_sink, 7);
  EXPECT_EQ(c->outbox.lease_seconds, 9);
}

TEST(SinkConfigSsm, ASecureStringAtAReferenceKeyIsAReferenceToItself) {
  auto table = ssm_parameters_to_table(
      {{"/stratus/prod/slack/webhook_url", kWebhook, true},
       {"/stratus/prod/sheets/url", "https://script.google.com/macros/s/SHEETTOKEN/exec", true},
       {"/stratus/prod/sheets/secret", "shared-secret-value", true}},
      "/stratus/prod");
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  std::ostringstream text;
  text << *table;
  EXPECT_THAT(text.str(), Not(HasSubstr("SLACKTOKEN0001")));
  EXPECT_THAT(text.str(), Not(HasSubstr("SHEETTOKEN")));
  EXPECT_THAT(text.str(), Not(HasSubstr("shared-secret-value")));
  ProfileLayer layer{std::move(*table), ValueOrigin{"ssm:/stratus/prod", "", false}, {}};
  Result<Config> c = load_config_from_layer(std::move(layer), "prod", {}, "");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->slack.webhook_url, "ssm:/stratus/prod/slack/webhook_url");
  EXPECT_EQ(c->sheets.url, "ssm:/stratus/prod/sheets/url");
  EXPECT_EQ(c->sheets.secret, "ssm:/stratus/prod/sheets/secret");
}

TEST(SinkConfigSsm, ALiteralWebhookInAStringParameterIsRefusedUnseen) {
  auto table = ssm_parameters_to_table({{"/stratus/prod/slack/webhook_url", kWebhook, false}},
                                       "/stratus/prod");
  ASSERT_TRUE(table.ok()) << table.error().to_string();
  ProfileLayer layer{std::move(*table), ValueOrigin{"ssm:/stratus/prod", "", false}, {}};
  layer.value_origins.push_back({KeyPath{"slack", "webhook_url"},
                                 ValueOrigin{"ssm:/stratus/prod/slack/webhook_url", "", false}});
  Result<Config> c = load_config_from_layer(std::move(layer), "prod", {}, "");
  expect_invalid(c, {"slack.webhook_url = (value hidden)", "by reference"});
  EXPECT_EQ(c.error().context, "ssm:/stratus/prod/slack/webhook_url");
  EXPECT_THAT(c.error().to_string(), Not(HasSubstr("SLACKTOKEN0001")));
}

// --- Rejections --------------------------------------------------------------------------------

struct SinkRejection {
  std::string dev_toml;
  std::vector<std::string> expected;  // Substrings of the message.
  std::string never_shown = "";       // A substring the message must not hold ("" = none).
};

void PrintTo(const SinkRejection& rejection, std::ostream* out) { *out << rejection.dev_toml; }

class SinkRejectionTest : public SinkConfigTest,
                          public ::testing::WithParamInterface<SinkRejection> {};

TEST_P(SinkRejectionTest, IsInvalidInputNamingKeyValueAndExpectation) {
  Result<Config> c = load_dev(GetParam().dev_toml);
  ASSERT_FALSE(c.ok()) << GetParam().dev_toml;
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(c.error().message, HasSubstr("[dev] "));
  for (const std::string& part : GetParam().expected) {
    EXPECT_THAT(c.error().message, HasSubstr(part)) << c.error().to_string();
  }
  if (!GetParam().never_shown.empty()) {
    EXPECT_THAT(c.error().to_string(), Not(HasSubstr(GetParam().never_shown)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Values, SinkRejectionTest,
    ::testing::Values(
        // Severities.
        SinkRejection{"[dev.alerts]\nmin_severity = \"critical\"",
                      {"alerts.min_severity = \"critical\": expected \"debug\", \"info\", "
                       "\"warning\" or \"error\" (line 3)"}},
        SinkRejection{"[dev.slack]\nmin_severity = \"INFO\"", {"slack.min_severity = \"INFO\""}},
        SinkRejection{"[dev.sheets]\nmin_severity = 2", {"sheets.min_severity = 2: expected"}},
        SinkRejection{"[dev.alerts]\nmin_severty = \"info\"",
                      {"alerts.min_severty: unknown key; did you mean alerts.min_severity?"}},
        // Secret references: literals are refused without being shown.
        SinkRejection{"[dev.slack]\nwebhook_url = \"" + kWebhook + "\"",
                      {"slack.webhook_url = (value hidden)",
                       "the Slack incoming-webhook URL is a secret and goes by reference",
                       "\"env:NAME\" or \"ssm:/path\""},
                      "SLACKTOKEN0001"},
        SinkRejection{"[dev.sheets]\nurl = \"https://script.google.com/macros/s/SHEETTOKEN/exec\""
                      "\nsecret = \"env:SHEETS_SECRET\"",
                      {"sheets.url = (value hidden)", "by reference"},
                      "SHEETTOKEN"},
        SinkRejection{"[dev.sheets]\nurl = \"env:SHEETS_URL\"\nsecret = \"hunter2-shared\"",
                      {"sheets.secret = (value hidden)",
                       "the shared secret the Apps Script "
                       "checks is a secret"},
                      "hunter2-shared"},
        SinkRejection{"[dev.slack]\nwebhook_url = 12345678",
                      {"slack.webhook_url = (value hidden)", "expected \"\" (off) or a reference"},
                      "12345678"},
        SinkRejection{"[dev.slack]\nwebhook_url = \"env:SLACK-URL\"",
                      {"slack.webhook_url = \"env:SLACK-URL\": expected \"\" (off) or a "
                       "reference to the Slack incoming-webhook URL"}},
        SinkRejection{"[dev.slack]\nwebhook_url = \"ssm:https://hooks.slack.com/x/SLACKTOKEN9\"",
                      {"slack.webhook_url = (value hidden)"},
                      "SLACKTOKEN9"},
        // Sheets: url and secret go together.
        SinkRejection{"[dev.sheets]\nurl = \"env:SHEETS_URL\"",
                      {"sheets.url = \"env:SHEETS_URL\": sheets.secret is not set", "(line 3)"}},
        SinkRejection{"[dev.sheets]\nsecret = \"env:SHEETS_SECRET\"",
                      {"sheets.secret = \"env:SHEETS_SECRET\": sheets.url is not set", "(line 3)"}},
        // Event lists.
        SinkRejection{"[dev.slack]\nevents = [\"orders\"]",
                      {"slack.events[0] = \"orders\": expected an array of distinct audit event "
                       "types from \"run\", \"market_check\", \"signal\", \"no_signal\", "
                       "\"cap_declined\", \"order\", \"order_update\", \"skipped\", "
                       "\"run_failed\", \"run_summary\", \"alert\""}},
        SinkRejection{"[dev.slack]\nevents = [\"order\", \"delivery\"]",
                      {"slack.events[1] = \"delivery\"", "local only"}},
        SinkRejection{"[dev.sheets]\nevents = [\"order\", \"run_summary\", \"order\"]",
                      {"sheets.events[2] = \"order\": duplicate event type"}},
        SinkRejection{"[dev.sheets]\nevents = \"order\"",
                      {"sheets.events = \"order\": expected an array"}},
        SinkRejection{"[dev.slack]\nevents = [1]", {"slack.events[0] = 1: expected"}},
        SinkRejection{"[dev.slack]\nevent = [\"order\"]",
                      {"slack.event: unknown key; did you mean slack.events?"}},
        SinkRejection{"[dev.slak]\nevents = []", {"slak: unknown key; did you mean slack?"}},
        SinkRejection{"slack = \"on\"", {"slack = \"on\": expected a table ([slack])"}},
        // Outbox ranges.
        SinkRejection{"[dev.outbox]\nretry_base_seconds = 0",
                      {"outbox.retry_base_seconds = 0: expected a whole number from 1 to 86400"}},
        SinkRejection{"[dev.outbox]\nretry_base_seconds = 86401",
                      {"outbox.retry_base_seconds = 86401"}},
        SinkRejection{"[dev.outbox]\nretry_base_seconds = 600\nretry_max_seconds = 599",
                      {"outbox.retry_max_seconds = 599: expected a whole number from "
                       "outbox.retry_base_seconds (600) to 604800"}},
        SinkRejection{"[dev.outbox]\nretry_max_seconds = 604801",
                      {"outbox.retry_max_seconds = 604801"}},
        SinkRejection{"[dev.outbox]\nmax_per_sink = 10001",
                      {"outbox.max_per_sink = 10001: expected a whole number from 1 to 10000"}},
        SinkRejection{"[dev.outbox]\nlease_seconds = 0",
                      {"outbox.lease_seconds = 0: expected a whole number from 1 to 3600"}},
        SinkRejection{"[dev.outbox]\nlease_seconds = 3601", {"outbox.lease_seconds = 3601"}},
        SinkRejection{"[dev.outbox]\nlease_seconds = \"60\"", {"outbox.lease_seconds = \"60\""}},
        SinkRejection{"[dev.outbox]\nretry_seconds = 60", {"outbox.retry_seconds: unknown key"}}));

// --- Rendering ----------------------------------------------------------------------------------

TEST(SinkConfigRender, ShowsReferencesNeverResolvedValues) {
  Result<Config> c = load_env({{"STRATUS_SLACK__WEBHOOK_URL", "env:SLACK_WEBHOOK_URL"},
                               {"STRATUS_SHEETS__URL", "env:SHEETS_URL"},
                               {"STRATUS_SHEETS__SECRET", "ssm:/stratus/dev/sheets/secret"},
                               {"STRATUS_SHEETS__MIN_SEVERITY", "warning"},
                               {"STRATUS_OUTBOX__MAX_PER_SINK", "7"},
                               {"SLACK_WEBHOOK_URL", kWebhook}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  const std::string text = render_config(*c);
  EXPECT_THAT(text, HasSubstr("[alerts]\nsns_topic_arn = \"\"\non = [\"order_placed\", "
                              "\"order_rejected\", \"run_failed\"]\nmin_severity = \"info\"\n"));
  EXPECT_THAT(text, HasSubstr("[slack]\nwebhook_url = \"env:SLACK_WEBHOOK_URL\"  # reference, not "
                              "resolved\nevents = [\"order\", \"order_update\", \"cap_declined\", "
                              "\"run_failed\"]\nmin_severity = \"info\"\n"));
  EXPECT_THAT(text, HasSubstr("[sheets]\nurl = \"env:SHEETS_URL\"  # reference, not resolved\n"
                              "secret = \"ssm:/stratus/dev/sheets/secret\"  # reference, not "
                              "resolved\nevents = [\"run_summary\", \"order\", \"order_update\"]\n"
                              "min_severity = \"warning\"\n"));
  EXPECT_THAT(text, HasSubstr("[outbox]\nretry_base_seconds = 60\nretry_max_seconds = 3600\n"
                              "max_per_sink = 7\nlease_seconds = 120\n"));
  EXPECT_THAT(text, Not(HasSubstr("SLACKTOKEN0001")));
}

TEST(SinkConfigRender, OffSinksAndHandBuiltLiteralsAreShownSafely) {
  Config config;
  config.slack.webhook_url = kWebhook;  // Not through the loader: never shown anyway.
  const std::string text = render_config(config);
  EXPECT_THAT(text, HasSubstr("# webhook_url = (redacted: not a reference)\n"));
  EXPECT_THAT(text, HasSubstr("[sheets]\nurl = \"\"  # off\nsecret = \"\"  # off\n"));
  EXPECT_THAT(text, Not(HasSubstr("SLACKTOKEN0001")));
}

TEST(SinkConfigRender, RoundTripsNonDefaultValues) {
  Result<Config> c = load_env({{"STRATUS_ALERTS__MIN_SEVERITY", "error"},
                               {"STRATUS_SLACK__WEBHOOK_URL", "ssm:/a/b"},
                               {"STRATUS_SLACK__EVENTS", "[]"},
                               {"STRATUS_SHEETS__URL", "env:U"},
                               {"STRATUS_SHEETS__SECRET", "env:S"},
                               {"STRATUS_SHEETS__EVENTS", R"(["alert", "run"])"},
                               {"STRATUS_OUTBOX__RETRY_BASE_SECONDS", "2"},
                               {"STRATUS_OUTBOX__RETRY_MAX_SECONDS", "3"},
                               {"STRATUS_OUTBOX__LEASE_SECONDS", "4"}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  const std::string text = render_config(*c);
  Result<Config> again = config_from_table(toml::parse(text), "dev", "");
  ASSERT_TRUE(again.ok()) << again.error().to_string() << "\n" << text;
  EXPECT_EQ(again->alerts.min_severity, Severity::kError);
  EXPECT_EQ(again->slack.webhook_url, "ssm:/a/b");
  EXPECT_TRUE(again->slack.events.empty());
  EXPECT_EQ(again->sheets.url, "env:U");
  EXPECT_EQ(again->sheets.secret, "env:S");
  EXPECT_EQ(again->sheets.events, (std::vector<std::string>{"alert", "run"}));
  EXPECT_EQ(again->outbox.retry_base_seconds, 2);
  EXPECT_EQ(again->outbox.retry_max_seconds, 3);
  EXPECT_EQ(again->outbox.lease_seconds, 4);
}

TEST(SinkConfigRepoFile, EveryProfileLoadsWithTheSinksOff) {
  for (const std::string profile : {"default", "dev", "stage", "prod"}) {
    Result<Config> c = load_config(ConfigSources{kSourceDir + "/stratus.toml", profile, {}});
    ASSERT_TRUE(c.ok()) << profile << ": " << c.error().to_string();
    EXPECT_EQ(c->slack.webhook_url, "") << profile;
    EXPECT_EQ(c->sheets.url, "") << profile;
  }
}

}  // namespace
}  // namespace stratus
