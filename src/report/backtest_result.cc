// Reading the backtest result document (see backtest_result.h).
#include "report/backtest_result.h"

#include <utility>

namespace stratus::report {
namespace {

// Every element of the array `field` read by `read(element)`.
template <typename T, typename Read>
Result<std::vector<T>> read_array(const JsonField& field, Read read) {
  STRATUS_ASSIGN_OR_RETURN(std::size_t size, field.array_size());
  std::vector<T> out;
  out.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    STRATUS_ASSIGN_OR_RETURN(T value, read(field.element(i)));
    out.push_back(std::move(value));
  }
  return out;
}

template <typename T>
Result<std::vector<T>> read_values(const JsonField& field) {
  return read_array<T>(field, [](const JsonField& f) { return f.as<T>(); });
}

// The member `key` of `parent`: an array with one element per session, each a T.
template <typename T>
Result<std::vector<T>> read_series(const JsonField& parent, std::string_view key,
                                   std::size_t sessions) {
  STRATUS_ASSIGN_OR_RETURN(JsonField field, parent.member(key));
  STRATUS_RETURN_IF_ERROR(field.array_size(sessions, "one per session"));
  return read_values<T>(field);
}

Result<std::vector<Money>> read_money_series(const JsonField& parent, std::string_view key,
                                             std::size_t sessions) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<Amount> amounts, read_series<Amount>(parent, key, sessions));
  std::vector<Money> out;
  out.reserve(amounts.size());
  for (const Amount& a : amounts) out.push_back(a.value);
  return out;
}

// Dates, strictly increasing.
Result<std::vector<Date>> read_sessions(const JsonField& field) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<Date> dates, read_values<Date>(field));
  for (std::size_t i = 1; i < dates.size(); ++i) {
    if (dates[i] <= dates[i - 1]) {
      return field.element(i).error("a session after " + format_date(dates[i - 1]));
    }
  }
  return dates;
}

Result<MaxDrawdown> read_max_drawdown(const JsonField& metrics) {
  MaxDrawdown out;
  STRATUS_ASSIGN_OR_RETURN(std::optional<JsonField> field, metrics.optional_member("max_drawdown"));
  if (!field) return out;
  STRATUS_ASSIGN_OR_RETURN(out.depth, field->at<std::optional<double>>("depth"));
  STRATUS_ASSIGN_OR_RETURN(out.peak, field->at<std::optional<Date>>("peak"));
  STRATUS_ASSIGN_OR_RETURN(out.trough, field->at<std::optional<Date>>("trough"));
  STRATUS_ASSIGN_OR_RETURN(out.recovery, field->at<std::optional<Date>>("recovery"));
  return out;
}

Result<std::vector<DataWarning>> read_warnings(const JsonField& data) {
  STRATUS_ASSIGN_OR_RETURN(std::optional<JsonField> field, data.optional_member("warnings"));
  if (!field) return std::vector<DataWarning>();
  return read_array<DataWarning>(*field, [](const JsonField& w) -> Result<DataWarning> {
    DataWarning out;
    STRATUS_ASSIGN_OR_RETURN(out.symbol, w.at<std::string>("symbol"));
    STRATUS_ASSIGN_OR_RETURN(out.session, w.at<Date>("session"));
    STRATUS_ASSIGN_OR_RETURN(out.previous_close, w.at<Amount>("previous_close"));
    STRATUS_ASSIGN_OR_RETURN(out.close, w.at<Amount>("close"));
    STRATUS_ASSIGN_OR_RETURN(out.change, w.at<double>("change"));
    STRATUS_ASSIGN_OR_RETURN(out.message, w.at<std::string>("message"));
    return out;
  });
}

Result<BacktestSettings> read_settings(const JsonField& doc) {
  STRATUS_ASSIGN_OR_RETURN(JsonField s, doc.member("settings"));
  BacktestSettings out;
  STRATUS_ASSIGN_OR_RETURN(out.starting_cash, s.at<Amount>("starting_cash"));
  STRATUS_ASSIGN_OR_RETURN(out.monthly_contribution, s.at<Amount>("monthly_contribution"));
  STRATUS_ASSIGN_OR_RETURN(out.contribution_day, s.at<std::int64_t>("contribution_day"));
  STRATUS_ASSIGN_OR_RETURN(out.fill, s.at<std::string>("fill"));
  STRATUS_ASSIGN_OR_RETURN(out.slippage_bps, s.at<double>("slippage_bps"));
  STRATUS_ASSIGN_OR_RETURN(out.commission_per_order, s.at<Amount>("commission_per_order"));
  STRATUS_ASSIGN_OR_RETURN(out.commission_per_share, s.at<Amount>("commission_per_share"));
  STRATUS_ASSIGN_OR_RETURN(out.risk_free_rate, s.at<double>("risk_free_rate"));
  STRATUS_ASSIGN_OR_RETURN(out.strategy, s.at<std::string>("strategy"));
  STRATUS_ASSIGN_OR_RETURN(JsonField watchlist, s.member("watchlist"));
  STRATUS_ASSIGN_OR_RETURN(out.watchlist, read_values<std::string>(watchlist));
  STRATUS_ASSIGN_OR_RETURN(JsonField tiers, s.member("tiers"));
  STRATUS_ASSIGN_OR_RETURN(out.tiers,
                           read_array<Tier>(tiers, [](const JsonField& t) -> Result<Tier> {
                             Tier tier;
                             STRATUS_ASSIGN_OR_RETURN(tier.drop_pct, t.at<std::string>("drop_pct"));
                             STRATUS_ASSIGN_OR_RETURN(tier.qty, t.at<std::int64_t>("qty"));
                             return tier;
                           }));
  STRATUS_ASSIGN_OR_RETURN(out.monthly_share_cap, s.at<std::int64_t>("monthly_share_cap"));
  STRATUS_ASSIGN_OR_RETURN(out.filter, s.at<std::optional<std::string>>("filter"));
  return out;
}

Result<Activity> read_activity(const JsonField& doc) {
  STRATUS_ASSIGN_OR_RETURN(JsonField a, doc.member("activity"));
  Activity out;
  const std::pair<const char*, std::int64_t Activity::*> fields[] = {
      {"runs", &Activity::runs},
      {"skipped_runs", &Activity::skipped_runs},
      {"signals", &Activity::signals},
      {"reserved", &Activity::reserved},
      {"clipped", &Activity::clipped},
      {"declined", &Activity::declined},
      {"short_of_cash", &Activity::short_of_cash},
      {"rejected", &Activity::rejected},
      {"filtered", &Activity::filtered},
      {"caps_hit", &Activity::caps_hit},
      {"audit_events", &Activity::audit_events}};
  for (const auto& [key, member] : fields) {
    STRATUS_ASSIGN_OR_RETURN(out.*member, a.at<std::int64_t>(key));
  }
  return out;
}

Result<PositionRow> read_position(const JsonField& p) {
  PositionRow out;
  STRATUS_ASSIGN_OR_RETURN(out.symbol, p.at<std::string>("symbol"));
  STRATUS_ASSIGN_OR_RETURN(out.shares, p.at<std::int64_t>("shares"));
  STRATUS_ASSIGN_OR_RETURN(out.cost, p.at<Amount>("cost"));
  STRATUS_ASSIGN_OR_RETURN(out.average_cost, p.at<Amount>("average_cost"));
  STRATUS_ASSIGN_OR_RETURN(out.average_close, p.at<Amount>("average_close"));
  STRATUS_ASSIGN_OR_RETURN(out.last_close, p.at<Amount>("last_close"));
  STRATUS_ASSIGN_OR_RETURN(out.value, p.at<Amount>("value"));
  STRATUS_ASSIGN_OR_RETURN(out.buys, p.at<std::int64_t>("buys"));
  return out;
}

Result<SymbolChart> read_chart(const JsonField& c) {
  SymbolChart out;
  STRATUS_ASSIGN_OR_RETURN(out.symbol, c.at<std::string>("symbol"));
  STRATUS_ASSIGN_OR_RETURN(JsonField sessions, c.member("sessions"));
  STRATUS_ASSIGN_OR_RETURN(out.sessions, read_sessions(sessions));
  const std::size_t n = out.sessions.size();
  STRATUS_ASSIGN_OR_RETURN(out.close, read_money_series(c, "close", n));
  STRATUS_ASSIGN_OR_RETURN(out.high_52w, read_money_series(c, "high_52w", n));
  STRATUS_ASSIGN_OR_RETURN(JsonField buys, c.member("buys"));
  STRATUS_ASSIGN_OR_RETURN(out.buys,
                           read_array<ChartBuy>(buys, [](const JsonField& b) -> Result<ChartBuy> {
                             ChartBuy buy;
                             STRATUS_ASSIGN_OR_RETURN(buy.session, b.at<Date>("session"));
                             STRATUS_ASSIGN_OR_RETURN(buy.qty, b.at<std::int64_t>("qty"));
                             STRATUS_ASSIGN_OR_RETURN(buy.price, b.at<Amount>("price"));
                             return buy;
                           }));
  return out;
}

Result<StrategyResult> read_strategy(const JsonField& s, const JsonField& equity,
                                     std::size_t sessions) {
  StrategyResult out;
  STRATUS_ASSIGN_OR_RETURN(out.name, s.at<std::string>("name"));
  STRATUS_ASSIGN_OR_RETURN(out.label, s.at<std::string>("label"));
  STRATUS_ASSIGN_OR_RETURN(JsonField metrics, s.member("metrics"));
  STRATUS_ASSIGN_OR_RETURN(out.metrics, read_account_metrics(metrics));
  STRATUS_ASSIGN_OR_RETURN(out.equity, read_series<Amount>(equity, out.name, sessions));
  STRATUS_ASSIGN_OR_RETURN(out.drawdown,
                           read_series<double>(equity, out.name + "_drawdown", sessions));
  return out;
}

}  // namespace

Result<AccountMetrics> read_account_metrics(const JsonField& m) {
  AccountMetrics out;
  STRATUS_ASSIGN_OR_RETURN(out.invested, m.at<Amount>("invested"));
  STRATUS_ASSIGN_OR_RETURN(out.final_equity, m.at<Amount>("final_equity"));
  STRATUS_ASSIGN_OR_RETURN(out.profit, m.at<Amount>("profit"));
  STRATUS_ASSIGN_OR_RETURN(out.total_return, m.at<std::optional<double>>("total_return"));
  STRATUS_ASSIGN_OR_RETURN(out.annualised_return, m.at<std::optional<double>>("annualised_return"));
  STRATUS_ASSIGN_OR_RETURN(out.xirr, m.at<std::optional<double>>("xirr"));
  STRATUS_ASSIGN_OR_RETURN(out.max_drawdown, read_max_drawdown(m));
  STRATUS_ASSIGN_OR_RETURN(out.volatility, m.at<std::optional<double>>("volatility"));
  STRATUS_ASSIGN_OR_RETURN(out.sharpe, m.at<std::optional<double>>("sharpe"));
  STRATUS_ASSIGN_OR_RETURN(out.sortino, m.at<std::optional<double>>("sortino"));
  STRATUS_ASSIGN_OR_RETURN(out.buys, m.at<std::int64_t>("buys"));
  STRATUS_ASSIGN_OR_RETURN(out.shares_bought, m.at<std::optional<std::int64_t>>("shares_bought"));
  STRATUS_ASSIGN_OR_RETURN(out.cash_idle, m.at<std::optional<double>>("cash_idle"));
  return out;
}

Result<BacktestResult> read_backtest_result(const nlohmann::json& json) {
  const JsonField doc(json);
  BacktestResult out;
  STRATUS_ASSIGN_OR_RETURN(JsonField version, doc.member("version"));
  if (version.json() != 1) return version.error("1");
  STRATUS_ASSIGN_OR_RETURN(JsonField kind, doc.member("kind"));
  if (kind.json() != "backtest") return kind.error("\"backtest\"");
  STRATUS_ASSIGN_OR_RETURN(out.profile, doc.at<std::string>("profile"));

  STRATUS_ASSIGN_OR_RETURN(JsonField period, doc.member("period"));
  STRATUS_ASSIGN_OR_RETURN(out.from, period.at<Date>("from"));
  STRATUS_ASSIGN_OR_RETURN(out.to, period.at<Date>("to"));
  STRATUS_ASSIGN_OR_RETURN(out.sessions, period.at<std::int64_t>("sessions"));

  STRATUS_ASSIGN_OR_RETURN(JsonField data, doc.member("data"));
  STRATUS_ASSIGN_OR_RETURN(out.data_source, data.at<std::string>("source"));
  STRATUS_ASSIGN_OR_RETURN(out.data_symbols, data.at<std::int64_t>("symbols"));
  STRATUS_ASSIGN_OR_RETURN(out.data_bars, data.at<std::int64_t>("bars"));
  STRATUS_ASSIGN_OR_RETURN(out.adjustment, data.at<std::string>("adjustment"));
  STRATUS_ASSIGN_OR_RETURN(out.warnings, read_warnings(data));

  STRATUS_ASSIGN_OR_RETURN(out.settings, read_settings(doc));
  STRATUS_ASSIGN_OR_RETURN(out.activity, read_activity(doc));

  STRATUS_ASSIGN_OR_RETURN(JsonField equity, doc.member("equity"));
  STRATUS_ASSIGN_OR_RETURN(JsonField sessions, equity.member("sessions"));
  STRATUS_ASSIGN_OR_RETURN(out.equity_sessions, read_sessions(sessions));
  const std::size_t n = out.equity_sessions.size();
  STRATUS_ASSIGN_OR_RETURN(std::vector<Money> flow, read_money_series(equity, "flow", n));
  out.invested.reserve(n);
  Money total;
  for (Money f : flow) out.invested.push_back(total += f);

  STRATUS_ASSIGN_OR_RETURN(JsonField strategies, doc.member("strategies"));
  STRATUS_ASSIGN_OR_RETURN(std::size_t count, strategies.array_size());
  if (count == 0) return strategies.error("at least the strategy");
  for (std::size_t i = 0; i < count; ++i) {
    STRATUS_ASSIGN_OR_RETURN(StrategyResult s, read_strategy(strategies.element(i), equity, n));
    out.strategies.push_back(std::move(s));
  }

  STRATUS_ASSIGN_OR_RETURN(JsonField positions, doc.member("positions"));
  STRATUS_ASSIGN_OR_RETURN(out.positions, read_array<PositionRow>(positions, read_position));
  STRATUS_ASSIGN_OR_RETURN(JsonField charts, doc.member("charts"));
  STRATUS_ASSIGN_OR_RETURN(out.charts, read_array<SymbolChart>(charts, read_chart));
  return out;
}

}  // namespace stratus::report
