// Bollinger bands over an SMA with TA-Lib 0.4.0's arithmetic (ta_BBANDS.c with MAType SMA:
// TA_INT_SMA for the middle band, TA_INT_stddev_using_precalc_ma from ta_STDDEV.c for the
// deviation), batch and streaming.
#include <cassert>
#include <cmath>
#include <cstdint>

#include "domain/indicators/indicators.h"
#include "domain/indicators/internal.h"

namespace stratus::indicators {

using internal::fill_warmup;
using internal::is_zero_or_negative;
using internal::next_slot;

namespace {

// The deviation from the mean of squares (taken before the trailing square leaves the running
// sum) minus the squared middle band; 0 when TA_IS_ZERO_OR_NEG.
inline double deviation(double mean_of_squares, double middle) {
  const double variance = mean_of_squares - middle * middle;
  return is_zero_or_negative(variance) ? 0.0 : std::sqrt(variance);
}

// TA_BBANDS computes sd * k once per row and adds it to / subtracts it from the middle band;
// its special cases (k == 1, k_up == k_down) give the same bits as this general form.
inline void write_bands(double middle, double sd, double k_up, double k_down, double& upper,
                        double& lower) {
  upper = middle + sd * k_up;
  lower = middle - sd * k_down;
}

}  // namespace

void bbands(std::span<const double> in, int period, double k_up, double k_down, BandsOut out) {
  assert(out.upper.size() == in.size() && out.middle.size() == in.size() &&
         out.lower.size() == in.size());
  const int lookback = bbands_lookback(period);
  fill_warmup(out.upper, lookback);
  fill_warmup(out.middle, lookback);
  if (!fill_warmup(out.lower, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  const std::size_t lb = static_cast<std::size_t>(lookback);
  const double divisor = static_cast<double>(period);
  double total = 0.0;
  double total2 = 0.0;
  for (std::size_t i = 0; i < lb; ++i) total += x[i];
  for (std::size_t i = 0; i < lb; ++i) total2 += x[i] * x[i];
  for (std::size_t i = lb, trailing = 0; i < n; ++i, ++trailing) {
    const double v = x[i];
    const double old = x[trailing];
    total += v;
    const double middle = total / divisor;
    total -= old;
    total2 += v * v;
    const double mean2 = total2 / divisor;
    total2 -= old * old;
    out.middle[i] = middle;
    write_bands(middle, deviation(mean2, middle), k_up, k_down, out.upper[i], out.lower[i]);
  }
}

BbandsStream::BbandsStream(int period, double k_up, double k_down)
    : window_(static_cast<std::size_t>(period)), period_(period), k_up_(k_up), k_down_(k_down) {}

BandsValue BbandsStream::update(double x) {
  total_ += x;
  total2_ += x * x;
  window_[next_] = x;
  next_ = next_slot(next_, window_.size());
  if (++count_ < period_) return {};
  const double old = window_[next_];  // The oldest input of the window just completed.
  const double divisor = static_cast<double>(period_);
  const double middle = total_ / divisor;
  total_ -= old;
  const double mean2 = total2_ / divisor;
  total2_ -= old * old;
  BandsValue value;
  value.middle = middle;
  write_bands(middle, deviation(mean2, middle), k_up_, k_down_, value.upper, value.lower);
  return value;
}

}  // namespace stratus::indicators
