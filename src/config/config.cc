#include "config/config.h"

namespace stratus {

CapLimits LimitsConfig::limits_for(const std::string& symbol) const {
  CapLimits limits;
  auto it = symbol_caps.find(symbol);
  limits.monthly_shares = it != symbol_caps.end() ? it->second : monthly_share_cap;
  limits.symbol_budget = monthly_budget_per_symbol;
  limits.total_budget = monthly_budget_total;
  limits.max_order_notional = max_order_notional;
  return limits;
}

}  // namespace stratus
