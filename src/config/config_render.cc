// Rendering the effective Config as TOML text.
#include "config/config_render.h"

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "config/secret_reference.h"
#include "config/toml_text.h"
#include "domain/decimal.h"
#include "domain/percent.h"

namespace stratus {
namespace {

std::string percent_text(Percent p) { return format_scaled_decimal(p.units(), Percent::kScale, 0); }

void optional_money(std::ostringstream& out, std::string_view key,
                    const std::optional<Money>& value) {
  if (value) {
    out << key << " = " << toml_quote(value->to_string()) << "\n";
  } else {
    out << "# " << key << " = (not set: no limit)\n";
  }
}

void string_array(std::ostringstream& out, std::string_view key,
                  const std::vector<std::string>& values) {
  out << key << " = [";
  for (std::size_t i = 0; i < values.size(); ++i) {
    out << (i == 0 ? "" : ", ") << toml_quote(values[i]);
  }
  out << "]\n";
}

// A key holding "" or a secret reference: the reference as written, never a resolved value, and
// nothing at all of a value that is not a reference (a hand-built Config may hold one).
void secret_reference(std::ostringstream& out, std::string_view key, const std::string& value) {
  if (value.empty()) {
    out << key << " = \"\"  # off\n";
  } else if (classify_secret_reference(value) == SecretReferenceShape::kValid) {
    out << key << " = " << toml_quote(value) << "  # reference, not resolved\n";
  } else {
    out << "# " << key << " = (redacted: not a reference)\n";
  }
}

void severity(std::ostringstream& out, Severity value) {
  out << "min_severity = " << toml_quote(severity_name(value)) << "\n";
}

}  // namespace

std::string render_config(const Config& config) {
  std::ostringstream out;
  out << "# Effective Stratus configuration of profile " << toml_quote(config.profile) << ".\n"
      << "# Layers: embedded defaults < config file [default] < [" << config.profile
      << "] < STRATUS_* environment.\n"
      << "# Paths are resolved; secrets are shown as references, never resolved.\n\n";

  out << "strategy = " << toml_quote(config.strategy) << "\n";
  out << "watchlist = [";
  for (std::size_t i = 0; i < config.watchlist.size(); ++i) {
    out << (i == 0 ? "" : ", ") << toml_quote(config.watchlist[i]);
  }
  out << "]\n\n";

  out << "[market]\n"
      << "calendar = " << toml_quote(config.market.calendar) << "\n"
      << "window_minutes_before_close = " << config.market.window_minutes_before_close << "\n"
      << "run_times = [";
  for (std::size_t i = 0; i < config.market.run_times.size(); ++i) {
    out << (i == 0 ? "" : ", ") << toml_quote(format_time_of_day(config.market.run_times[i]));
  }
  out << "]\n"
      << "cross_check = " << toml_quote(config.market.cross_check) << "\n\n";

  out << "[evaluate]\n"
      << "high_basis = "
      << toml_quote(config.evaluate.high_basis == HighBasis::kHigh ? "high" : "close") << "\n"
      << "price = "
      << toml_quote(config.evaluate.price == PriceSource::kClose ? "close" : "latest_trade") << "\n"
      << "window_sessions = " << config.evaluate.window_sessions << "\n"
      << "min_sessions = " << config.evaluate.min_sessions << "\n"
      << "filter = "
      << toml_quote(config.evaluate.filter ? config.evaluate.filter->text() : std::string()) << "\n"
      << "indicator_sessions = " << config.evaluate.indicator_sessions << "\n"
      << "tiers = [\n";
  for (std::size_t i = 0; i < config.evaluate.tiers.size(); ++i) {
    const Tier& tier = config.evaluate.tiers[i];
    out << "  { drop = " << toml_quote(percent_text(tier.min_drop))
        << ", qty = " << tier.qty.shares();
    if (const rules::Rule* when = config.evaluate.tier_condition(i)) {
      out << ", when = " << toml_quote(when->text());
    }
    out << " },\n";
  }
  out << "]\n\n";

  const LimitsConfig& limits = config.limits;
  out << "[limits]\n"
      << "trading_enabled = " << (limits.trading_enabled ? "true" : "false") << "\n"
      << "monthly_share_cap = " << limits.monthly_share_cap.shares() << "\n"
      << "on_exceed = " << toml_quote(limits.on_exceed == ExceedPolicy::kClip ? "clip" : "skip")
      << "\n"
      << "check_buying_power = " << (limits.check_buying_power ? "true" : "false") << "\n";
  optional_money(out, "monthly_budget_per_symbol", limits.monthly_budget_per_symbol);
  optional_money(out, "monthly_budget_total", limits.monthly_budget_total);
  optional_money(out, "max_order_notional", limits.max_order_notional);
  out << "symbol_caps = {";
  bool first = true;
  for (const auto& [symbol, cap] : limits.symbol_caps) {
    out << (first ? " " : ", ") << toml_key(symbol) << " = " << cap.shares();
    first = false;
  }
  out << (first ? "}" : " }") << "\n\n";

  out << "[broker]\n"
      << "kind = " << toml_quote(config.broker.kind) << "\n"
      << "slippage_bps = " << config.broker.slippage_bps << "\n"
      << "commission_per_order = " << toml_quote(config.broker.commission_per_order.to_string())
      << "\n\n";

  out << "[data]\n"
      << "kind = " << toml_quote(config.data.kind) << "\n"
      << "path = " << toml_quote(config.data.path) << "\n"
      << "layout = " << toml_quote(config.data.layout) << "\n\n";

  const AlpacaConfig& alpaca = config.alpaca;
  out << "[alpaca]\n"
      << "environment = "
      << toml_quote(alpaca.environment == AlpacaEnvironment::kLive ? "live" : "paper") << "\n"
      << "trading_url = " << toml_quote(alpaca.trading_url)
      << (alpaca.trading_url.empty() ? "  # chosen by environment\n" : "\n")
      << "data_url = " << toml_quote(alpaca.data_url) << "\n"
      << "feed = " << toml_quote(alpaca.feed) << "\n"
      << "adjustment = " << toml_quote(alpaca.adjustment) << "\n"
      << "cache_path = " << toml_quote(alpaca.cache_path) << "\n"
      << "order_type = " << toml_quote(alpaca.order_type == OrderType::kLimit ? "limit" : "market")
      << "\n"
      << "limit_offset_bps = " << alpaca.limit_offset_bps << "\n"
      << "time_in_force = " << toml_quote(alpaca.time_in_force == TimeInForce::kDay ? "day" : "gtc")
      << "\n"
      << "# API keys: APCA_API_KEY_ID / APCA_API_SECRET_KEY, or the [secrets] references "
         "below.\n\n";

  const HttpConfig& http = config.http;
  out << "[http]\n"
      << "connect_timeout_ms = " << http.connect_timeout_ms << "\n"
      << "total_timeout_ms = " << http.total_timeout_ms << "\n"
      << "max_attempts = " << http.max_attempts << "\n"
      << "base_delay_ms = " << http.base_delay_ms << "\n"
      << "max_delay_ms = " << http.max_delay_ms << "\n"
      << "max_total_delay_ms = " << http.max_total_delay_ms << "\n"
      << "breaker_failure_threshold = " << http.breaker_failure_threshold << "\n\n";

  out << "[ledger]\nkind = " << toml_quote(config.ledger.kind) << "\n"
      << "path = " << toml_quote(config.ledger_path) << "\n"
      << "table = " << toml_quote(config.ledger.table) << "\n\n";
  out << "[audit]\npath = " << toml_quote(config.audit_path) << "\n\n";

  out << "[alerts]\nsns_topic_arn = " << toml_quote(config.alerts.sns_topic_arn) << "\n"
      << "on = [";
  for (std::size_t i = 0; i < config.alerts.on.size(); ++i) {
    out << (i == 0 ? "" : ", ") << toml_quote(config.alerts.on[i]);
  }
  out << "]\n";
  severity(out, config.alerts.min_severity);
  out << "\n";

  out << "[slack]\n";
  secret_reference(out, "webhook_url", config.slack.webhook_url);
  string_array(out, "events", config.slack.events);
  severity(out, config.slack.min_severity);
  out << "\n";

  out << "[sheets]\n";
  secret_reference(out, "url", config.sheets.url);
  secret_reference(out, "secret", config.sheets.secret);
  string_array(out, "events", config.sheets.events);
  severity(out, config.sheets.min_severity);
  out << "\n";

  const OutboxConfig& outbox = config.outbox;
  out << "[outbox]\n"
      << "retry_base_seconds = " << outbox.retry_base_seconds << "\n"
      << "retry_max_seconds = " << outbox.retry_max_seconds << "\n"
      << "max_per_sink = " << outbox.max_per_sink << "\n"
      << "lease_seconds = " << outbox.lease_seconds << "\n\n";

  const BacktestConfig& backtest = config.backtest;
  out << "[backtest]\n"
      << "starting_cash = " << toml_quote(backtest.starting_cash.to_string()) << "\n"
      << "monthly_contribution = " << toml_quote(backtest.monthly_contribution.to_string()) << "\n"
      << "contribution_day = " << backtest.contribution_day << "\n"
      << "fill = " << toml_quote(backtest.fill) << "\n"
      << "slippage_bps = " << backtest.slippage_bps << "\n"
      << "commission_per_order = " << toml_quote(backtest.commission_per_order.to_string()) << "\n"
      << "commission_per_share = " << toml_quote(backtest.commission_per_share.to_string()) << "\n"
      << "risk_free_rate = " << toml_quote(backtest.risk_free_rate.to_string(2)) << "\n\n";

  out << "[secrets]\n";
  for (const auto& [name, reference] : config.secrets) {
    if (classify_secret_reference(reference) == SecretReferenceShape::kValid) {
      out << toml_key(name) << " = " << toml_quote(reference) << "  # reference, not resolved\n";
    } else {
      out << "# " << toml_key(name) << " = (redacted: not a reference)\n";
    }
  }
  return out.str();
}

}  // namespace stratus
