// Monthly caps: how many shares (and dollars) a purchase may still take this month, and what the
// account can still pay for. Pure logic; the Ledger applies it atomically inside its reservation.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/money.h"
#include "domain/quantity.h"

namespace stratus {

// What to do when a tier asks for more than is left.
enum class ExceedPolicy {
  kClip,  // Buy what is left (if at least one share).
  kSkip,  // Buy nothing.
};

struct CapLimits {
  Quantity monthly_shares;                  // Per symbol, per New York month.
  std::optional<Money> symbol_budget;       // Per symbol, per month, in dollars.
  std::optional<Money> total_budget;        // All symbols, per month, in dollars.
  std::optional<Money> max_order_notional;  // Per order.
  // What the account can still spend on this purchase (the broker's buying power less what this
  // run has reserved before it); nullopt when the broker does not limit it or was not asked.
  std::optional<Money> buying_power;
};

// Which limit decided a purchase that did not fit whole.
enum class BindingLimit {
  kNone,  // The full desire fits.
  kMonthlyShares,
  kSymbolBudget,
  kTotalBudget,
  kMaxOrderNotional,
  kBuyingPower,
};

// "monthly_share_cap", "symbol_budget", "total_budget", "max_order_notional", "buying_power"
// ("" for kNone): the names documents carry.
std::string_view binding_limit_name(BindingLimit limit);

// What the month has used so far. Rejected and canceled orders count only what filled.
struct CapUsage {
  Quantity shares_used;  // This symbol, this month.
  Money symbol_spent;    // This symbol, this month (estimated until filled).
  Money total_spent;     // All symbols, this month.
};

struct CapDecision {
  Quantity qty;                                // Shares allowed; zero means denied.
  bool clipped = false;                        // True when 0 < qty < desired.
  BindingLimit binding = BindingLimit::kNone;  // The tightest limit; kNone when all fit.
  // What it was decided on, for cap_decision_reason: the shares asked for, the shares every limit
  // leaves room for (qty, unless the policy skipped a partial fit), and their price.
  Quantity desired;
  Quantity fits;
  Money price;
};

// Decides how many of `desired` shares at `price` fit the limits given the usage.
// REQUIRES: desired > 0, price > 0.
// Guarantees: qty <= desired; usage + qty stays within every limit, and qty * price within the
// buying power; with kSkip qty is desired or zero. On a tie the limit listed first in CapLimits
// is the binding one.
CapDecision decide_reservation(Quantity desired, Money price, const CapLimits& limits,
                               const CapUsage& usage, ExceedPolicy policy);

// Why `decision` allows fewer shares than desired, for people, from the limits and usage it was
// decided on: "monthly cap 4 shares, 2 used: no room for 1 share(s)", "...: 1 of 3 share(s) fit,
// policy is skip", "...: clipped from 3 to 1 share(s)". Empty when the full desire fits. Made
// only when someone reads it: a backtest declines hundreds of thousands of purchases.
std::string cap_decision_reason(const CapDecision& decision, const CapLimits& limits,
                                const CapUsage& usage);

}  // namespace stratus
