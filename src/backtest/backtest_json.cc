#include "backtest/backtest_json.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <string_view>

#include "backtest/backtest_order_entry.h"
#include "backtest/performance.h"
#include "domain/order_id.h"

namespace stratus {
namespace {

using Json = nlohmann::json;

Json optional_number(const std::optional<double>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json optional_date(const std::optional<Date>& value) {
  return value ? Json(format_date(*value)) : Json(nullptr);
}

Json strategy_entry(std::string_view name, std::string_view label,
                    const AccountMeasures& measures) {
  return {{"name", name}, {"label", label}, {"metrics", account_metrics_json(measures)}};
}

Json settings_json(const Config& config, const BacktestOutcome& outcome) {
  const BacktestSettings& s = outcome.settings;
  Json tiers = Json::array();
  for (const Tier& tier : config.evaluate.tiers) {
    tiers.push_back({{"drop_pct", tier.min_drop.to_string(2)}, {"qty", tier.qty.shares()}});
  }
  return {{"starting_cash", s.funding.starting_cash.to_string()},
          {"monthly_contribution", s.funding.monthly_contribution.to_string()},
          {"contribution_day", s.funding.contribution_day},
          {"fill", fill_point_name(s.fill.point)},
          {"slippage_bps", s.fill.slippage_bps},
          {"commission_per_order", s.fill.commission_per_order.to_string()},
          {"commission_per_share", s.fill.commission_per_share.to_string()},
          {"risk_free_rate", outcome.risk_free_rate},
          {"strategy", config.strategy},
          {"watchlist", config.watchlist},
          {"tiers", tiers},
          {"monthly_share_cap", config.limits.monthly_share_cap.shares()},
          {"filter",
           config.evaluate.filter ? Json(config.evaluate.filter->canonical()) : Json(nullptr)}};
}

Json data_json(const BacktestOutcome& outcome) {
  Json warnings = Json::array();
  for (const DataWarning& w : outcome.warnings) {
    warnings.push_back({{"symbol", w.symbol},
                        {"session", format_date(w.session)},
                        {"previous_close", w.previous_close.to_string()},
                        {"close", w.close.to_string()},
                        {"change", w.change},
                        {"message", w.message}});
  }
  return {{"source", outcome.data.source},
          {"symbols", outcome.data.symbols},
          {"bars", outcome.data.bars},
          {"adjustment", outcome.data.adjustment},
          {"warnings", warnings}};
}

Json activity_json(const ChainCounts& c) {
  return {{"runs", c.runs},
          {"skipped_runs", c.skipped_runs},
          {"signals", c.signals},
          {"reserved", c.reserved},
          {"clipped", c.clipped},
          {"declined", c.declined},
          {"short_of_cash", c.short_of_cash},
          {"rejected", c.rejected},
          {"filtered", c.filtered},
          {"caps_hit", c.clipped + c.declined},
          {"audit_events", c.audit_events}};
}

Json money_series(std::span<const AccountDay> days, Money AccountDay::*field) {
  Json out = Json::array();
  for (const AccountDay& day : days) out.push_back((day.*field).to_string());
  return out;
}

Json equity_json(const BacktestOutcome& o) {
  Json sessions = Json::array();
  for (const AccountDay& day : o.strategy.days) sessions.push_back(format_date(day.session));
  return {{"sessions", sessions},
          {"strategy", money_series(o.strategy.days, &AccountDay::equity)},
          {"cash", money_series(o.strategy.days, &AccountDay::cash)},
          {"flow", money_series(o.strategy.days, &AccountDay::flow)},
          {"dca", money_series(o.dca.days, &AccountDay::equity)},
          {"buy_and_hold", money_series(o.buy_and_hold.days, &AccountDay::equity)},
          {"strategy_drawdown", drawdown_series(equity_points(o.strategy.days))},
          {"dca_drawdown", drawdown_series(equity_points(o.dca.days))},
          {"buy_and_hold_drawdown", drawdown_series(equity_points(o.buy_and_hold.days))}};
}

Json orders_json(const std::vector<OrderRecord>& orders) {
  Json out = Json::array();
  for (const OrderRecord& order : orders) out.push_back(order_entry_json(order));
  return out;
}

// A symbol's bars over the period, with enough before it for the trailing high's window.
struct PeriodBars {
  std::vector<DailyBar> bars;  // Ascending; those before `from` only feed the window.
  std::size_t first_in_period = 0;
};

Result<PeriodBars> period_bars(MarketData& data, const std::string& symbol, Date from, Date to,
                               std::size_t window) {
  const auto days = static_cast<std::size_t>((to - from).count()) + 1;
  STRATUS_ASSIGN_OR_RETURN(std::vector<DailyBar> bars, data.daily_bars(symbol, to, days + window));
  PeriodBars out;
  out.first_in_period = static_cast<std::size_t>(
      std::partition_point(bars.begin(), bars.end(),
                           [&](const DailyBar& bar) { return bar.session < from; }) -
      bars.begin());
  out.bars = std::move(bars);
  return out;
}

Money mean_close(const PeriodBars& p) {
  const std::size_t n = p.bars.size() - p.first_in_period;
  if (n == 0) return Money();
  std::int64_t sum = 0;
  for (std::size_t i = p.first_in_period; i < p.bars.size(); ++i) sum += p.bars[i].close.units();
  return Money::from_units((sum + static_cast<std::int64_t>(n) / 2) / static_cast<std::int64_t>(n));
}

// Close and trailing high (over `window` sessions, of the configured basis) of each session in
// the period, and the strategy's fills as buys.
Json chart_json(const std::string& symbol, const PeriodBars& p, std::size_t window, HighBasis basis,
                const std::vector<Fill>& fills) {
  Json sessions = Json::array(), closes = Json::array(), highs = Json::array();
  std::deque<std::size_t> maxima;  // Indexes of decreasing highs within the window.
  const auto high_of = [&](std::size_t i) {
    const DailyBar& bar = p.bars[i];
    return basis == HighBasis::kHigh ? bar.high.value_or(bar.close) : bar.close;
  };
  for (std::size_t i = 0; i < p.bars.size(); ++i) {
    while (!maxima.empty() && high_of(maxima.back()) <= high_of(i)) maxima.pop_back();
    maxima.push_back(i);
    if (maxima.front() + window <= i) maxima.pop_front();
    if (i < p.first_in_period) continue;
    sessions.push_back(format_date(p.bars[i].session));
    closes.push_back(p.bars[i].close.to_string());
    highs.push_back(high_of(maxima.front()).to_string());
  }
  Json buys = Json::array();
  for (const Fill& fill : fills) {
    if (fill.symbol != symbol) continue;
    buys.push_back({{"session", format_date(new_york_date(fill.at))},
                    {"qty", fill.qty.shares()},
                    {"price", fill.price.to_string()}});
  }
  return {{"symbol", symbol},
          {"sessions", sessions},
          {"close", closes},
          {"high_52w", highs},
          {"buys", buys}};
}

}  // namespace

Json account_metrics_json(const AccountMeasures& m) {
  const PerformanceMetrics& p = m.performance;
  return {{"invested", p.invested.to_string()},
          {"final_equity", p.final_equity.to_string()},
          {"profit", p.profit.to_string()},
          {"total_return", p.total_return},
          {"annualised_return", p.annualised_return},
          {"xirr", optional_number(p.xirr)},
          {"max_drawdown",
           {{"depth", p.max_drawdown.depth},
            {"peak", optional_date(p.max_drawdown.peak)},
            {"trough", optional_date(p.max_drawdown.trough)},
            {"recovery", optional_date(p.max_drawdown.recovery)}}},
          {"volatility", p.volatility},
          {"sharpe", optional_number(p.sharpe)},
          {"sortino", optional_number(p.sortino)},
          {"sessions", p.sessions},
          {"buys", m.buys},
          {"shares_bought", m.shares_bought},
          {"commissions", m.commissions.to_string()},
          {"cash_idle", m.cash_idle},
          {"final_cash", m.final_cash.to_string()}};
}

Result<Json> backtest_result_json(const Config& config, const BacktestOutcome& outcome,
                                  MarketData& data, ResultOrders orders) {
  const BacktestSettings& s = outcome.settings;
  Json result = {
      {"version", 1},
      {"kind", "backtest"},
      {"profile", config.profile},
      {"period",
       {{"from", format_date(s.from)},
        {"to", format_date(s.to)},
        {"sessions", outcome.strategy.sessions.size()}}},
      {"data", data_json(outcome)},
      {"settings", settings_json(config, outcome)},
      {"strategies",
       Json::array({strategy_entry("strategy", "Stratus plan (" + config.strategy + ")",
                                   outcome.strategy_measures),
                    strategy_entry("dca",
                                   "Dollar-cost averaging (same money, contribution day " +
                                       std::to_string(s.funding.contribution_day) + ")",
                                   outcome.dca_measures),
                    strategy_entry("buy_and_hold", "Buy and hold (all the money on day one)",
                                   outcome.buy_and_hold_measures)})},
      {"activity", activity_json(outcome.strategy.counts)},
      {"equity", equity_json(outcome)}};
  if (orders == ResultOrders::kIncluded) result["orders"] = orders_json(outcome.strategy.orders);

  // Positions, most valuable first; charts for those the strategy spent most on.
  const std::size_t window = static_cast<std::size_t>(config.evaluate.window_sessions);
  const Date last = outcome.strategy.sessions.back().date;
  struct Row {
    std::string symbol;
    Json json;
    Money value;
    Money cost;
  };
  std::vector<Row> rows;
  for (const auto& [symbol, holding] : outcome.strategy.holdings) {
    STRATUS_ASSIGN_OR_RETURN(const PeriodBars p, period_bars(data, symbol, s.from, last, 0));
    const Money last_close = p.bars.empty() ? Money() : p.bars.back().close;
    const Money value = last_close * holding.shares.shares();
    const std::size_t buys = static_cast<std::size_t>(
        std::count_if(outcome.strategy.fills.begin(), outcome.strategy.fills.end(),
                      [&](const Fill& f) { return f.symbol == symbol; }));
    const Money average_cost =
        Money::from_units((holding.cost.units() + holding.shares.shares() / 2) /
                          std::max<std::int64_t>(holding.shares.shares(), 1));
    rows.push_back({symbol,
                    {{"symbol", symbol},
                     {"shares", holding.shares.shares()},
                     {"cost", holding.cost.to_string()},
                     {"average_cost", average_cost.to_string()},
                     {"average_close", mean_close(p).to_string()},
                     {"last_close", last_close.to_string()},
                     {"value", value.to_string()},
                     {"buys", buys}},
                    value,
                    holding.cost});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.value != b.value ? a.value > b.value : a.symbol < b.symbol;
  });
  Json positions = Json::array();
  for (const Row& row : rows) positions.push_back(row.json);
  result["positions"] = positions;

  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.cost != b.cost ? a.cost > b.cost : a.symbol < b.symbol;
  });
  Json charts = Json::array();
  for (std::size_t i = 0; i < rows.size() && i < kMaxChartedSymbols; ++i) {
    STRATUS_ASSIGN_OR_RETURN(const PeriodBars p,
                             period_bars(data, rows[i].symbol, s.from, last, window));
    charts.push_back(
        chart_json(rows[i].symbol, p, window, config.evaluate.high_basis, outcome.strategy.fills));
  }
  result["charts"] = charts;
  return result;
}

void write_backtest_json(const Json& result, const std::vector<OrderRecord>& orders,
                         const std::function<void(std::string_view)>& write) {
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::string out;
  out.reserve(kChunk + 4096);
  const auto flush_if_full = [&] {
    if (out.size() < kChunk) return;
    write(out);
    out.clear();
  };
  bool first = true;
  const auto start_member = [&](std::string_view key) {
    if (!first) out += ',';
    first = false;
    append_json_string(out, key);
    out += ':';
  };
  const auto append_orders = [&] {
    start_member("orders");
    out += '[';
    for (std::size_t i = 0; i < orders.size(); ++i) {
      if (i > 0) out += ',';
      append_order_entry_text(out, orders[i]);
      flush_if_full();
    }
    out += ']';
  };
  out += '{';
  bool orders_written = false;
  for (const auto& [key, value] : result.items()) {
    if (!orders_written && key > "orders") {  // Members in key order, as dump() writes them.
      append_orders();
      orders_written = true;
    }
    start_member(key);
    out += value.dump();
    flush_if_full();
  }
  if (!orders_written) append_orders();
  out += '}';
  write(out);
}

std::string backtest_json_text(const Json& result, const std::vector<OrderRecord>& orders) {
  std::string text;
  write_backtest_json(result, orders, [&text](std::string_view chunk) { text += chunk; });
  return text;
}

}  // namespace stratus
