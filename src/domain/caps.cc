#include "domain/caps.h"

#include <algorithm>

namespace stratus {
namespace {

// Shares of `price` that fit in `room` dollars (zero when room is not positive).
std::int64_t shares_within(Money room, Money price) {
  if (!room.is_positive()) return 0;
  return room.units() / price.units();
}

// The binding limit for people, e.g. "monthly cap 4 shares, 2 used".
std::string describe(BindingLimit limit, Money price, const CapLimits& limits,
                     const CapUsage& usage) {
  switch (limit) {
    case BindingLimit::kMonthlyShares:
      return "monthly cap " + limits.monthly_shares.to_string() + " shares, " +
             usage.shares_used.to_string() + " used";
    case BindingLimit::kSymbolBudget:
      return "monthly symbol budget $" + limits.symbol_budget->to_string() + ", $" +
             usage.symbol_spent.to_string() + " spent";
    case BindingLimit::kTotalBudget:
      return "monthly total budget $" + limits.total_budget->to_string() + ", $" +
             usage.total_spent.to_string() + " spent";
    case BindingLimit::kMaxOrderNotional:
      return "max order notional $" + limits.max_order_notional->to_string() + " at price $" +
             price.to_string();
    case BindingLimit::kBuyingPower:
      return "buying power $" + limits.buying_power->to_string() + " at price $" +
             price.to_string();
    case BindingLimit::kNone:
      break;
  }
  return "";
}

}  // namespace

std::string_view binding_limit_name(BindingLimit limit) {
  switch (limit) {
    case BindingLimit::kMonthlyShares:
      return "monthly_share_cap";
    case BindingLimit::kSymbolBudget:
      return "symbol_budget";
    case BindingLimit::kTotalBudget:
      return "total_budget";
    case BindingLimit::kMaxOrderNotional:
      return "max_order_notional";
    case BindingLimit::kBuyingPower:
      return "buying_power";
    case BindingLimit::kNone:
      break;
  }
  return "";
}

CapDecision decide_reservation(Quantity desired, Money price, const CapLimits& limits,
                               const CapUsage& usage, ExceedPolicy policy) {
  std::int64_t allowed = desired.shares();
  BindingLimit binding = BindingLimit::kNone;

  auto tighten = [&](std::int64_t fits, BindingLimit limit) {
    fits = std::max<std::int64_t>(fits, 0);
    if (fits < allowed) {
      allowed = fits;
      binding = limit;
    }
  };
  tighten(limits.monthly_shares.shares() - usage.shares_used.shares(),
          BindingLimit::kMonthlyShares);
  if (limits.symbol_budget) {
    tighten(shares_within(*limits.symbol_budget - usage.symbol_spent, price),
            BindingLimit::kSymbolBudget);
  }
  if (limits.total_budget) {
    tighten(shares_within(*limits.total_budget - usage.total_spent, price),
            BindingLimit::kTotalBudget);
  }
  if (limits.max_order_notional) {
    tighten(shares_within(*limits.max_order_notional, price), BindingLimit::kMaxOrderNotional);
  }
  if (limits.buying_power) {
    tighten(shares_within(*limits.buying_power, price), BindingLimit::kBuyingPower);
  }

  CapDecision decision;
  decision.binding = binding;
  decision.desired = desired;
  decision.fits = Quantity(allowed);
  decision.price = price;
  if (allowed == desired.shares()) {
    decision.qty = desired;
  } else if (allowed > 0 && policy == ExceedPolicy::kClip) {
    decision.qty = Quantity(allowed);
    decision.clipped = true;
  }
  return decision;
}

std::string cap_decision_reason(const CapDecision& decision, const CapLimits& limits,
                                const CapUsage& usage) {
  const Quantity desired = decision.desired;
  const Quantity fits = decision.fits;
  if (fits == desired) return "";
  const std::string binding_text = describe(decision.binding, decision.price, limits, usage);
  if (fits.is_zero()) return binding_text + ": no room for " + desired.to_string() + " share(s)";
  if (!decision.clipped) {
    return binding_text + ": " + fits.to_string() + " of " + desired.to_string() +
           " share(s) fit, policy is skip";
  }
  return binding_text + ": clipped from " + desired.to_string() + " to " + fits.to_string() +
         " share(s)";
}

}  // namespace stratus
