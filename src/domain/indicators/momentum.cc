// RSI, ROC and MACD with TA-Lib 0.4.0's arithmetic (ta_RSI.c, ta_ROC.c, ta_MACD.c), batch and
// streaming.
#include <cassert>
#include <cstdint>

#include "domain/indicators/indicators.h"
#include "domain/indicators/internal.h"

namespace stratus::indicators {

using internal::fill_warmup;
using internal::is_zero;
using internal::next_slot;
using internal::per_to_k;

namespace {

// One change of the RSI: a fall adds to the losses, anything else to the gains (ta_RSI.c).
inline void accumulate_change(double change, double& gain, double& loss) {
  if (change < 0) {
    loss -= change;
  } else {
    gain += change;
  }
}

// Wilder's smoothing step of ta_RSI.c: multiply by period - 1, add today's change, divide by
// the period (losses first, as TA-Lib).
inline void smooth_change(double change, double period, double period_less_one, double& gain,
                          double& loss) {
  loss *= period_less_one;
  gain *= period_less_one;
  accumulate_change(change, gain, loss);
  loss /= period;
  gain /= period;
}

// 100 * gain / (gain + loss); 0 when the sum is TA_IS_ZERO.
inline double rsi_value(double gain, double loss) {
  const double sum = gain + loss;
  return is_zero(sum) ? 0.0 : 100.0 * (gain / sum);
}

// TA_ROC: ((x / prev) - 1) * 100, 0 when prev is 0.
inline double roc_value(double x, double prev) {
  return prev != 0.0 ? ((x / prev) - 1.0) * 100.0 : 0.0;
}

}  // namespace

// TA_RSI (default compatibility, no unstable period): gains and losses of inputs 1..period are
// summed and divided by the period for the first output (row `period`), then smoothed.
void rsi(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  const int lookback = rsi_lookback(period);
  if (!fill_warmup(out, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  const std::size_t p = static_cast<std::size_t>(period);
  const double divisor = static_cast<double>(period);
  const double multiplier = static_cast<double>(period - 1);
  double gain = 0.0;
  double loss = 0.0;
  double prev = x[0];
  for (std::size_t i = 1; i <= p; ++i) {
    accumulate_change(x[i] - prev, gain, loss);
    prev = x[i];
  }
  loss /= divisor;
  gain /= divisor;
  out[p] = rsi_value(gain, loss);
  for (std::size_t i = p + 1; i < n; ++i) {
    const double v = x[i];
    smooth_change(v - prev, divisor, multiplier, gain, loss);
    prev = v;
    out[i] = rsi_value(gain, loss);
  }
}

RsiStream::RsiStream(int period) : period_(period) {}

double RsiStream::update(double x) {
  const double change = x - prev_value_;
  const std::int64_t i = count_++;
  if (i == 0) {
    prev_value_ = x;
    return kNoValue;
  }
  prev_value_ = x;
  if (i > period_) {
    smooth_change(change, static_cast<double>(period_), static_cast<double>(period_ - 1),
                  prev_gain_, prev_loss_);
    return rsi_value(prev_gain_, prev_loss_);
  }
  accumulate_change(change, prev_gain_, prev_loss_);
  if (i < period_) return kNoValue;
  prev_loss_ /= static_cast<double>(period_);
  prev_gain_ /= static_cast<double>(period_);
  return rsi_value(prev_gain_, prev_loss_);
}

void roc(std::span<const double> in, int period, std::span<double> out) {
  assert(out.size() == in.size());
  const int lookback = roc_lookback(period);
  if (!fill_warmup(out, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  for (std::size_t i = static_cast<std::size_t>(period), trailing = 0; i < n; ++i, ++trailing) {
    out[i] = roc_value(x[i], x[trailing]);
  }
}

RocStream::RocStream(int period) : window_(static_cast<std::size_t>(period)) {}

double RocStream::update(double x) {
  const double prev = window_[next_];  // The input `period` rows back, once there is one.
  window_[next_] = x;
  next_ = next_slot(next_, window_.size());
  if (count_++ < static_cast<std::int64_t>(window_.size())) return kNoValue;
  return roc_value(x, prev);
}

// TA_MACD: both EMAs (k = PER_TO_K) are computed by TA_INT_EMA from start index slow - 1, so the
// slow one is seeded with the mean of inputs [0, slow - 1] and the fast one with the mean of
// inputs [slow - fast, slow - 1]; the line is fast - slow from row slow - 1. The signal is
// TA_INT_EMA over the line, seeded with the mean of its first `signal` values; histogram =
// line - signal. Signal period 1 gives signal == line (TA_MACDEXT with TA_MA period 1; TA_MACD
// itself reads outside its buffer in that case).
void macd(std::span<const double> in, int fast, int slow, int signal, MacdOut out) {
  assert(out.line.size() == in.size() && out.signal.size() == in.size() &&
         out.histogram.size() == in.size());
  const int lookback = macd_lookback(fast, slow, signal);
  fill_warmup(out.line, lookback);
  fill_warmup(out.signal, lookback);
  if (!fill_warmup(out.histogram, lookback)) return;
  const double* x = in.data();
  const std::size_t n = in.size();
  const std::size_t first_line = static_cast<std::size_t>(slow - 1);
  const std::size_t first_out = static_cast<std::size_t>(lookback);
  const double k_fast = per_to_k(fast);
  const double k_slow = per_to_k(slow);
  double slow_ema = 0.0;
  for (std::size_t i = 0; i <= first_line; ++i) slow_ema += x[i];
  double fast_ema = 0.0;
  for (std::size_t i = static_cast<std::size_t>(slow - fast); i <= first_line; ++i) {
    fast_ema += x[i];
  }
  slow_ema /= static_cast<double>(slow);
  fast_ema /= static_cast<double>(fast);
  double line = fast_ema - slow_ema;

  if (signal == 1) {
    for (std::size_t i = first_line;;) {
      out.line[i] = line;
      out.signal[i] = line;
      out.histogram[i] = line - line;
      if (++i == n) return;
      fast_ema = ((x[i] - fast_ema) * k_fast) + fast_ema;
      slow_ema = ((x[i] - slow_ema) * k_slow) + slow_ema;
      line = fast_ema - slow_ema;
    }
  }

  // The signal's seed: the sum of the first `signal` lines, in order, from 0.
  double signal_ema = 0.0;
  signal_ema += line;
  for (std::size_t i = first_line + 1; i <= first_out; ++i) {
    fast_ema = ((x[i] - fast_ema) * k_fast) + fast_ema;
    slow_ema = ((x[i] - slow_ema) * k_slow) + slow_ema;
    line = fast_ema - slow_ema;
    signal_ema += line;
  }
  signal_ema /= static_cast<double>(signal);
  const double k_signal = per_to_k(signal);
  for (std::size_t i = first_out;;) {
    out.line[i] = line;
    out.signal[i] = signal_ema;
    out.histogram[i] = line - signal_ema;
    if (++i == n) return;
    fast_ema = ((x[i] - fast_ema) * k_fast) + fast_ema;
    slow_ema = ((x[i] - slow_ema) * k_slow) + slow_ema;
    line = fast_ema - slow_ema;
    signal_ema = ((line - signal_ema) * k_signal) + signal_ema;
  }
}

MacdStream::MacdStream(int fast, int slow, int signal)
    : fast_(fast),
      slow_(slow),
      signal_(signal),
      k_fast_(per_to_k(fast)),
      k_slow_(per_to_k(slow)),
      k_signal_(per_to_k(signal)) {}

MacdValue MacdStream::update(double x) {
  const std::int64_t i = count_++;
  const std::int64_t first_line = slow_ - 1;
  if (i < first_line) {
    // Seeding: the slow EMA sums every input, the fast one those from row slow - fast.
    slow_ema_ += x;
    if (i >= slow_ - fast_) fast_ema_ += x;
    return {};
  }
  if (i == first_line) {
    slow_ema_ += x;
    fast_ema_ += x;
    slow_ema_ /= static_cast<double>(slow_);
    fast_ema_ /= static_cast<double>(fast_);
  } else {
    fast_ema_ = ((x - fast_ema_) * k_fast_) + fast_ema_;
    slow_ema_ = ((x - slow_ema_) * k_slow_) + slow_ema_;
  }
  const double line = fast_ema_ - slow_ema_;
  if (signal_ == 1) return {line, line, line - line};
  const std::int64_t first_out = first_line + signal_ - 1;
  if (i < first_out) {
    signal_ema_ += line;
    return {};
  }
  if (i == first_out) {
    signal_ema_ += line;
    signal_ema_ /= static_cast<double>(signal_);
  } else {
    signal_ema_ = ((line - signal_ema_) * k_signal_) + signal_ema_;
  }
  return {line, signal_ema_, line - signal_ema_};
}

}  // namespace stratus::indicators
