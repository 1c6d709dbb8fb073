// Technical indicators with TA-Lib's definitions (TA-Lib 0.4.0, default "unstable period" 0,
// default compatibility): the same warm-up, the same seeding and the same order of arithmetic,
// so values agree with TA-Lib's C library to the last few bits.
//
// Each indicator has two forms that give identical results (bit for bit):
//  - a batch form over a whole series: out[i] is the value after input i, NaN during warm-up
//    (i < lookback), out.size() == in.size();
//  - a streaming form, updated one input at a time in O(1) time and O(period) memory, whose
//    update() returns the same value the batch form gives at that row (NaN during warm-up).
//
// Inputs must be finite. Periods must lie in the ranges below (TA-Lib's own ranges); callers
// validate them (the rule language does so at config load). Doubles are fine here: indicator
// maths is not money (GUIDE: money and quantities are exact, indicators are not).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "domain/indicators/rolling_extreme.h"

namespace stratus::indicators {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();
inline constexpr int kMaxPeriod = 100000;

// Lookbacks: how many leading inputs have no output (TA-Lib's TA_*_Lookback).
int sma_lookback(int period);                       // period - 1; period 2..100000
int ema_lookback(int period);                       // period - 1; period 2..100000
int wma_lookback(int period);                       // period - 1; period 2..100000
int rsi_lookback(int period);                       // period; period 2..100000
int macd_lookback(int fast, int slow, int signal);  // slow - 1 + signal - 1; fast < slow
int bbands_lookback(int period);                    // period - 1; period 2..100000
int atr_lookback(int period);                       // period; period 1..100000
int extreme_lookback(int period);                   // highest/lowest: period - 1; 2..100000
int roc_lookback(int period);                       // period; period 1..100000
int drop_lookback(int period);                      // period - 1; period 1..100000

// ---- Batch forms ----------------------------------------------------------------------------

// Simple moving average (TA_SMA).
void sma(std::span<const double> in, int period, std::span<double> out);
// Exponential moving average, k = 2 / (period + 1), seeded with the SMA of the first `period`
// inputs (TA_EMA).
void ema(std::span<const double> in, int period, std::span<double> out);
// Linearly weighted moving average, weights 1..period, newest heaviest (TA_WMA).
void wma(std::span<const double> in, int period, std::span<double> out);
// Relative strength index with Wilder's smoothing (TA_RSI): 0..100; 0 when the average gain
// plus average loss is within TA-Lib's TA_IS_ZERO (|x| < TA_EPSILON = 1e-14).
void rsi(std::span<const double> in, int period, std::span<double> out);

// MACD (TA_MACD): line = EMA(fast) - EMA(slow), signal = EMA(signal) of the line, histogram =
// line - signal. As in TA-Lib, the fast EMA is seeded so that both EMAs produce their first
// value at index slow - 1 (its seed is the SMA of inputs [slow - fast, slow - 1]).
// REQUIRES: 2 <= fast < slow <= 100000, 1 <= signal <= 100000 (signal 1: signal == line).
struct MacdOut {
  std::span<double> line;
  std::span<double> signal;
  std::span<double> histogram;
};
void macd(std::span<const double> in, int fast, int slow, int signal, MacdOut out);

// Bollinger bands over an SMA (TA_BBANDS with MAType SMA): middle = SMA(period), the standard
// deviation is the population deviation from the running sums of x and x^2, 0 when the variance
// is below TA-Lib's TA_EPSILON (1e-14; TA_IS_ZERO_OR_NEG); upper = middle + k_up * sd,
// lower = middle - k_down * sd.
struct BandsOut {
  std::span<double> upper;
  std::span<double> middle;
  std::span<double> lower;
};
void bbands(std::span<const double> in, int period, double k_up, double k_down, BandsOut out);

// Average true range with Wilder's smoothing, seeded with the SMA of the first `period` true
// ranges (TA_ATR; period 1 is the true range, TA_TRANGE). The first bar has no true range.
void atr(std::span<const double> high, std::span<const double> low, std::span<const double> close,
         int period, std::span<double> out);

// Highest / lowest value of the last `period` inputs, this one included (TA_MAX / TA_MIN).
void highest(std::span<const double> in, int period, std::span<double> out);
void lowest(std::span<const double> in, int period, std::span<double> out);

// Rate of change in percent: (in[i] / in[i - period] - 1) * 100, 0 when in[i - period] is 0
// (TA_ROC).
void roc(std::span<const double> in, int period, std::span<double> out);

// Drop from the N-session high in percent: (H - close[i]) / H * 100 where H is the highest
// `high` of the last `period` sessions, this one included (the evaluate step's rule; not in
// TA-Lib: it is TA_MAX followed by that arithmetic). 0 when H is 0.
void drop_from_high(std::span<const double> high, std::span<const double> close, int period,
                    std::span<double> out);

// ---- Streaming forms ------------------------------------------------------------------------
// Constructed with valid parameters (see above); update() is O(1).

// Public interface fixed; private state is each class's own (ring buffers, deques, sums).

class SmaStream {
 public:
  explicit SmaStream(int period);
  double update(double x);

 private:
  std::vector<double> window_;  // The last `period` inputs, a ring; next_ is the oldest slot.
  std::size_t next_ = 0;
  std::int64_t count_ = 0;
  int period_;
  double total_ = 0.0;  // TA_INT_SMA's periodTotal.
};
class EmaStream {
 public:
  explicit EmaStream(int period);
  double update(double x);

 private:
  int period_;
  double k_;
  std::int64_t count_ = 0;
  double sum_ = 0.0;  // The seed's running sum, until the first output.
  double prev_ = 0.0;
};
class WmaStream {
 public:
  explicit WmaStream(int period);
  double update(double x);

 private:
  std::vector<double> window_;  // The last `period` inputs, a ring; next_ is the oldest slot.
  std::size_t next_ = 0;
  std::int64_t count_ = 0;
  int period_;
  double divider_;
  double period_sum_ = 0.0;  // TA_WMA's periodSum, periodSub and trailingValue.
  double period_sub_ = 0.0;
  double trailing_ = 0.0;
};
class RsiStream {
 public:
  explicit RsiStream(int period);
  double update(double x);

 private:
  int period_;
  std::int64_t count_ = 0;
  double prev_value_ = 0.0;
  double prev_gain_ = 0.0;
  double prev_loss_ = 0.0;
};
struct MacdValue {
  double line = kNoValue;
  double signal = kNoValue;
  double histogram = kNoValue;
};
class MacdStream {
 public:
  MacdStream(int fast, int slow, int signal);
  MacdValue update(double x);

 private:
  int fast_;
  int slow_;
  int signal_;
  double k_fast_;
  double k_slow_;
  double k_signal_;
  std::int64_t count_ = 0;
  double fast_ema_ = 0.0;  // Seed sums until index slow - 1, then the EMAs.
  double slow_ema_ = 0.0;
  double signal_ema_ = 0.0;  // Seed sum of the first `signal` lines, then the EMA.
};
struct BandsValue {
  double upper = kNoValue;
  double middle = kNoValue;
  double lower = kNoValue;
};
class BbandsStream {
 public:
  BbandsStream(int period, double k_up, double k_down);
  BandsValue update(double x);

 private:
  std::vector<double> window_;  // The last `period` inputs, a ring; next_ is the oldest slot.
  std::size_t next_ = 0;
  std::int64_t count_ = 0;
  int period_;
  double k_up_;
  double k_down_;
  double total_ = 0.0;   // Running sum of x (TA_INT_SMA).
  double total2_ = 0.0;  // Running sum of x * x (TA_INT_stddev_using_precalc_ma).
};
class AtrStream {
 public:
  explicit AtrStream(int period);
  double update(double high, double low, double close);

 private:
  int period_;
  std::int64_t count_ = 0;
  double prev_close_ = 0.0;
  double atr_ = 0.0;  // Seed sum of the first `period` true ranges, then the ATR.
};
// Rolling extremes with a monotonic deque (amortised O(1)), never a rescan of the window.
class HighestStream {
 public:
  explicit HighestStream(int period);
  double update(double x);

 private:
  RollingExtreme<true> window_;
};
class LowestStream {
 public:
  explicit LowestStream(int period);
  double update(double x);

 private:
  RollingExtreme<false> window_;
};
class RocStream {
 public:
  explicit RocStream(int period);
  double update(double x);

 private:
  std::vector<double> window_;  // The last `period` inputs, a ring; next_ is the oldest slot.
  std::size_t next_ = 0;
  std::int64_t count_ = 0;
};
class DropFromHighStream {
 public:
  explicit DropFromHighStream(int period);
  double update(double high, double close);

 private:
  RollingExtreme<true> window_;
};

}  // namespace stratus::indicators
