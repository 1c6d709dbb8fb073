// Performance metrics of an equity curve with external cash flows.
#include "backtest/performance.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace stratus {
namespace {

constexpr double kTradingDays = 252.0;
constexpr double kPeakTolerance = 1e-12;  // Relative fall that counts as still at the peak.
constexpr double kXirrTolerance = 1e-10;
constexpr double kXirrLow = -0.9999;
constexpr double kXirrHigh = 100.0;

double dollars(Money m) { return static_cast<double>(m.units()) / 10000.0; }

// The return of day i (i >= 1), or nullopt when the previous equity is not positive.
std::optional<double> day_return(std::span<const EquityPoint> curve, std::size_t i) {
  const double previous = dollars(curve[i - 1].equity);
  if (previous <= 0) return std::nullopt;
  return (dollars(curve[i].equity) - dollars(curve[i].flow)) / previous - 1.0;
}

// Net present value of `flows` at `rate` (Actual/365 from `start`) and its derivative.
struct Npv {
  double value = 0;
  double slope = 0;
};

Npv npv(std::span<const std::pair<Date, double>> flows, Date start, double rate) {
  Npv out;
  for (const auto& [date, amount] : flows) {
    const double years = static_cast<double>((date - start).count()) / 365.0;
    const double discount = std::pow(1.0 + rate, -years);
    out.value += amount * discount;
    out.slope -= years * amount * discount / (1.0 + rate);
  }
  return out;
}

std::optional<double> newton(std::span<const std::pair<Date, double>> flows, Date start) {
  double rate = 0.1;
  for (int i = 0; i < 100; ++i) {
    const Npv f = npv(flows, start, rate);
    if (f.slope == 0 || !std::isfinite(f.value) || !std::isfinite(f.slope)) return std::nullopt;
    const double next = rate - f.value / f.slope;
    if (!std::isfinite(next) || next < kXirrLow || next > kXirrHigh) return std::nullopt;
    if (std::abs(next - rate) < kXirrTolerance) return next;
    rate = next;
  }
  return std::nullopt;
}

std::optional<double> bisection(std::span<const std::pair<Date, double>> flows, Date start) {
  double low = kXirrLow, high = kXirrHigh;
  double f_low = npv(flows, start, low).value;
  const double f_high = npv(flows, start, high).value;
  if (f_low == 0) return low;
  if (f_high == 0) return high;
  if (std::isnan(f_low) || std::isnan(f_high) || (f_low < 0) == (f_high < 0)) return std::nullopt;
  while (high - low > kXirrTolerance) {
    const double mid = (low + high) / 2;
    const double f_mid = npv(flows, start, mid).value;
    if (std::isnan(f_mid)) return std::nullopt;
    if (f_mid == 0) return mid;
    if ((f_mid < 0) == (f_low < 0)) {
      low = mid;
      f_low = f_mid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}

// Sample standard deviation; exactly 0 when all values are equal, 0 with fewer than two.
double sample_stdev(const std::vector<double>& values, double mean) {
  if (values.size() < 2) return 0;
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  if (*lo == *hi) return 0;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

Drawdown deepest(std::span<const EquityPoint> curve) {
  Drawdown out;
  const std::vector<double> drawdown = drawdown_series(curve);
  const auto trough = std::min_element(drawdown.begin(), drawdown.end());
  if (trough == drawdown.end() || *trough == 0) return out;
  const auto t = static_cast<std::size_t>(trough - drawdown.begin());
  std::size_t peak = t;
  while (drawdown[peak] != 0) --peak;  // drawdown[0] is 0, so this stops.
  out.depth = -*trough;
  out.peak = curve[peak].session;
  out.trough = curve[t].session;
  for (std::size_t i = t + 1; i < curve.size(); ++i) {
    if (drawdown[i] == 0) {
      out.recovery = curve[i].session;
      break;
    }
  }
  return out;
}

}  // namespace

std::vector<double> daily_returns(std::span<const EquityPoint> curve) {
  std::vector<double> out;
  for (std::size_t i = 1; i < curve.size(); ++i) {
    if (const auto r = day_return(curve, i)) out.push_back(*r);
  }
  return out;
}

std::vector<double> growth_index(std::span<const EquityPoint> curve) {
  std::vector<double> out;
  out.reserve(curve.size());
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (i == 0) {
      out.push_back(1.0);
    } else {
      const auto r = day_return(curve, i);
      out.push_back(r ? out.back() * (1.0 + *r) : out.back());
    }
  }
  return out;
}

std::vector<double> drawdown_series(std::span<const EquityPoint> curve) {
  std::vector<double> out;
  out.reserve(curve.size());
  double peak = 0;
  for (double value : growth_index(curve)) {
    peak = std::max(peak, value);
    const double fall = value / peak - 1.0;
    out.push_back(fall > -kPeakTolerance ? 0.0 : fall);
  }
  return out;
}

std::optional<double> xirr(std::span<const std::pair<Date, double>> flows) {
  const bool paid = std::any_of(flows.begin(), flows.end(), [](auto& f) { return f.second < 0; });
  const bool received =
      std::any_of(flows.begin(), flows.end(), [](auto& f) { return f.second > 0; });
  if (!paid || !received) return std::nullopt;
  const auto [first, last] = std::minmax_element(
      flows.begin(), flows.end(), [](auto& a, auto& b) { return a.first < b.first; });
  if (first->first == last->first) return std::nullopt;
  if (const auto rate = newton(flows, first->first)) return rate;
  return bisection(flows, first->first);
}

PerformanceMetrics measure(std::span<const EquityPoint> curve, double risk_free_rate) {
  PerformanceMetrics m;
  m.sessions = static_cast<int>(curve.size());
  if (curve.empty()) return m;

  std::vector<std::pair<Date, double>> flows;
  for (const EquityPoint& p : curve) {
    m.invested += p.flow;
    if (p.flow.units() != 0) flows.emplace_back(p.session, -dollars(p.flow));
  }
  m.final_equity = curve.back().equity;
  m.profit = m.final_equity - m.invested;
  flows.emplace_back(curve.back().session, dollars(m.final_equity));
  m.xirr = xirr(flows);

  m.total_return = growth_index(curve).back() - 1.0;
  const auto days = (curve.back().session - curve.front().session).count();
  if (days > 0) {
    const double growth = 1.0 + m.total_return;
    m.annualised_return =
        growth > 0 ? std::pow(growth, 365.25 / static_cast<double>(days)) - 1.0 : -1.0;
  }
  m.max_drawdown = deepest(curve);

  const std::vector<double> returns = daily_returns(curve);
  if (returns.empty()) return m;
  const double rf_daily = std::pow(1.0 + risk_free_rate, 1.0 / kTradingDays) - 1.0;
  double sum = 0, downside = 0;
  for (double r : returns) {
    sum += r;
    const double shortfall = std::min(0.0, r - rf_daily);
    downside += shortfall * shortfall;
  }
  const auto n = static_cast<double>(returns.size());
  const double mean = sum / n;
  const double stdev = sample_stdev(returns, mean);
  const double excess = mean - rf_daily;
  m.volatility = stdev * std::sqrt(kTradingDays);
  if (stdev > 0) m.sharpe = excess / stdev * std::sqrt(kTradingDays);
  const double downside_deviation = std::sqrt(downside / n);
  if (downside_deviation > 0) m.sortino = excess / downside_deviation * std::sqrt(kTradingDays);
  return m;
}

}  // namespace stratus
