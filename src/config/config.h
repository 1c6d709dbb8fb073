// Config: the effective, validated settings of one profile. Built by load_config() from the
// embedded defaults, stratus.toml and STRATUS_* overrides; every field here has been checked.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/audit_event.h"
#include "domain/caps.h"
#include "domain/drawdown.h"
#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/rules/rule.h"
#include "domain/time.h"
#include "ports/broker.h"

namespace stratus {

struct MarketConfig {
  std::string calendar = "xnys";         // Which MarketCalendar: "xnys" or "weekdays".
  int window_minutes_before_close = 20;  // Trade only in [close - N min, close).
  // The New York times of day at which the schedule fires (and replays run). The trading window
  // lets exactly one of them trade per session, e.g. 12:45 on early-close days, else 15:45.
  std::vector<TimeOfDay> run_times{TimeOfDay{12 * 60 + 45}, TimeOfDay{15 * 60 + 45}};
  // A second calendar asked before a run may trade: "none" or "alpaca" (GET /v2/calendar). A
  // disagreement fails the run; an unreachable second calendar is noted and does not.
  std::string cross_check = "none";
};

// The price a signal is judged and ordered at.
enum class PriceSource {
  kClose,        // "close": the close of the last completed session.
  kLatestTrade,  // "latest_trade": the data source's latest trade (falls back to the close).
};

struct EvaluateConfig {
  HighBasis high_basis = HighBasis::kHigh;
  PriceSource price = PriceSource::kClose;
  int window_sessions = 252;  // The "52 weeks", in sessions.
  int min_sessions = 252;     // Fewer completed sessions than this: insufficient history.
  std::vector<Tier> tiers;    // Strictly increasing drops, positive quantities.
  // tier_conditions[i]: the condition ("when") under which tiers[i] applies; nullopt (or no
  // element i): always. The reached tier is the highest whose drop is reached and whose
  // condition is true.
  std::vector<std::optional<rules::Rule>> tier_conditions;
  // The entry filter: a symbol is bought only when it is true. nullopt: no filter.
  std::optional<rules::Rule> filter;
  // The filter's and tier conditions' indicators are computed over this many completed
  // sessions (ending with the last one), at least every rule's sessions_needed(). Exponential
  // indicators (ema, rsi, macd, atr) are seeded at its start, as TA-Lib seeds them at the start
  // of its input, so a longer history moves them closer to a chart's values.
  int indicator_sessions = 500;

  // True when a filter or any tier condition is set.
  bool has_rules() const;
  // The condition of tiers[i], or nullptr when it has none.
  const rules::Rule* tier_condition(std::size_t i) const;
};

struct LimitsConfig {
  bool trading_enabled = true;    // Global kill switch.
  Quantity monthly_share_cap{4};  // Per symbol unless overridden.
  // Per-symbol overrides of the share cap; looked up by std::string_view as well.
  std::map<std::string, Quantity, std::less<>> symbol_caps;
  std::optional<Money> monthly_budget_per_symbol;
  std::optional<Money> monthly_budget_total;
  std::optional<Money> max_order_notional;
  ExceedPolicy on_exceed = ExceedPolicy::kClip;
  // Ask the broker for its buying power before reserving, and hold each purchase within it.
  bool check_buying_power = true;

  // The limits that apply to `symbol`.
  CapLimits limits_for(std::string_view symbol) const;
};

struct BrokerConfig {
  std::string kind = "paper";  // "paper" (simulated fills) or "alpaca" (settings in [alpaca]).
  int slippage_bps = 0;        // Paper fills: price moved against us by this many basis points.
  Money commission_per_order;
};

struct DataConfig {
  std::string kind = "csv";      // "csv" (the file at `path`) or "alpaca" (Market Data API v2).
  std::string path;              // Resolved against the config file's directory.
  std::string layout = "sp500";  // "sp500" (date,open,high,low,close,volume,Name) or "generic".
};

// Which Alpaca trading environment the profile means. Live trades real money.
enum class AlpacaEnvironment { kPaper, kLive };

// [alpaca]: where Stratus talks to Alpaca and how it orders there. The API keys are not here:
// they come from the environment (or secrets.alpaca_key_id / secrets.alpaca_secret_key).
struct AlpacaConfig {
  AlpacaEnvironment environment = AlpacaEnvironment::kPaper;
  std::string trading_url;  // Empty: chosen by `environment`. Else http(s)://host[:port].
  std::string data_url = "https://data.alpaca.markets";  // http(s)://host[:port].
  std::string feed = "iex";                              // "iex" or "sip".
  std::string adjustment = "split";                      // "raw", "split", "dividend" or "all".
  std::string cache_path;  // The bar cache (SQLite), resolved like data.path.
  OrderType order_type = OrderType::kMarket;
  int limit_offset_bps = 0;  // Limit orders: limit = reference price + this (0..1000 bps).
  TimeInForce time_in_force = TimeInForce::kDay;  // Only kDay is accepted for now.
};

// [http]: timeouts, retries and the circuit breaker of every remote call (Alpaca).
struct HttpConfig {
  int connect_timeout_ms = 5'000;
  int total_timeout_ms = 30'000;
  int max_attempts = 4;  // Tries in total, the first included.
  int base_delay_ms = 250;
  int max_delay_ms = 8'000;
  int max_total_delay_ms = 30'000;
  int breaker_failure_threshold = 5;  // Consecutive failures that open a host's circuit.
};

// [ledger]: where orders and the monthly caps are kept. The SQLite file is ledger_path.
struct LedgerConfig {
  std::string kind = "sqlite";  // "sqlite" (the file at Config::ledger_path) or "dynamodb".
  // The DynamoDB table of kind "dynamodb": 3-255 of [A-Za-z0-9_.-], {profile} substituted.
  std::string table = "stratus-ledger";
};

// [alerts]: the run's message to people (run_alert.h) on an SNS topic. record writes it to the
// audit log as an "alert" event and queues it in the outbox; a failed delivery is retried by
// later runs and never fails the run.
struct AlertsConfig {
  // "" (no SNS alerts) or a standard topic: arn:<partition>:sns:<region>:<account>:<name>.
  std::string sns_topic_arn;
  // Which happenings raise an alert, each at most once: "order_placed", "order_rejected",
  // "run_failed". One message per run covers all of them.
  std::vector<std::string> on = {"order_placed", "order_rejected", "run_failed"};
  // Alerts below this severity are not sent (order_placed: info, order_rejected: warning,
  // run_failed: error; an alert has the highest severity of its kinds).
  Severity min_severity = Severity::kInfo;
};

// [slack]: audit events as Slack messages (Block Kit) through an incoming webhook.
struct SlackConfig {
  // "" (off) or a secret reference ("env:NAME", "ssm:/path") to the webhook URL, which holds
  // the token: never the URL itself.
  std::string webhook_url;
  // The audit event types sent (domain/audit_event.h), and the lowest severity sent.
  std::vector<std::string> events = {"order", "order_update", "cap_declined", "run_failed"};
  Severity min_severity = Severity::kInfo;
};

// [sheets]: audit events as rows of a Google Sheet, through the Apps Script web app of
// deploy/sheets/ ("Trades", "Runs" and "Events" sheets).
struct SheetsConfig {
  // "" (off) or a secret reference to the web app's URL (https://script.google.com/macros/s/...).
  std::string url;
  // A secret reference to the shared secret the script checks. Required when url is set.
  std::string secret;
  std::vector<std::string> events = {"run_summary", "order", "order_update"};
  Severity min_severity = Severity::kDebug;
};

// [outbox]: how queued events are delivered to the sinks above, by every run's record step (and
// `stratus outbox deliver`). Failed deliveries wait retry_base_seconds * 2^(attempts - 1), at
// most retry_max_seconds, with jitter, or longer when the receiver asks (Retry-After).
struct OutboxConfig {
  int retry_base_seconds = 60;   // 1..86400
  int retry_max_seconds = 3600;  // retry_base_seconds..604800
  int max_per_sink = 50;         // 1..10000 deliveries per sink per run
  int lease_seconds = 120;       // 1..3600: how long a claimed entry is left to one run
};

// [backtest]: the simulated account and costs of `stratus backtest` and `stratus sweep` (the
// strategy itself is the profile's: watchlist, market, evaluate, limits).
struct BacktestConfig {
  Money starting_cash = Money::from_dollars(10'000);
  Money monthly_contribution;  // Added on each month's contribution session.
  // The contribution session of a month: its first session on or after this day (1..28). The
  // dollar-cost-averaging benchmark buys on it too.
  int contribution_day = 1;
  std::string fill = "close";  // "close" (market on close) or "next_open".
  int slippage_bps = 5;        // 0..1000: buys pay this much more than the fill price point.
  Money commission_per_order;
  Money commission_per_share;
  Percent risk_free_rate;  // Annual, for Sharpe and Sortino.
};

// The alert kinds [alerts] on may name, in the order an alert message lists them.
inline constexpr std::array<std::string_view, 3> kAlertKinds = {"order_placed", "order_rejected",
                                                                "run_failed"};

struct Config {
  std::string profile = "dev";
  std::string strategy = "dip";  // Part of every client_order_id.
  std::vector<std::string> watchlist;
  MarketConfig market;
  EvaluateConfig evaluate;
  LimitsConfig limits;
  BrokerConfig broker;
  DataConfig data;
  AlpacaConfig alpaca;
  HttpConfig http;
  LedgerConfig ledger;
  AlertsConfig alerts;
  SlackConfig slack;
  SheetsConfig sheets;
  OutboxConfig outbox;
  BacktestConfig backtest;
  // SQLite file, resolved like data.path: the ledger of kind "sqlite", and the paper broker's
  // state whatever ledger.kind says.
  std::string ledger_path;
  std::string audit_path;  // JSONL audit log, resolved like data.path.
  // Secret references by name ("env:APCA_API_KEY_ID", "ssm:/stratus/prod/alpaca/secret").
  // Never the secrets themselves.
  std::map<std::string, std::string> secrets;
};

}  // namespace stratus
