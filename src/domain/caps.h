// Monthly caps: how many shares (and dollars) a purchase may still take this month. Pure logic;
// the Ledger applies it atomically inside its reservation.
#pragma once

#include <optional>
#include <string>

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
};

// What the month has used so far. Rejected and canceled orders count only what filled.
struct CapUsage {
  Quantity shares_used;  // This symbol, this month.
  Money symbol_spent;    // This symbol, this month (estimated until filled).
  Money total_spent;     // All symbols, this month.
};

struct CapDecision {
  Quantity qty;          // Shares allowed; zero means denied.
  bool clipped = false;  // True when 0 < qty < desired.
  std::string reason;    // Why denied or clipped; empty when the full desire fits.
};

// Decides how many of `desired` shares at `price` fit the limits given the usage.
// REQUIRES: desired > 0, price > 0.
// Guarantees: qty <= desired; usage + qty stays within every limit; with kSkip qty is desired
// or zero.
CapDecision decide_reservation(Quantity desired, Money price, const CapLimits& limits,
                               const CapUsage& usage, ExceedPolicy policy);

}  // namespace stratus
