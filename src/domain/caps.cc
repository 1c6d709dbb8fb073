#include "domain/caps.h"

#include <algorithm>

namespace stratus {
namespace {

// Shares of `price` that fit in `room` dollars (zero when room is not positive).
std::int64_t shares_within(Money room, Money price) {
  if (!room.is_positive()) return 0;
  return room.units() / price.units();
}

}  // namespace

CapDecision decide_reservation(Quantity desired, Money price, const CapLimits& limits,
                               const CapUsage& usage, ExceedPolicy policy) {
  std::int64_t allowed = desired.shares();
  std::string binding;  // The tightest limit, described.

  auto tighten = [&](std::int64_t fits, std::string why) {
    fits = std::max<std::int64_t>(fits, 0);
    if (fits < allowed) {
      allowed = fits;
      binding = std::move(why);
    }
  };

  tighten(limits.monthly_shares.shares() - usage.shares_used.shares(),
          "monthly cap " + limits.monthly_shares.to_string() + " shares, " +
              usage.shares_used.to_string() + " used");
  if (limits.symbol_budget) {
    tighten(shares_within(*limits.symbol_budget - usage.symbol_spent, price),
            "monthly symbol budget $" + limits.symbol_budget->to_string() + ", $" +
                usage.symbol_spent.to_string() + " spent");
  }
  if (limits.total_budget) {
    tighten(shares_within(*limits.total_budget - usage.total_spent, price),
            "monthly total budget $" + limits.total_budget->to_string() + ", $" +
                usage.total_spent.to_string() + " spent");
  }
  if (limits.max_order_notional) {
    tighten(shares_within(*limits.max_order_notional, price),
            "max order notional $" + limits.max_order_notional->to_string() + " at price $" +
                price.to_string());
  }

  CapDecision decision;
  if (allowed == desired.shares()) {
    decision.qty = desired;
    return decision;
  }
  if (allowed == 0) {
    decision.reason = binding + ": no room for " + desired.to_string() + " share(s)";
    return decision;
  }
  if (policy == ExceedPolicy::kSkip) {
    decision.reason = binding + ": " + std::to_string(allowed) + " of " + desired.to_string() +
                      " share(s) fit, policy is skip";
    return decision;
  }
  decision.qty = Quantity(allowed);
  decision.clipped = true;
  decision.reason = binding + ": clipped from " + desired.to_string() + " to " +
                    std::to_string(allowed) + " share(s)";
  return decision;
}

}  // namespace stratus
