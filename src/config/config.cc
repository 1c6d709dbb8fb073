#include "config/config.h"

#include <algorithm>

namespace stratus {

bool EvaluateConfig::has_rules() const {
  return filter.has_value() ||
         std::any_of(tier_conditions.begin(), tier_conditions.end(),
                     [](const std::optional<rules::Rule>& when) { return when.has_value(); });
}

const rules::Rule* EvaluateConfig::tier_condition(std::size_t i) const {
  return i < tier_conditions.size() && tier_conditions[i] ? &*tier_conditions[i] : nullptr;
}

CapLimits LimitsConfig::limits_for(std::string_view symbol) const {
  CapLimits limits;
  auto it = symbol_caps.find(symbol);
  limits.monthly_shares = it != symbol_caps.end() ? it->second : monthly_share_cap;
  limits.symbol_budget = monthly_budget_per_symbol;
  limits.total_budget = monthly_budget_total;
  limits.max_order_notional = max_order_notional;
  return limits;
}

}  // namespace stratus
