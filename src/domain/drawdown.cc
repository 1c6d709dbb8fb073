#include "domain/drawdown.h"

namespace stratus {

DrawdownReading read_drawdown(std::span<const DailyBar> window, HighBasis basis) {
  const DailyBar& last = window.back();
  DrawdownReading r;
  r.price = last.close;
  r.price_session = last.session;
  r.high = Money{};
  for (const DailyBar& bar : window) {
    Money candidate = bar.close;
    if (basis == HighBasis::kHigh && bar.high && *bar.high > candidate) candidate = *bar.high;
    if (candidate >= r.high) {
      r.high = candidate;
      r.high_session = bar.session;
    }
  }
  r.drop = Percent::drop(r.high, r.price);
  return r;
}

std::optional<Tier> reached_tier(const std::vector<Tier>& tiers, Money high, Money price) {
  std::optional<Tier> best;
  for (const Tier& tier : tiers) {
    if (tier.min_drop.reached_by(high, price)) best = tier;
  }
  return best;
}

}  // namespace stratus
