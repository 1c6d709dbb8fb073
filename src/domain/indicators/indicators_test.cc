// Hand-computed cases per indicator: warm-up rows, values, period edge cases.
#include "domain/indicators/indicators.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace stratus::indicators {
namespace {

using Series = std::vector<double>;

// Expects `got` to be NaN in the first `lookback` rows and near `want` elsewhere.
void expect_series(const Series& got, const Series& want, int lookback) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (static_cast<int>(i) < lookback) {
      EXPECT_TRUE(std::isnan(got[i])) << "row " << i << " = " << got[i];
    } else {
      EXPECT_NEAR(got[i], want[i], 1e-12) << "row " << i;
    }
  }
}

Series run(void (*fn)(std::span<const double>, int, std::span<double>), const Series& in,
           int period) {
  Series out(in.size(), -1.0);
  fn(in, period, out);
  return out;
}

constexpr double kNaN = kNoValue;

TEST(Lookbacks, AreTaLibs) {
  EXPECT_EQ(sma_lookback(20), 19);
  EXPECT_EQ(ema_lookback(12), 11);
  EXPECT_EQ(wma_lookback(10), 9);
  EXPECT_EQ(rsi_lookback(14), 14);
  EXPECT_EQ(macd_lookback(12, 26, 9), 33);
  EXPECT_EQ(macd_lookback(3, 10, 1), 9);
  EXPECT_EQ(bbands_lookback(20), 19);
  EXPECT_EQ(atr_lookback(14), 14);
  EXPECT_EQ(atr_lookback(1), 1);
  EXPECT_EQ(extreme_lookback(252), 251);
  EXPECT_EQ(roc_lookback(10), 10);
  EXPECT_EQ(drop_lookback(1), 0);
}

TEST(Sma, OneToFive) {
  // SMA(3) of 1..5: (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4.
  expect_series(run(sma, {1, 2, 3, 4, 5}, 3), {kNaN, kNaN, 2, 3, 4}, 2);
  // SMA(5) of 1..5: 15/5 = 3 only in the last row.
  expect_series(run(sma, {1, 2, 3, 4, 5}, 5), {kNaN, kNaN, kNaN, kNaN, 3}, 4);
}

TEST(Sma, ShorterThanPeriodIsAllNoValue) {
  expect_series(run(sma, {1, 2}, 3), {kNaN, kNaN}, 2);
  expect_series(run(sma, {}, 3), {}, 2);
}

TEST(Ema, SeededWithSmaThenSmoothed) {
  // EMA(3), k = 2/4 = 0.5: seed (1+2+3)/3 = 2; (10-2)*0.5+2 = 6; (4-6)*0.5+6 = 5.
  expect_series(run(ema, {1, 2, 3, 10, 4}, 3), {kNaN, kNaN, 2, 6, 5}, 2);
  // EMA(2), k = 2/3: seed (3+5)/2 = 4; (8-4)*2/3+4 = 20/3.
  expect_series(run(ema, {3, 5, 8}, 2), {kNaN, 4, 20.0 / 3.0}, 1);
}

TEST(Wma, WeightsOneToPeriod) {
  // WMA(3), divider 6: (1*1+2*2+3*3)/6 = 14/6; (2+6+30)/6 = 38/6; (3+20+12)/6 = 35/6.
  expect_series(run(wma, {1, 2, 3, 10, 4}, 3), {kNaN, kNaN, 14.0 / 6, 38.0 / 6, 35.0 / 6}, 2);
}

TEST(Rsi, WilderSmoothing) {
  // RSI(2) of 1,2,3,2,4: changes +1,+1,-1,+2.
  // Row 2: gain (1+1)/2 = 1, loss 0 -> 100.
  // Row 3: gain (1*1+0)/2 = 0.5, loss (0*1+1)/2 = 0.5 -> 50.
  // Row 4: gain (0.5+2)/2 = 1.25, loss (0.5+0)/2 = 0.25 -> 100*1.25/1.5 = 250/3.
  expect_series(run(rsi, {1, 2, 3, 2, 4}, 2), {kNaN, kNaN, 100, 50, 250.0 / 3}, 2);
}

TEST(Rsi, ConstantSeriesIsZero) {
  const Series out = run(rsi, Series(30, 42.5), 14);
  expect_series(out, Series(30, 0.0), 14);
}

TEST(Rsi, OnlyFallsIsZeroOnlyRisesIsHundred) {
  expect_series(run(rsi, {5, 4, 3, 2}, 2), {kNaN, kNaN, 0, 0}, 2);
  expect_series(run(rsi, {2, 3, 4, 5}, 2), {kNaN, kNaN, 100, 100}, 2);
}

TEST(Roc, PercentChange) {
  // ROC(1): (110/100-1)*100 = 10; (99/110-1)*100 = -10.
  expect_series(run(roc, {100, 110, 99}, 1), {kNaN, 10, -10}, 1);
  // ROC(2): (99/100-1)*100 = -1.
  expect_series(run(roc, {100, 110, 99}, 2), {kNaN, kNaN, -1}, 2);
  // A zero base gives 0, as TA-Lib.
  expect_series(run(roc, {0, 5}, 1), {kNaN, 0}, 1);
}

TEST(Macd, HandComputed) {
  // MACD(2, 3, 2) of 1,2,3,4,8. k_fast = 2/3, k_slow = 1/2, k_signal = 2/3.
  // Row 2: slow seed (1+2+3)/3 = 2, fast seed (2+3)/2 = 2.5 -> line 0.5.
  // Row 3: fast (4-2.5)*2/3+2.5 = 3.5, slow (4-2)/2+2 = 3 -> line 0.5; signal seed
  //        (0.5+0.5)/2 = 0.5; histogram 0.
  // Row 4: fast (8-3.5)*2/3+3.5 = 6.5, slow (8-3)/2+3 = 5.5 -> line 1; signal
  //        (1-0.5)*2/3+0.5 = 5/6; histogram 1/6.
  const Series in = {1, 2, 3, 4, 8};
  Series line(5), signal(5), hist(5);
  macd(in, 2, 3, 2, {line, signal, hist});
  const int lookback = macd_lookback(2, 3, 2);
  ASSERT_EQ(lookback, 3);
  expect_series(line, {kNaN, kNaN, kNaN, 0.5, 1}, lookback);
  expect_series(signal, {kNaN, kNaN, kNaN, 0.5, 5.0 / 6}, lookback);
  expect_series(hist, {kNaN, kNaN, kNaN, 0, 1.0 / 6}, lookback);
}

TEST(Macd, SignalOneIsTheLine) {
  const Series in = {1, 2, 3, 4, 8};
  Series line(5), signal(5), hist(5);
  macd(in, 2, 3, 1, {line, signal, hist});
  expect_series(line, {kNaN, kNaN, 0.5, 0.5, 1}, 2);
  expect_series(signal, {kNaN, kNaN, 0.5, 0.5, 1}, 2);
  expect_series(hist, {kNaN, kNaN, 0, 0, 0}, 2);
}

TEST(Bbands, HandComputed) {
  // BBANDS(3, 2, 1) of 1,2,3: middle 2; variance (1+4+9)/3 - 4 = 2/3; sd = sqrt(2/3).
  const Series in = {1, 2, 3};
  Series up(3), mid(3), low(3);
  bbands(in, 3, 2.0, 1.0, {up, mid, low});
  const double sd = std::sqrt(2.0 / 3.0);
  expect_series(mid, {kNaN, kNaN, 2}, 2);
  expect_series(up, {kNaN, kNaN, 2 + 2 * sd}, 2);
  expect_series(low, {kNaN, kNaN, 2 - sd}, 2);
}

TEST(Bbands, ConstantSeriesHasZeroDeviation) {
  // 100 and its square are exact: the variance is exactly 0, so the bands meet the middle.
  const Series in(25, 100.0);
  Series up(25), mid(25), low(25);
  bbands(in, 20, 2.0, 2.0, {up, mid, low});
  for (int i = 19; i < 25; ++i) {
    EXPECT_EQ(mid[i], 100.0) << i;
    EXPECT_EQ(up[i], 100.0) << i;
    EXPECT_EQ(low[i], 100.0) << i;
  }
}

TEST(Bbands, ConstantSeriesKeepsTaLibsRoundingNoise) {
  // 101.37 is not exact in binary: mean(x^2) - mean(x)^2 rounds to ~9e-12, above TA-Lib's
  // 1e-14 cut-off, so TA-Lib (and this library) report sd ~3e-6 rather than 0.
  const Series in(25, 101.37);
  Series up(25), mid(25), low(25);
  bbands(in, 20, 2.0, 2.0, {up, mid, low});
  for (int i = 19; i < 25; ++i) {
    EXPECT_NEAR(mid[i], 101.37, 1e-12) << i;
    EXPECT_GT(up[i] - mid[i], 0.0) << i;
    EXPECT_LT(up[i] - mid[i], 1e-5) << i;
  }
}

TEST(Atr, HandComputed) {
  // Bars (high, low, close): (10,8,9) (11,9,10) (12,9,11) (11,10,10.5).
  // TR1 = max(11-9, |9-11|, |9-9|) = 2; TR2 = max(12-9, |10-12|, |10-9|) = 3;
  // TR3 = max(11-10, |11-11|, |11-10|) = 1.
  // ATR(2): row 2 = (2+3)/2 = 2.5; row 3 = (2.5*1+1)/2 = 1.75.
  const Series h = {10, 11, 12, 11}, l = {8, 9, 9, 10}, c = {9, 10, 11, 10.5};
  Series out(4);
  atr(h, l, c, 2, out);
  expect_series(out, {kNaN, kNaN, 2.5, 1.75}, 2);
  // ATR(1) is the true range.
  atr(h, l, c, 1, out);
  expect_series(out, {kNaN, 2, 3, 1}, 1);
}

TEST(Atr, GapUsesPreviousClose) {
  // TR = max(15-14, |9.5-15|, |9.5-14|) = 5.5.
  const Series h = {10, 15}, l = {9, 14}, c = {9.5, 14.5};
  Series out(2);
  atr(h, l, c, 1, out);
  expect_series(out, {kNaN, 5.5}, 1);
}

TEST(Extremes, HighestLowest) {
  const Series in = {3, 1, 4, 1, 5, 9, 2, 6};
  expect_series(run(highest, in, 3), {kNaN, kNaN, 4, 4, 5, 9, 9, 9}, 2);
  expect_series(run(lowest, in, 3), {kNaN, kNaN, 1, 1, 1, 1, 2, 2}, 2);
  expect_series(run(highest, in, 8), {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, 9}, 7);
}

TEST(DropFromHigh, HandComputed) {
  const Series h = {10, 12, 11, 9}, c = {9, 11, 10, 8};
  Series out(4);
  // Period 3: row 2 H = 12, (12-10)/12*100 = 50/3; row 3 H = 12, (12-8)/12*100 = 100/3.
  drop_from_high(h, c, 3, out);
  expect_series(out, {kNaN, kNaN, 50.0 / 3, 100.0 / 3}, 2);
  // Period 1: H = that row's high: 10, 100/12, 100/11, 100/9.
  drop_from_high(h, c, 1, out);
  expect_series(out, {10, 100.0 / 12, 100.0 / 11, 100.0 / 9}, 0);
}

TEST(Streams, WarmUpThenValues) {
  SmaStream s(3);
  EXPECT_TRUE(std::isnan(s.update(1)));
  EXPECT_TRUE(std::isnan(s.update(2)));
  EXPECT_EQ(s.update(3), 2.0);
  EXPECT_EQ(s.update(4), 3.0);
  RsiStream r(2);
  EXPECT_TRUE(std::isnan(r.update(1)));
  EXPECT_TRUE(std::isnan(r.update(2)));
  EXPECT_EQ(r.update(3), 100.0);
  EXPECT_EQ(r.update(2), 50.0);
  AtrStream a(1);
  EXPECT_TRUE(std::isnan(a.update(10, 8, 9)));
  EXPECT_EQ(a.update(11, 9, 10), 2.0);
  MacdStream m(2, 3, 1);
  EXPECT_TRUE(std::isnan(m.update(1).line));
  EXPECT_TRUE(std::isnan(m.update(2).signal));
  const MacdValue v = m.update(3);
  EXPECT_EQ(v.line, 0.5);
  EXPECT_EQ(v.signal, 0.5);
  EXPECT_EQ(v.histogram, 0.0);
  DropFromHighStream d(1);
  EXPECT_EQ(d.update(10, 9), 10.0);
}

}  // namespace
}  // namespace stratus::indicators
