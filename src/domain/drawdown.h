// The drawdown rule: how far a price is below its N-session high, and which quantity tier that
// drop reaches. Pure logic over completed daily bars.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "domain/bar.h"
#include "domain/money.h"
#include "domain/percent.h"
#include "domain/quantity.h"

namespace stratus {

// Which price of each bar counts toward the high.
enum class HighBasis { kHigh, kClose };

// Buy `qty` shares when the drop is at least `min_drop`.
struct Tier {
  Percent min_drop;
  Quantity qty;
};

struct DrawdownReading {
  Money price;         // The latest close.
  Date price_session;  // The session of that close.
  Money high;          // The highest price in the window.
  Date high_session;   // The (latest) session where that high was set.
  Percent drop;        // (high - price) / high, in percent, rounded to 1/10,000 %.
};

// Reads the drawdown over `window` (ascending, completed sessions; the last bar is the current
// price). With kHigh, a bar without a high contributes its close.
// REQUIRES: window is non-empty and every price is positive.
DrawdownReading read_drawdown(std::span<const DailyBar> window, HighBasis basis);

// The highest tier whose min_drop the drop from `high` to `price` reaches, decided exactly
// (not from the rounded percent). nullopt when below the first tier.
// REQUIRES: tiers sorted by strictly increasing min_drop; high is positive.
std::optional<Tier> reached_tier(const std::vector<Tier>& tiers, Money high, Money price);

}  // namespace stratus
