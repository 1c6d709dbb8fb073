// Config: the effective, validated settings of one profile. Built by load_config() from the
// embedded defaults, stratus.toml and STRATUS_* overrides; every field here has been checked.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/caps.h"
#include "domain/drawdown.h"
#include "domain/money.h"
#include "domain/quantity.h"
#include "domain/time.h"

namespace stratus {

struct MarketConfig {
  std::string calendar = "xnys";         // Which MarketCalendar: "xnys" or "weekdays".
  int window_minutes_before_close = 20;  // Trade only in [close - N min, close).
  // The New York times of day at which the schedule fires (and replays run). The trading window
  // lets exactly one of them trade per session, e.g. 12:45 on early-close days, else 15:45.
  std::vector<TimeOfDay> run_times{TimeOfDay{12 * 60 + 45}, TimeOfDay{15 * 60 + 45}};
};

struct EvaluateConfig {
  HighBasis high_basis = HighBasis::kHigh;
  int window_sessions = 252;  // The "52 weeks", in sessions.
  int min_sessions = 252;     // Fewer completed sessions than this: insufficient history.
  std::vector<Tier> tiers;    // Strictly increasing drops, positive quantities.
};

struct LimitsConfig {
  bool trading_enabled = true;                  // Global kill switch.
  Quantity monthly_share_cap{4};                // Per symbol unless overridden.
  std::map<std::string, Quantity> symbol_caps;  // Per-symbol overrides of the share cap.
  std::optional<Money> monthly_budget_per_symbol;
  std::optional<Money> monthly_budget_total;
  std::optional<Money> max_order_notional;
  ExceedPolicy on_exceed = ExceedPolicy::kClip;

  // The limits that apply to `symbol`.
  CapLimits limits_for(const std::string& symbol) const;
};

struct BrokerConfig {
  std::string kind = "paper";
  int slippage_bps = 0;  // Paper fills: price moved against us by this many basis points.
  Money commission_per_order;
};

struct DataConfig {
  std::string kind = "csv";
  std::string path;              // Resolved against the config file's directory.
  std::string layout = "sp500";  // "sp500" (date,open,high,low,close,volume,Name) or "generic".
};

struct Config {
  std::string profile = "dev";
  std::string strategy = "dip";  // Part of every client_order_id.
  std::vector<std::string> watchlist;
  MarketConfig market;
  EvaluateConfig evaluate;
  LimitsConfig limits;
  BrokerConfig broker;
  DataConfig data;
  std::string ledger_path;  // SQLite file, resolved like data.path.
  std::string audit_path;   // JSONL audit log, resolved like data.path.
  // Secret references by name ("env:APCA_API_KEY_ID", "ssm:/stratus/prod/alpaca/secret").
  // Never the secrets themselves.
  std::map<std::string, std::string> secrets;
};

}  // namespace stratus
