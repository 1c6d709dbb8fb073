// The backtest result document (docs/contracts/backtest-result.md, version 1) as the HTML report
// reads it: the fields the report shows, validated. Amounts keep the document's text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/result.h"
#include "domain/time.h"
#include "report/json_field.h"

namespace stratus::report {

struct MaxDrawdown {
  std::optional<double> depth;  // A positive fraction (0.15 = a 15% fall).
  std::optional<Date> peak, trough, recovery;
};

// The metrics of one account (a strategy's, a benchmark's, a sweep's configuration's).
struct AccountMetrics {
  Amount invested, final_equity, profit;
  std::optional<double> total_return, annualised_return, xirr;
  MaxDrawdown max_drawdown;
  std::optional<double> volatility, sharpe, sortino;
  std::int64_t buys = 0;
  std::optional<std::int64_t> shares_bought;
  std::optional<double> cash_idle;
};

struct StrategyResult {
  std::string name;   // "strategy", "dca", "buy_and_hold" (others are allowed).
  std::string label;  // For people.
  AccountMetrics metrics;
  std::vector<Amount> equity;    // equity[name], one per session.
  std::vector<double> drawdown;  // equity[name + "_drawdown"], one per session, <= 0.
};

struct DataWarning {
  std::string symbol;
  Date session;
  Amount previous_close, close;
  double change = 0;
  std::string message;
};

struct Tier {
  std::string drop_pct;  // A decimal string, percent ("10.00").
  std::int64_t qty = 0;
};

struct BacktestSettings {
  Amount starting_cash, monthly_contribution;
  std::int64_t contribution_day = 0;
  std::string fill;
  double slippage_bps = 0;
  Amount commission_per_order, commission_per_share;
  double risk_free_rate = 0;
  std::string strategy;
  std::vector<std::string> watchlist;
  std::vector<Tier> tiers;
  std::int64_t monthly_share_cap = 0;
  std::optional<std::string> filter;
};

struct Activity {
  std::int64_t runs = 0, skipped_runs = 0, signals = 0, reserved = 0, clipped = 0, declined = 0,
               short_of_cash = 0, rejected = 0, filtered = 0, caps_hit = 0, audit_events = 0;
};

struct PositionRow {
  std::string symbol;
  std::int64_t shares = 0;
  Amount cost, average_cost, average_close, last_close, value;
  std::int64_t buys = 0;
};

struct ChartBuy {
  Date session;
  std::int64_t qty = 0;
  Amount price;
};

struct SymbolChart {
  std::string symbol;
  std::vector<Date> sessions;
  std::vector<Money> close, high_52w;  // One per session.
  std::vector<ChartBuy> buys;
};

struct BacktestResult {
  std::string profile;
  Date from, to;
  std::int64_t sessions = 0;
  std::string data_source, adjustment;
  std::int64_t data_symbols = 0, data_bars = 0;
  std::vector<DataWarning> warnings;
  BacktestSettings settings;
  std::vector<StrategyResult> strategies;  // The strategy first, then the benchmarks.
  Activity activity;
  std::vector<Date> equity_sessions;  // Strictly increasing.
  std::vector<Money> invested;        // Running sum of equity.flow, one per session.
  std::vector<PositionRow> positions;
  std::vector<SymbolChart> charts;
};

// The metrics object at `field` (the keys of docs/contracts/backtest-result.md's "metrics").
Result<AccountMetrics> read_account_metrics(const JsonField& field);

// The document `doc` as a BacktestResult.
// Guarantees: on success every per-session array has one entry per equity session and every
// chart's arrays one per chart session; otherwise an InvalidInput error whose context is the
// JSON pointer of the first field at fault.
Result<BacktestResult> read_backtest_result(const nlohmann::json& doc);

}  // namespace stratus::report
