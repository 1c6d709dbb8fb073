// Ranges with TA-Lib 0.4.0's arithmetic: ATR (ta_ATR.c over ta_TRANGE.c), highest / lowest
// (ta_MAX.c / ta_MIN.c) and the drop from the N-session high (TA_MAX of the highs, then
// (H - close) / H * 100), batch and streaming.
#include <cassert>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "domain/indicators/indicators.h"
#include "domain/indicators/internal.h"

namespace stratus::indicators {

using internal::fill_warmup;

namespace {

// TA_TRANGE: the greatest of high - low, |prev_close - high| and |prev_close - low|, compared in
// that order.
inline double true_range(double high, double low, double prev_close) {
  double greatest = high - low;
  const double to_high = std::fabs(prev_close - high);
  if (to_high > greatest) greatest = to_high;
  const double to_low = std::fabs(prev_close - low);
  if (to_low > greatest) greatest = to_low;
  return greatest;
}

// Wilder's smoothing step of ta_ATR.c: prev *= period - 1; prev += tr; prev /= period.
inline double smooth_atr(double prev, double tr, double period, double period_less_one) {
  prev *= period_less_one;
  prev += tr;
  prev /= period;
  return prev;
}

// (H - close) / H * 100, 0 when H is 0.
inline double drop_value(double high, double close) {
  return high != 0.0 ? (high - close) / high * 100.0 : 0.0;
}

// TA_MAX / TA_MIN's loop: the extreme's index is tracked and the window rescanned only when that
// index leaves it; a value tying the extreme becomes the new extreme. Calls emit(i, extreme) for
// every row i >= period - 1.
template <bool kHighest, typename Emit>
inline void rolling_extreme(const double* x, std::size_t n, int period, Emit emit) {
  const std::ptrdiff_t lookback = period - 1;
  std::ptrdiff_t extreme_idx = -1;
  double extreme = 0.0;
  for (std::ptrdiff_t today = lookback, trailing = 0; today < static_cast<std::ptrdiff_t>(n);
       ++today, ++trailing) {
    const double v = x[today];
    if (extreme_idx < trailing) {
      extreme_idx = trailing;
      extreme = x[trailing];
      for (std::ptrdiff_t i = trailing + 1; i <= today; ++i) {
        const double w = x[i];
        if (kHighest ? w > extreme : w < extreme) {
          extreme_idx = i;
          extreme = w;
        }
      }
    } else if (kHighest ? v >= extreme : v <= extreme) {
      extreme_idx = today;
      extreme = v;
    }
    emit(static_cast<std::size_t>(today), extreme);
  }
}

}  // namespace

void atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         int period, std::span<double> out) {
  assert(high.size() == close.size() && low.size() == close.size() && out.size() == close.size());
  const int lookback = atr_lookback(period);
  if (!fill_warmup(out, lookback)) return;
  const double* h = high.data();
  const double* l = low.data();
  const double* c = close.data();
  const std::size_t n = close.size();
  if (period == 1) {  // TA_TRANGE, no smoothing.
    for (std::size_t i = 1; i < n; ++i) out[i] = true_range(h[i], l[i], c[i - 1]);
    return;
  }
  const std::size_t p = static_cast<std::size_t>(period);
  const double divisor = static_cast<double>(period);
  const double multiplier = static_cast<double>(period - 1);
  // The seed: TA_INT_SMA of the true ranges of rows 1..period.
  double total = 0.0;
  for (std::size_t i = 1; i <= p; ++i) total += true_range(h[i], l[i], c[i - 1]);
  double prev = total / divisor;
  out[p] = prev;
  for (std::size_t i = p + 1; i < n; ++i) {
    prev = smooth_atr(prev, true_range(h[i], l[i], c[i - 1]), divisor, multiplier);
    out[i] = prev;
  }
}

AtrStream::AtrStream(int period) : period_(period) {}

double AtrStream::update(double high, double low, double close) {
  const std::int64_t i = count_++;
  const double prev_close = prev_close_;
  prev_close_ = close;
  if (i == 0) return kNoValue;
  const double tr = true_range(high, low, prev_close);
  if (period_ == 1) return tr;
  if (i > period_) {
    atr_ = smooth_atr(atr_, tr, static_cast<double>(period_), static_cast<double>(period_ - 1));
    return atr_;
  }
  atr_ += tr;
  if (i < period_) return kNoValue;
  atr_ /= static_cast<double>(period_);
  return atr_;
}

void highest(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  if (!fill_warmup(out, extreme_lookback(period))) return;
  double* o = out.data();
  rolling_extreme<true>(in.data(), in.size(), period,
                        [o](std::size_t i, double extreme) { o[i] = extreme; });
}

void lowest(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  if (!fill_warmup(out, extreme_lookback(period))) return;
  double* o = out.data();
  rolling_extreme<false>(in.data(), in.size(), period,
                         [o](std::size_t i, double extreme) { o[i] = extreme; });
}

void drop_from_high(std::span<const double> high, std::span<const double> close, int period,
                    std::span<double> out) {
  assert(high.size() == close.size() && out.size() == close.size());
  if (!fill_warmup(out, drop_lookback(period))) return;
  double* o = out.data();
  const double* c = close.data();
  rolling_extreme<true>(high.data(), high.size(), period,
                        [o, c](std::size_t i, double h) { o[i] = drop_value(h, c[i]); });
}

HighestStream::HighestStream(int period) : window_(period) {}

double HighestStream::update(double x) {
  const double extreme = window_.push(x);
  return window_.count() < window_.period() ? kNoValue : extreme;
}

LowestStream::LowestStream(int period) : window_(period) {}

double LowestStream::update(double x) {
  const double extreme = window_.push(x);
  return window_.count() < window_.period() ? kNoValue : extreme;
}

DropFromHighStream::DropFromHighStream(int period) : window_(period) {}

double DropFromHighStream::update(double high, double close) {
  const double h = window_.push(high);
  return window_.count() < window_.period() ? kNoValue : drop_value(h, close);
}

}  // namespace stratus::indicators
