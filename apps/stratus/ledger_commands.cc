// `stratus history` and `stratus caps`: what the ledger says was bought, and what is left.
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/clock/system_clock.h"
#include "apps/stratus/commands.h"
#include "apps/stratus/wiring.h"

namespace stratus {
namespace {

nlohmann::json order_record_json(const OrderRecord& o) {
  nlohmann::json j = {{"client_order_id", o.client_order_id},
                      {"run_id", o.run_id},
                      {"symbol", o.symbol},
                      {"month", o.month},
                      {"session", format_date(o.session)},
                      {"qty", o.qty.shares()},
                      {"price", o.limit_price.to_string()},
                      {"notional", o.notional.to_string()},
                      {"state", order_state_name(o.state)},
                      {"filled_qty", o.filled_qty.shares()},
                      {"commission", o.commission.to_string()},
                      {"created_at", format_utc_timestamp(o.created_at)},
                      {"updated_at", format_utc_timestamp(o.updated_at)}};
  if (!o.broker_order_id.empty()) j["broker_order_id"] = o.broker_order_id;
  if (o.filled_avg_price) j["avg_price"] = o.filled_avg_price->to_string();
  if (o.filled_at) j["filled_at"] = format_utc_timestamp(*o.filled_at);
  if (!o.reason.empty()) j["reason"] = o.reason;
  return j;
}

}  // namespace

int history_command(const GlobalOptions& global, const HistoryOptions& options) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());
  OrderFilter filter;
  if (!options.symbol.empty()) filter.symbol = options.symbol;
  if (!options.month.empty()) {
    auto month = parse_month(options.month);
    if (!month.ok()) return report_error(month.error().within("--month"));
    filter.month = options.month;
  }
  SystemClock clock;
  Wiring wiring(*config, clock, env);
  auto ledger = wiring.ledger();
  if (!ledger.ok()) return report_error(ledger.error());
  auto orders = (*ledger)->orders(filter);
  if (!orders.ok()) return report_error(orders.error());

  if (options.format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const OrderRecord& o : *orders) list.push_back(order_record_json(o));
    fmt::print("{}\n", list.dump(2));
    return kExitOk;
  }
  if (options.format == "csv") {
    fmt::print(
        "session,symbol,qty,state,filled_qty,avg_price,notional,commission,client_order_id\n");
    for (const OrderRecord& o : *orders) {
      fmt::print("{},{},{},{},{},{},{},{},{}\n", format_date(o.session), o.symbol, o.qty.shares(),
                 order_state_name(o.state), o.filled_qty.shares(),
                 o.filled_avg_price ? o.filled_avg_price->to_string() : "", o.notional.to_string(),
                 o.commission.to_string(), o.client_order_id);
    }
    return kExitOk;
  }
  fmt::print("{:<10}  {:<6}  {:>3}  {:<16}  {:>6}  {:>10}  {:>10}  {}\n", "session", "symbol",
             "qty", "state", "filled", "avg price", "notional", "client_order_id");
  for (const OrderRecord& o : *orders) {
    fmt::print("{:<10}  {:<6}  {:>3}  {:<16}  {:>6}  {:>10}  {:>10}  {}\n", format_date(o.session),
               o.symbol, o.qty.shares(), order_state_name(o.state), o.filled_qty.shares(),
               o.filled_avg_price ? o.filled_avg_price->to_string() : "-", o.notional.to_string(),
               o.client_order_id);
  }
  fmt::print("{} order(s)\n", orders->size());
  return kExitOk;
}

int caps_command(const GlobalOptions& global, const std::string& month_text) {
  const auto env = read_environment();
  auto config = load_effective_config(global, env);
  if (!config.ok()) return report_error(config.error());
  auto month = parse_month(month_text);
  if (!month.ok()) return report_error(month.error().within("--month"));
  SystemClock clock;
  Wiring wiring(*config, clock, env);
  auto ledger = wiring.ledger();
  if (!ledger.ok()) return report_error(ledger.error());

  std::set<std::string> symbols(config->watchlist.begin(), config->watchlist.end());
  OrderFilter filter;
  filter.month = month_text;
  auto orders = (*ledger)->orders(filter);
  if (!orders.ok()) return report_error(orders.error());
  for (const OrderRecord& o : *orders) symbols.insert(o.symbol);

  fmt::print("caps for {} (profile {})\n", month_text, config->profile);
  fmt::print("{:<6}  {:>5}  {:>4}  {:>4}  {:>10}  {}\n", "symbol", "limit", "used", "left", "spent",
             "status");
  Money total;
  for (const std::string& symbol : symbols) {
    auto usage = (*ledger)->usage(symbol, month_text);
    if (!usage.ok()) return report_error(usage.error());
    total = usage->total_spent;
    const CapLimits limits = config->limits.limits_for(symbol);
    const std::int64_t left =
        std::max<std::int64_t>(0, limits.monthly_shares.shares() - usage->shares_used.shares());
    fmt::print("{:<6}  {:>5}  {:>4}  {:>4}  {:>10}  {}\n", symbol, limits.monthly_shares.shares(),
               usage->shares_used.shares(), left, usage->symbol_spent.to_string(),
               left == 0 ? "cap reached" : "");
  }
  fmt::print("total spent {}", total.to_string());
  if (config->limits.monthly_budget_total) {
    fmt::print(" of budget {}", config->limits.monthly_budget_total->to_string());
  }
  fmt::print("\n");
  return kExitOk;
}

}  // namespace stratus
