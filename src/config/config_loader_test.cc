// Tests of config loading: defaults, profiles, environment overrides, strict validation, path
// resolution and redacted rendering.
#include "config/config_loader.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_render.h"
#include "config/config_test_support.h"
#include "config/config_validate.h"
#include "config/embedded_defaults.h"
#include "config/table_merge.h"
#include "config/toml_text.h"

namespace stratus {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kSourceDir = STRATUS_SOURCE_DIR;
const std::string kRepoFile = kSourceDir + "/stratus.toml";

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

using test::ConfigTest;
using test::expect_invalid;
using test::load_defaults;

std::vector<std::pair<std::int64_t, std::int64_t>> tier_units(const Config& c) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  for (const Tier& t : c.evaluate.tiers) out.emplace_back(t.min_drop.units(), t.qty.shares());
  return out;
}

std::map<std::string, std::int64_t> symbol_cap_shares(const Config& c) {
  std::map<std::string, std::int64_t> out;
  for (const auto& [symbol, q] : c.limits.symbol_caps) out[symbol] = q.shares();
  return out;
}

// Every field of two configs, compared.
void expect_same_config(const Config& a, const Config& b) {
  EXPECT_EQ(a.profile, b.profile);
  EXPECT_EQ(a.strategy, b.strategy);
  EXPECT_EQ(a.watchlist, b.watchlist);
  EXPECT_EQ(a.market.calendar, b.market.calendar);
  EXPECT_EQ(a.market.window_minutes_before_close, b.market.window_minutes_before_close);
  EXPECT_EQ(a.market.run_times, b.market.run_times);
  EXPECT_EQ(a.evaluate.high_basis, b.evaluate.high_basis);
  EXPECT_EQ(a.evaluate.window_sessions, b.evaluate.window_sessions);
  EXPECT_EQ(a.evaluate.min_sessions, b.evaluate.min_sessions);
  EXPECT_EQ(tier_units(a), tier_units(b));
  EXPECT_EQ(a.evaluate.indicator_sessions, b.evaluate.indicator_sessions);
  EXPECT_EQ(a.evaluate.filter.has_value(), b.evaluate.filter.has_value());
  if (a.evaluate.filter && b.evaluate.filter) {
    EXPECT_EQ(a.evaluate.filter->text(), b.evaluate.filter->text());
  }
  for (std::size_t i = 0; i < a.evaluate.tiers.size(); ++i) {
    const rules::Rule* wa = a.evaluate.tier_condition(i);
    const rules::Rule* wb = b.evaluate.tier_condition(i);
    EXPECT_EQ(wa == nullptr, wb == nullptr) << "tier " << i;
    if (wa != nullptr && wb != nullptr) {
      EXPECT_EQ(wa->text(), wb->text()) << "tier " << i;
    }
  }
  EXPECT_EQ(a.limits.trading_enabled, b.limits.trading_enabled);
  EXPECT_EQ(a.limits.monthly_share_cap, b.limits.monthly_share_cap);
  EXPECT_EQ(symbol_cap_shares(a), symbol_cap_shares(b));
  EXPECT_EQ(a.limits.monthly_budget_per_symbol, b.limits.monthly_budget_per_symbol);
  EXPECT_EQ(a.limits.monthly_budget_total, b.limits.monthly_budget_total);
  EXPECT_EQ(a.limits.max_order_notional, b.limits.max_order_notional);
  EXPECT_EQ(a.limits.on_exceed, b.limits.on_exceed);
  EXPECT_EQ(a.broker.kind, b.broker.kind);
  EXPECT_EQ(a.broker.slippage_bps, b.broker.slippage_bps);
  EXPECT_EQ(a.broker.commission_per_order, b.broker.commission_per_order);
  EXPECT_EQ(a.data.kind, b.data.kind);
  EXPECT_EQ(a.data.path, b.data.path);
  EXPECT_EQ(a.data.layout, b.data.layout);
  EXPECT_EQ(a.ledger.kind, b.ledger.kind);
  EXPECT_EQ(a.ledger.table, b.ledger.table);
  EXPECT_EQ(a.ledger_path, b.ledger_path);
  EXPECT_EQ(a.audit_path, b.audit_path);
  EXPECT_EQ(a.secrets, b.secrets);
  EXPECT_EQ(a.evaluate.price, b.evaluate.price);
  EXPECT_EQ(a.alpaca.environment, b.alpaca.environment);
  EXPECT_EQ(a.alpaca.trading_url, b.alpaca.trading_url);
  EXPECT_EQ(a.alpaca.data_url, b.alpaca.data_url);
  EXPECT_EQ(a.alpaca.feed, b.alpaca.feed);
  EXPECT_EQ(a.alpaca.adjustment, b.alpaca.adjustment);
  EXPECT_EQ(a.alpaca.cache_path, b.alpaca.cache_path);
  EXPECT_EQ(a.alpaca.order_type, b.alpaca.order_type);
  EXPECT_EQ(a.alpaca.limit_offset_bps, b.alpaca.limit_offset_bps);
  EXPECT_EQ(a.alpaca.time_in_force, b.alpaca.time_in_force);
  EXPECT_EQ(a.http.connect_timeout_ms, b.http.connect_timeout_ms);
  EXPECT_EQ(a.http.total_timeout_ms, b.http.total_timeout_ms);
  EXPECT_EQ(a.http.max_attempts, b.http.max_attempts);
  EXPECT_EQ(a.http.base_delay_ms, b.http.base_delay_ms);
  EXPECT_EQ(a.http.max_delay_ms, b.http.max_delay_ms);
  EXPECT_EQ(a.http.max_total_delay_ms, b.http.max_total_delay_ms);
  EXPECT_EQ(a.http.breaker_failure_threshold, b.http.breaker_failure_threshold);
  EXPECT_EQ(a.alerts.sns_topic_arn, b.alerts.sns_topic_arn);
  EXPECT_EQ(a.alerts.on, b.alerts.on);
  EXPECT_EQ(a.alerts.min_severity, b.alerts.min_severity);
  EXPECT_EQ(a.slack.webhook_url, b.slack.webhook_url);
  EXPECT_EQ(a.slack.events, b.slack.events);
  EXPECT_EQ(a.slack.min_severity, b.slack.min_severity);
  EXPECT_EQ(a.sheets.url, b.sheets.url);
  EXPECT_EQ(a.sheets.secret, b.sheets.secret);
  EXPECT_EQ(a.sheets.events, b.sheets.events);
  EXPECT_EQ(a.sheets.min_severity, b.sheets.min_severity);
  EXPECT_EQ(a.outbox.retry_base_seconds, b.outbox.retry_base_seconds);
  EXPECT_EQ(a.outbox.retry_max_seconds, b.outbox.retry_max_seconds);
  EXPECT_EQ(a.outbox.max_per_sink, b.outbox.max_per_sink);
  EXPECT_EQ(a.outbox.lease_seconds, b.outbox.lease_seconds);
}

// --- Defaults -------------------------------------------------------------------------------

TEST(ConfigDefaults, EmbeddedDefaultsAreTheDefaultsFile) {
  EXPECT_EQ(embedded_defaults_toml(), read_text(kSourceDir + "/config/defaults.toml"));
}

TEST(ConfigDefaults, LoadWithoutAFile) {
  Result<Config> config = load_defaults("dev");
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const Config& c = *config;
  EXPECT_EQ(c.profile, "dev");
  EXPECT_EQ(c.strategy, "dip");
  EXPECT_EQ(c.watchlist,
            (std::vector<std::string>{"AAPL", "MSFT", "AMZN", "GOOGL", "JPM", "XOM", "CVX", "GE",
                                      "JNJ", "PFE", "KO", "WMT", "BA", "CAT", "NFLX", "NVDA"}));
  EXPECT_EQ(c.market.calendar, "xnys");
  EXPECT_EQ(c.market.window_minutes_before_close, 20);
  EXPECT_EQ(c.market.run_times,
            (std::vector<TimeOfDay>{TimeOfDay{12 * 60 + 45}, TimeOfDay{15 * 60 + 45}}));
  EXPECT_EQ(c.evaluate.high_basis, HighBasis::kHigh);
  EXPECT_EQ(c.evaluate.window_sessions, 252);
  EXPECT_EQ(c.evaluate.min_sessions, 252);
  EXPECT_EQ(tier_units(c), (std::vector<std::pair<std::int64_t, std::int64_t>>{
                               {100000, 1}, {200000, 2}, {300000, 3}}));
  EXPECT_TRUE(c.limits.trading_enabled);
  EXPECT_EQ(c.limits.monthly_share_cap, Quantity(4));
  EXPECT_EQ(c.limits.on_exceed, ExceedPolicy::kClip);
  EXPECT_TRUE(c.limits.symbol_caps.empty());
  EXPECT_FALSE(c.limits.monthly_budget_per_symbol);
  EXPECT_FALSE(c.limits.monthly_budget_total);
  EXPECT_FALSE(c.limits.max_order_notional);
  EXPECT_EQ(c.broker.kind, "paper");
  EXPECT_EQ(c.broker.slippage_bps, 5);
  EXPECT_EQ(c.broker.commission_per_order, Money());
  EXPECT_EQ(c.data.kind, "csv");
  EXPECT_EQ(c.data.path, "data/bars/sp500-16.csv.gz");
  EXPECT_EQ(c.data.layout, "sp500");
  EXPECT_EQ(c.ledger.kind, "sqlite");
  EXPECT_EQ(c.ledger.table, "stratus-ledger");
  EXPECT_EQ(c.ledger_path, "var/dev/ledger.sqlite");
  EXPECT_EQ(c.audit_path, "var/dev/audit.jsonl");
  EXPECT_TRUE(c.secrets.empty());
  EXPECT_EQ(c.evaluate.price, PriceSource::kClose);
  EXPECT_EQ(c.alpaca.environment, AlpacaEnvironment::kPaper);
  EXPECT_EQ(c.alpaca.trading_url, "");
  EXPECT_EQ(c.alpaca.data_url, "https://data.alpaca.markets");
  EXPECT_EQ(c.alpaca.feed, "iex");
  EXPECT_EQ(c.alpaca.adjustment, "split");
  EXPECT_EQ(c.alpaca.cache_path, "var/dev/bars.sqlite");
  EXPECT_EQ(c.alpaca.order_type, OrderType::kMarket);
  EXPECT_EQ(c.alpaca.limit_offset_bps, 0);
  EXPECT_EQ(c.alpaca.time_in_force, TimeInForce::kDay);
  EXPECT_EQ(c.http.connect_timeout_ms, 5000);
  EXPECT_EQ(c.http.total_timeout_ms, 30000);
  EXPECT_EQ(c.http.max_attempts, 4);
  EXPECT_EQ(c.http.base_delay_ms, 250);
  EXPECT_EQ(c.http.max_delay_ms, 8000);
  EXPECT_EQ(c.http.max_total_delay_ms, 30000);
  EXPECT_EQ(c.http.breaker_failure_threshold, 5);
}

TEST(ConfigDefaults, BuiltInProfilesOnlyWithoutAFile) {
  EXPECT_TRUE(load_defaults("stage").ok());
  EXPECT_TRUE(load_defaults("prod").ok());
  expect_invalid(load_defaults("canary"), {"profile \"canary\" is not defined"});
  expect_invalid(load_defaults(""), {"profile \"\""});
  expect_invalid(load_defaults("../etc"), {"profile \"../etc\""});
}

// --- The repository's stratus.toml ----------------------------------------------------------

TEST(ConfigRepoFile, LoadsForEveryProfile) {
  for (const std::string profile : {"default", "dev", "stage", "prod"}) {
    Result<Config> config = load_config(ConfigSources{kRepoFile, profile, {}});
    ASSERT_TRUE(config.ok()) << profile << ": " << config.error().to_string();
    EXPECT_EQ(config->profile, profile);
    // Only prod talks to Alpaca (its paper environment); the others need no network or keys.
    EXPECT_EQ(config->broker.kind, profile == "prod" ? "alpaca" : "paper");
    EXPECT_EQ(config->data.kind, profile == "prod" ? "alpaca" : "csv");
    EXPECT_EQ(config->alpaca.environment, AlpacaEnvironment::kPaper);
    EXPECT_EQ(config->data.path, (fs::path(kSourceDir) / "data/bars/sp500-16.csv.gz").string());
    EXPECT_EQ(config->ledger_path,
              (fs::path(kSourceDir) / "var" / profile / "ledger.sqlite").string());
  }
}

TEST(ConfigRepoFile, ProdIsStricter) {
  Result<Config> config = load_config(ConfigSources{kRepoFile, "prod", {}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const LimitsConfig& limits = config->limits;
  EXPECT_EQ(config->market.calendar, "xnys");
  EXPECT_EQ(limits.monthly_share_cap, Quantity(2));
  EXPECT_EQ(limits.on_exceed, ExceedPolicy::kSkip);
  EXPECT_EQ(limits.monthly_budget_per_symbol, Money::from_dollars(1000));
  EXPECT_EQ(limits.monthly_budget_total, Money::from_dollars(5000));
  EXPECT_EQ(limits.max_order_notional, Money::from_dollars(750));
  EXPECT_EQ(limits.limits_for("NVDA").monthly_shares, Quantity(1));
  EXPECT_EQ(limits.limits_for("AAPL").monthly_shares, Quantity(2));
  EXPECT_EQ(config->secrets.at("alpaca_key_id"), "env:APCA_API_KEY_ID");
  EXPECT_EQ(config->secrets.at("alpaca_secret_key"), "env:APCA_API_SECRET_KEY");
}

// --- Layering -------------------------------------------------------------------------------

constexpr const char* kLayeredFile = R"(
[default]
strategy = "base"
watchlist = ["AAPL", "MSFT"]
[default.limits]
monthly_share_cap = 3
trading_enabled = false
symbol_caps = { AAPL = 1 }

[dev]
watchlist = ["KO"]
[dev.limits]
monthly_share_cap = 2
symbol_caps = { MSFT = 5 }
[dev.evaluate]
tiers = [{ drop = "15", qty = 4 }]
)";

TEST_F(ConfigTest, ProfileOverridesFileDefaultWhichOverridesEmbedded) {
  Result<Config> dev = load_text(kLayeredFile, "dev");
  ASSERT_TRUE(dev.ok()) << dev.error().to_string();
  EXPECT_EQ(dev->strategy, "base");                           // File [default].
  EXPECT_EQ(dev->watchlist, std::vector<std::string>{"KO"});  // Arrays replace.
  EXPECT_EQ(dev->limits.monthly_share_cap, Quantity(2));      // Profile wins.
  EXPECT_FALSE(dev->limits.trading_enabled);                  // Tables merge by key.
  EXPECT_EQ(symbol_cap_shares(*dev),
            (std::map<std::string, std::int64_t>{{"AAPL", 1}, {"MSFT", 5}}));
  EXPECT_EQ(tier_units(*dev), (std::vector<std::pair<std::int64_t, std::int64_t>>{{150000, 4}}));
  EXPECT_EQ(dev->broker.slippage_bps, 5);  // Embedded default.

  Result<Config> stage = load_text(kLayeredFile, "stage");  // No [stage] table: file default.
  ASSERT_TRUE(stage.ok()) << stage.error().to_string();
  EXPECT_EQ(stage->limits.monthly_share_cap, Quantity(3));
  EXPECT_EQ(stage->watchlist, (std::vector<std::string>{"AAPL", "MSFT"}));
  EXPECT_EQ(tier_units(*stage).size(), 3u);
}

TEST_F(ConfigTest, EnvironmentWinsOverEverything) {
  Result<Config> dev = load_text(kLayeredFile, "dev",
                                 {{"STRATUS_LIMITS__MONTHLY_SHARE_CAP", "1"},
                                  {"stratus_limits__trading_enabled", "true"},
                                  {"STRATUS_STRATEGY", "dip2"},
                                  {"STRATUS_WATCHLIST", R"(["NVDA", "GE"])"},
                                  {"STRATUS_LIMITS__MAX_ORDER_NOTIONAL", "750.55"},
                                  {"STRATUS_LIMITS__MONTHLY_BUDGET_TOTAL", "\"2000\""},
                                  {"STRATUS_LIMITS__SYMBOL_CAPS__nvda", "0"},
                                  {"STRATUS_MARKET__RUN_TIMES", "[\"15:30\"]"},
                                  {"STRATUS_SECRETS__ALPACA_KEY_ID", "env:APCA_API_KEY_ID"},
                                  {"STRATUS_PROFILE", "prod"},
                                  {"STRATUS_CONFIG", "/nowhere.toml"},
                                  {"STRATUS_LOG_LEVEL", "debug"},
                                  {"STRATUS_LOG", "x"},
                                  {"HOME", "/home/someone"}});
  ASSERT_TRUE(dev.ok()) << dev.error().to_string();
  EXPECT_EQ(dev->profile, "dev");
  EXPECT_EQ(dev->limits.monthly_share_cap, Quantity(1));
  EXPECT_TRUE(dev->limits.trading_enabled);
  EXPECT_EQ(dev->strategy, "dip2");
  EXPECT_EQ(dev->watchlist, (std::vector<std::string>{"NVDA", "GE"}));
  EXPECT_EQ(dev->limits.max_order_notional, Money::parse("750.55").value());
  EXPECT_EQ(dev->limits.monthly_budget_total, Money::from_dollars(2000));
  EXPECT_EQ(symbol_cap_shares(*dev),
            (std::map<std::string, std::int64_t>{{"AAPL", 1}, {"MSFT", 5}, {"NVDA", 0}}));
  EXPECT_EQ(dev->market.run_times, std::vector<TimeOfDay>{TimeOfDay{15 * 60 + 30}});
  EXPECT_EQ(dev->secrets.at("alpaca_key_id"), "env:APCA_API_KEY_ID");
}

TEST_F(ConfigTest, DeeperEnvironmentOverrideWinsOverAWholeTable) {
  Result<Config> dev =
      load_text(kLayeredFile, "dev",
                {{"STRATUS_LIMITS", "{ monthly_share_cap = 7, on_exceed = \"skip\" }"},
                 {"STRATUS_LIMITS__MONTHLY_SHARE_CAP", "6"}});
  ASSERT_TRUE(dev.ok()) << dev.error().to_string();
  EXPECT_EQ(dev->limits.monthly_share_cap, Quantity(6));
  EXPECT_EQ(dev->limits.on_exceed, ExceedPolicy::kSkip);
  EXPECT_FALSE(dev->limits.trading_enabled);  // The inline table merged, it did not replace.
}

TEST(ConfigEnvironment, OverridesApplyWithoutAFile) {
  Result<Config> c =
      load_defaults("stage", {{"STRATUS_EVALUATE__TIERS", "[{drop = \"5\", qty = 1}]"},
                              {"STRATUS_BROKER__SLIPPAGE_BPS", "0"}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(tier_units(*c), (std::vector<std::pair<std::int64_t, std::int64_t>>{{50000, 1}}));
  EXPECT_EQ(c->broker.slippage_bps, 0);
}

TEST(ConfigEnvironment, UnknownKeyIsAnErrorNamingTheVariable) {
  Result<Config> c = load_defaults("dev", {{"STRATUS_LIMITS__MONTLY_SHARE_CAP", "3"}});
  expect_invalid(
      c, {"limits.montly_share_cap", "unknown key", "did you mean limits.monthly_share_cap?"});
  EXPECT_EQ(c.error().context, "environment STRATUS_LIMITS__MONTLY_SHARE_CAP");
}

TEST(ConfigEnvironment, BadValueNamesTheVariable) {
  Result<Config> c = load_defaults("dev", {{"STRATUS_LIMITS__MONTHLY_SHARE_CAP", "-1"}});
  expect_invalid(c, {"limits.monthly_share_cap = -1: expected a whole number >= 0"});
  EXPECT_EQ(c.error().context, "environment STRATUS_LIMITS__MONTHLY_SHARE_CAP");
  expect_invalid(load_defaults("dev", {{"STRATUS_LIMITS__TRADING_ENABLED", "nope"}}),
                 {"limits.trading_enabled = \"nope\": expected true or false"});
}

TEST(ConfigEnvironment, MalformedOrConflictingNames) {
  expect_invalid(load_defaults("dev", {{"STRATUS_LIMITS____CAP", "1"}}),
                 {"STRATUS_LIMITS____CAP", "STRATUS_<SECTION>__<KEY>"});
  expect_invalid(load_defaults("dev", {{"STRATUS_", "1"}}), {"STRATUS_<SECTION>__<KEY>"});
  expect_invalid(load_defaults("dev", {{"STRATUS_STRATEGY", "a"}, {"stratus_strategy", "b"}}),
                 {"STRATUS_STRATEGY", "stratus_strategy", "both set strategy"});
}

// --- Rejections ------------------------------------------------------------------------------

struct Rejection {
  std::string dev_toml;               // The body of [dev] (may open [dev.x] sub-tables).
  std::vector<std::string> expected;  // Substrings of the message.
};

void PrintTo(const Rejection& rejection, std::ostream* out) { *out << rejection.dev_toml; }

class ConfigRejectionTest : public ConfigTest, public ::testing::WithParamInterface<Rejection> {};

TEST_P(ConfigRejectionTest, IsInvalidInputNamingKeyAndValue) {
  const std::string path = write("[dev]\n" + GetParam().dev_toml + "\n");
  Result<Config> c = load_config(ConfigSources{path, "dev", {}});
  ASSERT_FALSE(c.ok()) << GetParam().dev_toml;
  EXPECT_EQ(c.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(c.error().context, path);
  EXPECT_THAT(c.error().message, HasSubstr("[dev] "));
  for (const std::string& part : GetParam().expected) {
    EXPECT_THAT(c.error().message, HasSubstr(part)) << c.error().to_string();
  }
}

INSTANTIATE_TEST_SUITE_P(
    Values, ConfigRejectionTest,
    ::testing::Values(
        // The example from the design: path, value, expectation, and the line.
        Rejection{"[dev.limits]\nmonthly_share_cap = -1",
                  {"[dev] limits.monthly_share_cap = -1: expected a whole number >= 0 (line 3)"}},
        // Unknown keys, with suggestions.
        Rejection{"[dev.limits]\nmontly_share_cap = 3",
                  {"limits.montly_share_cap: unknown key; did you mean limits.monthly_share_cap?"}},
        Rejection{"monthly_share_cap = 3",
                  {"monthly_share_cap: unknown key; did you mean limits.monthly_share_cap?"}},
        Rejection{"[dev.brokr]\nkind = \"paper\"", {"brokr: unknown key; did you mean broker?"}},
        Rejection{"colour = \"blue\"", {"colour: unknown key"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = \"10\", qtty = 1 }]",
                  {"evaluate.tiers[0].qtty: unknown key; did you mean evaluate.tiers[0].qty?"}},
        // Wrong types.
        Rejection{"[dev.limits]\ntrading_enabled = \"yes\"",
                  {"limits.trading_enabled = \"yes\": expected true or false"}},
        Rejection{"market = 5", {"market = 5: expected a table ([market])"}},
        Rejection{"[dev.limits]\nmonthly_share_cap = \"4\"",
                  {"limits.monthly_share_cap = \"4\": expected a whole number >= 0"}},
        Rejection{"[dev.limits]\nsymbol_caps = [1]",
                  {"limits.symbol_caps = [1]: expected a table"}},
        // Tiers.
        Rejection{"[dev.evaluate]\ntiers = []",
                  {"evaluate.tiers = []: expected a non-empty array"}},
        Rejection{
            "[dev.evaluate]\ntiers = [{ drop = \"20\", qty = 1 }, { drop = \"10\", qty = 2 }]",
            {"evaluate.tiers[1].drop = \"10\"", "above the previous tier's \"20\"",
             "increasing order"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = \"10\", qty = 1 }, { drop = 10, qty = 2 }]",
                  {"evaluate.tiers[1].drop = 10: duplicate drop"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = \"10\", qty = 0 }]",
                  {"evaluate.tiers[0].qty = 0: expected a whole number >= 1"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = \"10\", qty = -2 }]",
                  {"evaluate.tiers[0].qty = -2"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = \"0\", qty = 1 }]",
                  {"evaluate.tiers[0].drop = \"0\": expected a percentage above 0 and below 100"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = 100, qty = 1 }]",
                  {"evaluate.tiers[0].drop = 100: expected a percentage"}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = \"-5\", qty = 1 }]",
                  {"evaluate.tiers[0].drop = \"-5\""}},
        Rejection{"[dev.evaluate]\ntiers = [{ qty = 1 }]", {"evaluate.tiers[0].drop: missing"}},
        Rejection{"[dev.evaluate]\ntiers = [5]", {"evaluate.tiers[0] = 5: expected a tier like"}},
        // Sessions.
        Rejection{"[dev.evaluate]\nwindow_sessions = 0",
                  {"evaluate.window_sessions = 0: expected a whole number from 1 to 5000"}},
        Rejection{"[dev.evaluate]\nmin_sessions = 0", {"evaluate.min_sessions = 0"}},
        Rejection{"[dev.evaluate]\nmin_sessions = 300",
                  {"evaluate.min_sessions = 300: expected a whole number from 1 to "
                   "evaluate.window_sessions (252)"}},
        // Broker.
        Rejection{"[dev.broker]\nslippage_bps = 1001",
                  {"broker.slippage_bps = 1001: expected a whole number from 0 to 1000"}},
        Rejection{"[dev.broker]\nslippage_bps = -1", {"broker.slippage_bps = -1"}},
        Rejection{"[dev.broker]\nkind = \"ibkr\"",
                  {"broker.kind = \"ibkr\": expected \"paper\" or \"alpaca\""}},
        // Money.
        Rejection{"[dev.broker]\ncommission_per_order = \"-1.00\"",
                  {"broker.commission_per_order = \"-1.00\": expected a dollar amount >= 0"}},
        Rejection{"[dev.limits]\nmonthly_budget_total = -5",
                  {"limits.monthly_budget_total = -5: expected a dollar amount >= 0"}},
        Rejection{"[dev.limits]\nmax_order_notional = \"1.23456\"",
                  {"limits.max_order_notional = \"1.23456\"", "at most 4 decimals"}},
        Rejection{"[dev.limits]\nmax_order_notional = \"12,50\"",
                  {"limits.max_order_notional = \"12,50\""}},
        // Floats are inexact.
        Rejection{"[dev.limits]\nmax_order_notional = 12.5",
                  {"limits.max_order_notional = 12.5: write decimals as strings, e.g. \"12.5\""}},
        Rejection{"[dev.evaluate]\ntiers = [{ drop = 12.5, qty = 1 }]",
                  {"evaluate.tiers[0].drop = 12.5: write decimals as strings, e.g. \"12.5\""}},
        Rejection{"[dev.broker]\nslippage_bps = 5.0",
                  {"broker.slippage_bps = 5.0: expected a whole number"}},
        // Enumerations.
        Rejection{"[dev.evaluate]\nhigh_basis = \"open\"",
                  {"evaluate.high_basis = \"open\": expected \"high\" or \"close\""}},
        Rejection{"[dev.limits]\non_exceed = \"partial\"",
                  {"limits.on_exceed = \"partial\": expected \"clip\" or \"skip\""}},
        Rejection{"[dev.data]\nkind = \"parquet\"",
                  {"data.kind = \"parquet\": expected \"csv\" or \"alpaca\""}},
        Rejection{"[dev.evaluate]\nprice = \"open\"",
                  {"evaluate.price = \"open\": expected \"close\" or \"latest_trade\""}},
        // Alpaca.
        Rejection{"[dev.alpaca]\nenvironment = \"sandbox\"",
                  {"alpaca.environment = \"sandbox\": expected \"paper\" or \"live\""}},
        Rejection{"[dev.alpaca]\nenvironment = \"LIVE\"", {"alpaca.environment = \"LIVE\""}},
        Rejection{"[dev.alpaca]\nenviroment = \"live\"",
                  {"alpaca.enviroment: unknown key; did you mean alpaca.environment?"}},
        Rejection{"[dev.alpca]\nenvironment = \"paper\"",
                  {"alpca: unknown key; did you mean alpaca?"}},
        Rejection{"[dev.alpaca]\ntrading_url = \"paper-api.alpaca.markets\"",
                  {"alpaca.trading_url = \"paper-api.alpaca.markets\": expected \"\" or an "
                   "http:// or https:// base URL",
                   "the scheme is not http:// or https://"}},
        Rejection{"[dev.alpaca]\ntrading_url = \"https://paper-api.alpaca.markets/v1\"",
                  {"alpaca.trading_url = \"https://paper-api.alpaca.markets/v1\"", "no path"}},
        Rejection{"[dev.alpaca]\ntrading_url = \"https://me:pw-123@proxy.example\"",
                  {"alpaca.trading_url = (value hidden)", "user information"}},
        Rejection{"[dev.alpaca]\ndata_url = \"\"",
                  {"alpaca.data_url = \"\": expected an http:// or https:// base URL"}},
        Rejection{"[dev.alpaca]\ndata_url = \"https://data.alpaca.markets:0\"",
                  {"alpaca.data_url = \"https://data.alpaca.markets:0\"", "1 to 65535"}},
        Rejection{"[dev.alpaca]\nfeed = \"otc\"",
                  {"alpaca.feed = \"otc\": expected \"iex\" or \"sip\""}},
        Rejection{"[dev.alpaca]\nadjustment = \"spin-off\"",
                  {"alpaca.adjustment = \"spin-off\": expected \"raw\", \"split\", "
                   "\"dividend\" or \"all\""}},
        Rejection{"[dev.alpaca]\ncache_path = \"\"", {"alpaca.cache_path = \"\""}},
        Rejection{"[dev.alpaca]\norder_type = \"stop\"",
                  {"alpaca.order_type = \"stop\": expected \"market\" or \"limit\""}},
        Rejection{"[dev.alpaca]\nlimit_offset_bps = 1001",
                  {"alpaca.limit_offset_bps = 1001: expected a whole number from 0 to 1000"}},
        Rejection{"[dev.alpaca]\nlimit_offset_bps = -5", {"alpaca.limit_offset_bps = -5"}},
        Rejection{"[dev.alpaca]\ntime_in_force = \"gtc\"",
                  {"alpaca.time_in_force = \"gtc\": expected \"day\""}},
        Rejection{"alpaca = \"paper\"", {"alpaca = \"paper\": expected a table ([alpaca])"}},
        // HTTP.
        Rejection{"[dev.http]\nmax_attempts = 0",
                  {"http.max_attempts = 0: expected a whole number from 1 to 20"}},
        Rejection{"[dev.http]\nmax_attempts = \"4\"", {"http.max_attempts = \"4\""}},
        Rejection{"[dev.http]\nconnect_timeout_ms = 0",
                  {"http.connect_timeout_ms = 0: expected a whole number from 1 to 3600000"}},
        Rejection{"[dev.http]\ntotal_timeout_ms = 1.5", {"http.total_timeout_ms = 1.5"}},
        Rejection{"[dev.http]\nbase_delay_ms = -1", {"http.base_delay_ms = -1"}},
        Rejection{"[dev.http]\nbreaker_failure_threshold = 0",
                  {"http.breaker_failure_threshold = 0: expected a whole number from 1 to 1000"}},
        Rejection{
            "[dev.http]\nconnect_timeout_ms = 9000\ntotal_timeout_ms = 8000",
            {"http.connect_timeout_ms = 9000: expected at most http.total_timeout_ms (8000)"}},
        Rejection{"[dev.http]\nretries = 3", {"http.retries: unknown key"}},
        Rejection{"[dev.data]\nlayout = \"wide\"",
                  {"data.layout = \"wide\": expected \"sp500\" or \"generic\""}},
        Rejection{"[dev.market]\ncalendar = \"nyse\"",
                  {"market.calendar = \"nyse\": expected \"weekdays\" or \"xnys\""}},
        // Market times.
        Rejection{"[dev.market]\nrun_times = [\"25:00\"]",
                  {"market.run_times[0] = \"25:00\": expected a non-empty array of New York"}},
        Rejection{"[dev.market]\nrun_times = [\"15:45\", \"3pm\"]",
                  {"market.run_times[1] = \"3pm\""}},
        Rejection{"[dev.market]\nrun_times = [\"15:45\", \"12:45\"]",
                  {"market.run_times[1] = \"12:45\"", "strictly"}},
        Rejection{"[dev.market]\nrun_times = []", {"market.run_times"}},
        Rejection{"[dev.market]\nrun_times = \"15:45\"", {"market.run_times = \"15:45\""}},
        Rejection{
            "[dev.market]\nwindow_minutes_before_close = 0",
            {"market.window_minutes_before_close = 0: expected a whole number from 1 to 390"}},
        Rejection{"[dev.market]\nwindow_minutes_before_close = 391",
                  {"market.window_minutes_before_close = 391"}},
        // Watchlist and symbols.
        Rejection{"watchlist = []", {"watchlist = []: expected a non-empty array of symbols"}},
        Rejection{"watchlist = [\"AAPL\", \"aapl\"]",
                  {"watchlist[1] = \"aapl\": expected a symbol"}},
        Rejection{"watchlist = [\"AAPL\", \"KO\", \"AAPL\"]",
                  {"watchlist[2] = \"AAPL\": duplicate symbol"}},
        Rejection{"watchlist = [\"ABCDEFGHIJK\"]", {"watchlist[0] = \"ABCDEFGHIJK\""}},
        Rejection{"watchlist = [\"1AB\"]", {"watchlist[0] = \"1AB\""}},
        Rejection{"watchlist = [42]", {"watchlist[0] = 42: expected a symbol"}},
        Rejection{"watchlist = \"AAPL\"", {"watchlist = \"AAPL\": expected a non-empty array"}},
        Rejection{"[dev.limits]\nsymbol_caps = { aapl = 1 }",
                  {"limits.symbol_caps.aapl = 1: expected a symbol"}},
        Rejection{"[dev.limits]\nsymbol_caps = { AAPL = -1 }",
                  {"limits.symbol_caps.AAPL = -1: expected a whole number >= 0"}},
        // Strategy and paths.
        Rejection{"strategy = \"\"", {"strategy = \"\": expected a strategy name"}},
        Rejection{"strategy = \"buy the dip\"", {"strategy = \"buy the dip\""}},
        Rejection{"[dev.ledger]\npath = \"var/{profle}/l.sqlite\"",
                  {"ledger.path = \"var/{profle}/l.sqlite\"", "only placeholder"}},
        Rejection{"[dev.audit]\npath = \"\"", {"audit.path = \"\": expected a non-empty path"}},
        // The ledger's kind and DynamoDB table.
        Rejection{"[dev.ledger]\nkind = \"dynamo\"",
                  {"ledger.kind = \"dynamo\": expected \"sqlite\" or \"dynamodb\""}},
        Rejection{"[dev.ledger]\nkind = 1", {"ledger.kind = 1"}},
        Rejection{"[dev.ledger]\ntable = \"ab\"",
                  {"ledger.table = \"ab\": expected a DynamoDB table name of 3-255"}},
        Rejection{"[dev.ledger]\ntable = \"stratus ledger\"",
                  {"ledger.table = \"stratus ledger\""}},
        Rejection{"[dev.ledger]\ntable = \"stratus/ledger\"",
                  {"ledger.table = \"stratus/ledger\""}},
        Rejection{"[dev.ledger]\ntable = \"t-{profle}\"",
                  {"ledger.table = \"t-{profle}\"", "{profile}"}},
        Rejection{"[dev.ledger]\ntable = \"" + std::string(256, 'x') + "\"",
                  {"ledger.table", "3-255"}},
        Rejection{"[dev.ledger]\ntable = 42", {"ledger.table = 42"}},
        Rejection{"[dev.ledger]\ntabel = \"x\"", {"ledger.tabel: unknown key", "table"}},
        // Alerts.
        Rejection{"[dev.alerts]\nsns_topic_arn = \"stratus-alerts\"",
                  {"alerts.sns_topic_arn = \"stratus-alerts\": expected \"\" (no SNS alerts) or "
                   "a standard SNS topic ARN"}},
        Rejection{"[dev.alerts]\nsns_topic_arn = \"arn:aws:sns:us-east-1:12345:alerts\"",
                  {"alerts.sns_topic_arn"}},
        Rejection{"[dev.alerts]\nsns_topic_arn = \"arn:aws:sns:us-east-1:123456789012:a.fifo\"",
                  {"alerts.sns_topic_arn"}},
        Rejection{"[dev.alerts]\nsns_topic_arn = \"arn:aws:sqs:us-east-1:123456789012:alerts\"",
                  {"alerts.sns_topic_arn"}},
        Rejection{"[dev.alerts]\non = [\"order_filled\"]",
                  {"alerts.on[0] = \"order_filled\": expected an array of distinct alert kinds "
                   "from \"order_placed\", \"order_rejected\", \"run_failed\""}},
        Rejection{"[dev.alerts]\non = [\"run_failed\", \"run_failed\"]",
                  {"alerts.on[1] = \"run_failed\": duplicate alert kind"}},
        Rejection{"[dev.alerts]\non = \"run_failed\"", {"alerts.on = \"run_failed\""}},
        Rejection{"[dev.alerts]\ntopic = \"x\"", {"alerts.topic: unknown key"}},
        // Secrets go by reference.
        Rejection{"[dev.secrets]\nalpaca_key_id = \"env:\"",
                  {"secrets.alpaca_key_id = \"env:\": expected a reference"}},
        Rejection{"[dev.secrets]\nalpaca_key_id = \"ssm:stratus/key\"",
                  {"secrets.alpaca_key_id = \"ssm:stratus/key\": expected a reference"}},
        Rejection{"[dev.secrets]\nalpaca_secret = \"hunter2-literal\"",
                  {"secrets.alpaca_secret = (value hidden): secrets go by reference"}},
        Rejection{"[dev.secrets]\npin = 1234", {"secrets.pin = (value hidden)"}}));

TEST_F(ConfigTest, LiteralSecretIsNeverEchoed) {
  Result<Config> c =
      load_text("[prod.secrets]\nalpaca_secret_key = \"PKTESTSECRET12345\"\n", "dev");
  expect_invalid(c, {"[prod] secrets.alpaca_secret_key", "by reference"});
  EXPECT_THAT(c.error().to_string(), Not(HasSubstr("PKTESTSECRET12345")));
}

TEST_F(ConfigTest, OtherProfilesInTheFileAreValidatedToo) {
  Result<Config> c = load_text("[dev]\n[prod.limits]\nmonthly_share_cap = -3\n", "dev");
  expect_invalid(c, {"[prod] limits.monthly_share_cap = -3", "(line 3)"});
}

TEST_F(ConfigTest, MalformedTomlReportsLineAndColumn) {
  const std::string path = write("[dev]\nstrategy = \"dip\"\nwatchlist = [\"AAPL\"\n");
  Result<Config> c = load_config(ConfigSources{path, "dev", {}});
  expect_invalid(c, {"line 3, column"});
  EXPECT_EQ(c.error().context, path);
  expect_invalid(load_text("[dev]\nstrategy = \n"), {"line 2, column"});
  expect_invalid(load_text("[dev]\n[dev]\n"), {"line 2"});
}

TEST_F(ConfigTest, SettingsOutsideAProfileAreRejected) {
  expect_invalid(load_text("strategy = \"dip\"\n[dev]\n"),
                 {"strategy = \"dip\": settings go inside a profile table", "(line 1)"});
}

TEST_F(ConfigTest, ProfilesAreTheBuiltInOnesPlusTheFilesTables) {
  const std::string text = "[default]\n[canary.limits]\nmonthly_share_cap = 1\n";
  Result<Config> canary = load_text(text, "canary");
  ASSERT_TRUE(canary.ok()) << canary.error().to_string();
  EXPECT_EQ(canary->limits.monthly_share_cap, Quantity(1));
  EXPECT_EQ(canary->ledger_path, (dir_ / "var/canary/ledger.sqlite").string());
  EXPECT_TRUE(load_text(text, "prod").ok());  // Built in, even without a [prod] table.
  EXPECT_TRUE(load_text(text, "default").ok());
  expect_invalid(load_text(text, "prd"),
                 {"profile \"prd\" is not defined", "\"canary\"", "did you mean \"prod\"?"});
}

TEST_F(ConfigTest, MissingFileIsInvalidInput) {
  const std::string path = (dir_ / "absent.toml").string();
  Result<Config> c = load_config(ConfigSources{path, "dev", {}});
  expect_invalid(c, {"does not exist"});
  EXPECT_EQ(c.error().context, path);
}

// --- Paths -------------------------------------------------------------------------------------

TEST_F(ConfigTest, PathsSubstituteProfileAndResolveAgainstTheFilesDirectory) {
  const std::string path = write(
      "[stage.data]\npath = \"bars/{profile}.csv\"\n"
      "[stage.audit]\npath = \"/srv/stratus/{profile}/audit-{profile}.jsonl\"\n",
      "conf/stratus.toml");
  Result<Config> c = load_config(ConfigSources{path, "stage", {}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->data.path, (dir_ / "conf/bars/stage.csv").string());
  EXPECT_EQ(c->ledger_path, (dir_ / "conf/var/stage/ledger.sqlite").string());
  EXPECT_EQ(c->audit_path, "/srv/stratus/stage/audit-stage.jsonl");
}

TEST(ConfigPaths, EmbeddedDefaultsStayRelativeToTheCurrentDirectory) {
  Result<Config> c = load_defaults("prod", {{"STRATUS_DATA__PATH", "./x/../bars.csv"}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->ledger_path, "var/prod/ledger.sqlite");
  EXPECT_EQ(c->data.path, "bars.csv");
}

TEST_F(ConfigTest, AlertsAreOffByDefaultAndTakeAStandardTopic) {
  Result<Config> defaults = load_defaults("dev", {});
  ASSERT_TRUE(defaults.ok()) << defaults.error().to_string();
  EXPECT_EQ(defaults->alerts.sns_topic_arn, "");
  EXPECT_EQ(defaults->alerts.on,
            (std::vector<std::string>{"order_placed", "order_rejected", "run_failed"}));

  Result<Config> c = load_text(
      "[prod.alerts]\nsns_topic_arn = \"arn:aws:sns:eu-west-2:123456789012:stratus_alerts-1\"\n"
      "on = [\"run_failed\"]\n",
      "prod");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->alerts.sns_topic_arn, "arn:aws:sns:eu-west-2:123456789012:stratus_alerts-1");
  EXPECT_EQ(c->alerts.on, std::vector<std::string>{"run_failed"});

  Result<Config> env = load_defaults(
      "prod", {{"STRATUS_ALERTS__SNS_TOPIC_ARN", "arn:aws-us-gov:sns:us-gov-west-1:123456789012:x"},
               {"STRATUS_ALERTS__ON", "[]"}});
  ASSERT_TRUE(env.ok()) << env.error().to_string();
  EXPECT_EQ(env->alerts.sns_topic_arn, "arn:aws-us-gov:sns:us-gov-west-1:123456789012:x");
  EXPECT_TRUE(env->alerts.on.empty());
}

TEST_F(ConfigTest, LedgerKindAndTableWithTheProfileSubstituted) {
  Result<Config> c =
      load_text("[stage.ledger]\nkind = \"dynamodb\"\ntable = \"stratus-{profile}\"\n", "stage");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->ledger.kind, "dynamodb");
  EXPECT_EQ(c->ledger.table, "stratus-stage");
  // The SQLite file stays configured: the paper broker keeps its state there.
  EXPECT_EQ(c->ledger_path, (dir_ / "var/stage/ledger.sqlite").string());

  Result<Config> env = load_defaults(
      "prod", {{"STRATUS_LEDGER__KIND", "dynamodb"}, {"STRATUS_LEDGER__TABLE", "a.b_c-{profile}"}});
  ASSERT_TRUE(env.ok()) << env.error().to_string();
  EXPECT_EQ(env->ledger.table, "a.b_c-prod");
  Result<Config> longest = load_defaults("dev", {{"STRATUS_LEDGER__TABLE", std::string(255, 'T')}});
  ASSERT_TRUE(longest.ok()) << longest.error().to_string();
  expect_invalid(load_defaults("dev", {{"STRATUS_LEDGER__KIND", "postgres"}}),
                 {"ledger.kind = \"postgres\""});
}

// --- config_from_table -----------------------------------------------------------------------

TEST(ConfigFromTable, ValidatesLikeTheLoader) {
  Result<toml::table> defaults = embedded_defaults_table();
  ASSERT_TRUE(defaults.ok());
  toml::table merged = *defaults;
  merge_table_into(merged, toml::table{{"limits", toml::table{{"monthly_share_cap", 9}}}});
  Result<Config> c = config_from_table(merged, "prod", "/base");
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->limits.monthly_share_cap, Quantity(9));
  EXPECT_TRUE(c->limits.trading_enabled);
  EXPECT_EQ(c->ledger_path, "/base/var/prod/ledger.sqlite");

  merge_table_into(merged, toml::table{{"limits", toml::table{{"monthly_share_cap", -9}}}});
  Result<Config> bad = config_from_table(merged, "prod", "/base");
  expect_invalid(bad, {"limits.monthly_share_cap = -9"});
  EXPECT_EQ(bad.error().context, "config");

  expect_invalid(config_from_table(toml::table{}, "prod", ""), {"strategy: missing"});
}

// --- Rendering --------------------------------------------------------------------------------

TEST(ConfigRender, RoundTripsEveryRepoProfile) {
  for (const std::string profile : {"dev", "stage", "prod"}) {
    Result<Config> config = load_config(ConfigSources{kRepoFile, profile, {}});
    ASSERT_TRUE(config.ok()) << config.error().to_string();
    const std::string text = render_config(*config);
    toml::table parsed;
    ASSERT_NO_THROW(parsed = toml::parse(text)) << text;
    Result<Config> again = config_from_table(parsed, profile, "");
    ASSERT_TRUE(again.ok()) << again.error().to_string() << "\n" << text;
    expect_same_config(*config, *again);
  }
}

TEST(ConfigRender, RoundTripsNonDefaultValues) {
  Result<Config> config = load_defaults(
      "dev",
      {{"STRATUS_EVALUATE__HIGH_BASIS", "close"},
       {"STRATUS_EVALUATE__TIERS", "[{drop = \"12.5\", qty = 1}, {drop = \"33.3333\", qty = 7}]"},
       {"STRATUS_LIMITS__ON_EXCEED", "skip"},
       {"STRATUS_LIMITS__TRADING_ENABLED", "false"},
       {"STRATUS_LIMITS__SYMBOL_CAPS", "{ \"BRK.B\" = 2 }"},
       {"STRATUS_LIMITS__MONTHLY_BUDGET_PER_SYMBOL", "99.9999"},
       {"STRATUS_BROKER__COMMISSION_PER_ORDER", "1.25"},
       {"STRATUS_DATA__PATH", "dir with \"quotes\"/bars.csv"},
       {"STRATUS_DATA__LAYOUT", "generic"},
       {"STRATUS_LEDGER__KIND", "dynamodb"},
       {"STRATUS_LEDGER__TABLE", "stratus.{profile}_ledger-2"}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const std::string text = render_config(*config);
  EXPECT_THAT(text, HasSubstr("[ledger]\nkind = \"dynamodb\"\n"));
  EXPECT_THAT(text, HasSubstr("table = \"stratus.dev_ledger-2\"\n"));
  EXPECT_THAT(text, HasSubstr("# monthly_budget_total = (not set: no limit)"));
  Result<Config> again = config_from_table(toml::parse(text), "dev", "");
  ASSERT_TRUE(again.ok()) << again.error().to_string() << "\n" << text;
  expect_same_config(*config, *again);
}

TEST(ConfigRender, ShowsReferencesNeverResolvedSecrets) {
  // The environment holds both the reference override and the secret it points at.
  Result<Config> config =
      load_config(ConfigSources{kRepoFile, "prod", {{"APCA_API_KEY_ID", "PK-RESOLVED-VALUE-123"}}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const std::string text = render_config(*config);
  EXPECT_THAT(text,
              HasSubstr("alpaca_key_id = \"env:APCA_API_KEY_ID\"  # reference, not resolved"));
  EXPECT_THAT(text, HasSubstr("alpaca_secret_key = \"env:APCA_API_SECRET_KEY\""));
  EXPECT_THAT(text, Not(HasSubstr("PK-RESOLVED-VALUE-123")));
}

TEST(ConfigRender, ShowsTheAlpacaAndHttpSectionsWithoutKeys) {
  Result<Config> config = load_config(ConfigSources{
      kRepoFile,
      "prod",
      {{"APCA_API_KEY_ID", "PK-KEY-ID-VALUE-9"}, {"APCA_API_SECRET_KEY", "SK-SECRET-VALUE-9"}}});
  ASSERT_TRUE(config.ok()) << config.error().to_string();
  const std::string text = render_config(*config);
  for (const char* line :
       {"[broker]\nkind = \"alpaca\"", "[alpaca]\nenvironment = \"paper\"\n",
        "trading_url = \"\"  # chosen by environment", "data_url = \"https://data.alpaca.markets\"",
        "feed = \"iex\"", "adjustment = \"split\"", "order_type = \"market\"",
        "limit_offset_bps = 0", "time_in_force = \"day\"", "[http]\nconnect_timeout_ms = 5000\n",
        "total_timeout_ms = 30000", "max_attempts = 4", "base_delay_ms = 250",
        "max_delay_ms = 8000", "max_total_delay_ms = 30000", "breaker_failure_threshold = 5",
        "price = \"latest_trade\""}) {
    EXPECT_THAT(text, HasSubstr(line));
  }
  EXPECT_THAT(text,
              HasSubstr("cache_path = " +
                        toml_quote((fs::path(kSourceDir) / "var/prod/bars.sqlite").string())));
  EXPECT_THAT(text, Not(HasSubstr("PK-KEY-ID-VALUE-9")));
  EXPECT_THAT(text, Not(HasSubstr("SK-SECRET-VALUE-9")));
}

TEST(ConfigAlpaca, AcceptsEveryDocumentedValue) {
  Result<Config> c =
      load_defaults("dev", {{"STRATUS_BROKER__KIND", "alpaca"},
                            {"STRATUS_DATA__KIND", "alpaca"},
                            {"STRATUS_EVALUATE__PRICE", "latest_trade"},
                            {"STRATUS_ALPACA__ENVIRONMENT", "live"},
                            {"STRATUS_ALPACA__TRADING_URL", "HTTP://127.0.0.1:8443/v2/"},
                            {"STRATUS_ALPACA__DATA_URL", "https://[::1]:9000/"},
                            {"STRATUS_ALPACA__FEED", "sip"},
                            {"STRATUS_ALPACA__ADJUSTMENT", "all"},
                            {"STRATUS_ALPACA__CACHE_PATH", "/tmp/{profile}-bars.sqlite"},
                            {"STRATUS_ALPACA__ORDER_TYPE", "limit"},
                            {"STRATUS_ALPACA__LIMIT_OFFSET_BPS", "1000"},
                            {"STRATUS_HTTP__MAX_ATTEMPTS", "1"},
                            {"STRATUS_HTTP__MAX_TOTAL_DELAY_MS", "0"},
                            {"STRATUS_HTTP__CONNECT_TIMEOUT_MS", "30000"}});
  ASSERT_TRUE(c.ok()) << c.error().to_string();
  EXPECT_EQ(c->broker.kind, "alpaca");
  EXPECT_EQ(c->data.kind, "alpaca");
  EXPECT_EQ(c->evaluate.price, PriceSource::kLatestTrade);
  EXPECT_EQ(c->alpaca.environment, AlpacaEnvironment::kLive);
  EXPECT_EQ(c->alpaca.trading_url, "http://127.0.0.1:8443");  // Normalised.
  EXPECT_EQ(c->alpaca.data_url, "https://[::1]:9000");
  EXPECT_EQ(c->alpaca.feed, "sip");
  EXPECT_EQ(c->alpaca.adjustment, "all");
  EXPECT_EQ(c->alpaca.cache_path, "/tmp/dev-bars.sqlite");
  EXPECT_EQ(c->alpaca.order_type, OrderType::kLimit);
  EXPECT_EQ(c->alpaca.limit_offset_bps, 1000);
  EXPECT_EQ(c->http.max_attempts, 1);
  EXPECT_EQ(c->http.max_total_delay_ms, 0);
  EXPECT_EQ(c->http.connect_timeout_ms, 30000);

  // And it renders back to the same config.
  const std::string text = render_config(*c);
  Result<Config> again = config_from_table(toml::parse(text), "dev", "");
  ASSERT_TRUE(again.ok()) << again.error().to_string() << "\n" << text;
  expect_same_config(*c, *again);
}

TEST(ConfigAlpaca, BadEnvironmentOverrideNamesTheVariable) {
  Result<Config> c = load_defaults("dev", {{"STRATUS_ALPACA__ENVIRONMENT", "sandbox"}});
  expect_invalid(c, {"alpaca.environment = \"sandbox\": expected \"paper\" or \"live\""});
  EXPECT_EQ(c.error().context, "environment STRATUS_ALPACA__ENVIRONMENT");
  expect_invalid(load_defaults("dev", {{"STRATUS_HTTP__MAX_ATTEMPTS", "0"}}),
                 {"http.max_attempts = 0: expected a whole number from 1 to 20"});
}

TEST(ConfigRender, RedactsAValueThatIsNotAReference) {
  Config config = load_defaults("dev").value();
  config.secrets["alpaca_secret_key"] = "sk-live-0123456789";  // Built by hand, unvalidated.
  const std::string text = render_config(config);
  EXPECT_THAT(text, HasSubstr("# alpaca_secret_key = (redacted: not a reference)"));
  EXPECT_THAT(text, Not(HasSubstr("sk-live-0123456789")));
}

// --- Helpers -----------------------------------------------------------------------------------

TEST(ConfigHelpers, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("qty", "qty"), 0u);
  EXPECT_EQ(edit_distance("qtty", "qty"), 1u);
  EXPECT_EQ(edit_distance("brokr", "broker"), 1u);
  EXPECT_EQ(edit_distance("tiesr", "tiers"), 1u);  // Adjacent transposition.
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

}  // namespace
}  // namespace stratus
