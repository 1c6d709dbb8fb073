#include "backtest/account_metrics.h"

namespace stratus {

std::vector<EquityPoint> equity_points(std::span<const AccountDay> days) {
  std::vector<EquityPoint> points;
  points.reserve(days.size());
  for (const AccountDay& day : days) points.push_back({day.session, day.equity, day.flow});
  return points;
}

AccountMeasures measure_account(std::span<const AccountDay> days, std::span<const Fill> fills,
                                double risk_free_rate) {
  AccountMeasures out;
  const std::vector<EquityPoint> points = equity_points(days);
  out.performance = measure(points, risk_free_rate);
  out.buys = fills.size();
  for (const Fill& fill : fills) {
    out.shares_bought += fill.qty.shares();
    out.commissions += fill.commission;
  }
  double idle_sum = 0;
  std::size_t counted = 0;
  for (const AccountDay& day : days) {
    if (!day.equity.is_positive()) continue;
    idle_sum += static_cast<double>(day.cash.units()) / static_cast<double>(day.equity.units());
    ++counted;
  }
  out.cash_idle = counted > 0 ? idle_sum / static_cast<double>(counted) : 0.0;
  if (!days.empty()) out.final_cash = days.back().cash;
  return out;
}

}  // namespace stratus
