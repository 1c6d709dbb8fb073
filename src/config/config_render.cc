// Rendering the effective Config as TOML text.
#include "config/config_render.h"

#include <optional>
#include <sstream>

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
  out << "]\n\n";

  out << "[evaluate]\n"
      << "high_basis = "
      << toml_quote(config.evaluate.high_basis == HighBasis::kHigh ? "high" : "close") << "\n"
      << "window_sessions = " << config.evaluate.window_sessions << "\n"
      << "min_sessions = " << config.evaluate.min_sessions << "\n"
      << "tiers = [\n";
  for (const Tier& tier : config.evaluate.tiers) {
    out << "  { drop = " << toml_quote(percent_text(tier.min_drop))
        << ", qty = " << tier.qty.shares() << " },\n";
  }
  out << "]\n\n";

  const LimitsConfig& limits = config.limits;
  out << "[limits]\n"
      << "trading_enabled = " << (limits.trading_enabled ? "true" : "false") << "\n"
      << "monthly_share_cap = " << limits.monthly_share_cap.shares() << "\n"
      << "on_exceed = " << toml_quote(limits.on_exceed == ExceedPolicy::kClip ? "clip" : "skip")
      << "\n";
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

  out << "[ledger]\npath = " << toml_quote(config.ledger_path) << "\n\n";
  out << "[audit]\npath = " << toml_quote(config.audit_path) << "\n\n";

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
