// SMA, EMA and WMA with TA-Lib 0.4.0's arithmetic (ta_SMA.c TA_INT_SMA, ta_EMA.c TA_INT_EMA,
// ta_WMA.c), batch and streaming.
#include <cassert>
#include <cstdint>

#include "domain/indicators/indicators.h"
#include "domain/indicators/internal.h"

namespace stratus::indicators {

using internal::fill_warmup;
using internal::next_slot;
using internal::per_to_k;

// TA_INT_SMA: a running periodTotal; for each output add the new value, keep the sum, subtract
// the trailing value, then divide the kept sum by the period.
void sma(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  const int lookback = sma_lookback(period);
  if (!fill_warmup(out, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  const std::size_t lb = static_cast<std::size_t>(lookback);
  const double divisor = static_cast<double>(period);
  double total = 0.0;
  for (std::size_t i = 0; i < lb; ++i) total += x[i];
  for (std::size_t i = lb, trailing = 0; i < n; ++i, ++trailing) {
    total += x[i];
    const double sum = total;
    total -= x[trailing];
    out[i] = sum / divisor;
  }
}

SmaStream::SmaStream(int period) : window_(static_cast<std::size_t>(period)), period_(period) {}

double SmaStream::update(double x) {
  total_ += x;
  window_[next_] = x;
  next_ = next_slot(next_, window_.size());
  if (++count_ < period_) return kNoValue;
  const double sum = total_;
  total_ -= window_[next_];  // The oldest input of the window just completed.
  return sum / static_cast<double>(period_);
}

// TA_INT_EMA with TA_COMPATIBILITY_DEFAULT: the seed is the sum of the first `period` inputs
// divided by the period; then prev = ((x - prev) * k) + prev.
void ema(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  const int lookback = ema_lookback(period);
  if (!fill_warmup(out, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  const std::size_t lb = static_cast<std::size_t>(lookback);
  const double k = per_to_k(period);
  double sum = 0.0;
  for (std::size_t i = 0; i <= lb; ++i) sum += x[i];
  double prev = sum / static_cast<double>(period);
  out[lb] = prev;
  for (std::size_t i = lb + 1; i < n; ++i) {
    prev = ((x[i] - prev) * k) + prev;
    out[i] = prev;
  }
}

EmaStream::EmaStream(int period) : period_(period), k_(per_to_k(period)) {}

double EmaStream::update(double x) {
  if (count_ >= period_) {
    prev_ = ((x - prev_) * k_) + prev_;
    return prev_;
  }
  sum_ += x;
  if (++count_ < period_) return kNoValue;
  prev_ = sum_ / static_cast<double>(period_);
  return prev_;
}

namespace {

// TA_WMA's divider 1 + 2 + ... + period (computed without TA-Lib's int overflow above 46340).
double wma_divider(int period) {
  const std::int64_t p = period;
  return static_cast<double>((p * (p + 1)) >> 1);
}

}  // namespace

// TA_WMA: periodSum holds sum(w * x) and periodSub sum(x) over the window; each step adds the
// new value p times (periodSum += x * p), divides, then subtracts periodSub, which has itself
// dropped the previous step's trailing value.
void wma(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  const int lookback = wma_lookback(period);
  if (!fill_warmup(out, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  const std::size_t lb = static_cast<std::size_t>(lookback);
  const double divider = wma_divider(period);
  const double weight = static_cast<double>(period);
  double period_sum = 0.0;
  double period_sub = 0.0;
  for (std::size_t i = 0; i < lb; ++i) {
    period_sub += x[i];
    period_sum += x[i] * static_cast<double>(i + 1);
  }
  double trailing_value = 0.0;
  for (std::size_t i = lb, trailing = 0; i < n; ++i, ++trailing) {
    const double v = x[i];
    period_sub += v;
    period_sub -= trailing_value;
    period_sum += v * weight;
    trailing_value = x[trailing];
    out[i] = period_sum / divider;
    period_sum -= period_sub;
  }
}

WmaStream::WmaStream(int period)
    : window_(static_cast<std::size_t>(period)), period_(period), divider_(wma_divider(period)) {}

double WmaStream::update(double x) {
  window_[next_] = x;
  next_ = next_slot(next_, window_.size());
  if (count_ < period_ - 1) {
    ++count_;
    period_sub_ += x;
    period_sum_ += x * static_cast<double>(count_);
    return kNoValue;
  }
  ++count_;
  period_sub_ += x;
  period_sub_ -= trailing_;
  period_sum_ += x * static_cast<double>(period_);
  trailing_ = window_[next_];  // The oldest input of the window just completed.
  const double value = period_sum_ / divider_;
  period_sum_ -= period_sub_;
  return value;
}

}  // namespace stratus::indicators
