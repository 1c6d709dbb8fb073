// Batch and streaming forms give the same bits, on random walks of several lengths (shorter than
// the warm-up, around it, and long) for every indicator of the suite and extra parameters.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "domain/indicators/indicator_suite.h"
#include "domain/indicators/indicators.h"

namespace stratus::indicators {
namespace {

struct Walk {
  std::vector<double> high, low, close, volume;
  suite::Inputs inputs() const { return {high, low, close, volume}; }
};

// A positive random walk with a bar's high/low around its close, rounded to cents like prices.
Walk random_walk(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.02);
  std::uniform_real_distribution<double> spread(0.0, 0.03);
  std::uniform_int_distribution<int> shares(0, 5'000'000);
  Walk w;
  double price = 50.0;
  for (std::size_t i = 0; i < n; ++i) {
    price *= std::exp(step(rng));
    const double close = std::round(price * 100.0) / 100.0;
    w.close.push_back(close);
    w.high.push_back(std::round(close * (1.0 + spread(rng)) * 100.0) / 100.0);
    w.low.push_back(std::round(close * (1.0 - spread(rng)) * 100.0) / 100.0);
    w.volume.push_back(shares(rng));
  }
  return w;
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

void expect_identical(const std::vector<suite::Named>& batch,
                      const std::vector<suite::Named>& stream, const std::string& what) {
  ASSERT_EQ(batch.size(), stream.size());
  for (std::size_t k = 0; k < batch.size(); ++k) {
    ASSERT_EQ(batch[k].name, stream[k].name);
    ASSERT_EQ(batch[k].values.size(), stream[k].values.size());
    for (std::size_t i = 0; i < batch[k].values.size(); ++i) {
      const double b = batch[k].values[i], s = stream[k].values[i];
      if (std::isnan(b) && std::isnan(s)) continue;
      ASSERT_TRUE(same_bits(b, s))
          << what << " " << batch[k].name << " row " << i << ": batch " << b << " stream " << s;
    }
  }
}

TEST(BatchStream, SuiteOnRandomWalks) {
  for (std::size_t n : {0, 1, 2, 5, 25, 26, 33, 34, 200, 251, 252, 253, 1259, 5000}) {
    const Walk w = random_walk(n, 1000 + n);
    expect_identical(suite::batch(w.inputs()), suite::stream(w.inputs()), "n=" + std::to_string(n));
  }
}

// Each single-series indicator with further periods, including the smallest ones.
TEST(BatchStream, MorePeriods) {
  const Walk w = random_walk(3000, 42);
  const std::size_t n = w.close.size();
  auto check = [&](const std::vector<double>& batch, auto&& next, const std::string& what) {
    for (std::size_t i = 0; i < n; ++i) {
      const double s = next(i);
      if (std::isnan(batch[i]) && std::isnan(s)) continue;
      ASSERT_TRUE(same_bits(batch[i], s)) << what << " row " << i << ": " << batch[i] << " " << s;
    }
  };
  std::vector<double> out(n);
  for (int p : {2, 3, 7, 64, 1000, 2999, 3000, 3001}) {
    const std::string tag = std::to_string(p);
    sma(w.close, p, out);
    SmaStream sma_s(p);
    check(
        out, [&](std::size_t i) { return sma_s.update(w.close[i]); }, "sma " + tag);
    ema(w.close, p, out);
    EmaStream ema_s(p);
    check(
        out, [&](std::size_t i) { return ema_s.update(w.close[i]); }, "ema " + tag);
    wma(w.close, p, out);
    WmaStream wma_s(p);
    check(
        out, [&](std::size_t i) { return wma_s.update(w.close[i]); }, "wma " + tag);
    rsi(w.close, p, out);
    RsiStream rsi_s(p);
    check(
        out, [&](std::size_t i) { return rsi_s.update(w.close[i]); }, "rsi " + tag);
    roc(w.close, p, out);
    RocStream roc_s(p);
    check(
        out, [&](std::size_t i) { return roc_s.update(w.close[i]); }, "roc " + tag);
    atr(w.high, w.low, w.close, p, out);
    AtrStream atr_s(p);
    check(
        out, [&](std::size_t i) { return atr_s.update(w.high[i], w.low[i], w.close[i]); },
        "atr " + tag);
    highest(w.close, p, out);
    HighestStream hi_s(p);
    check(
        out, [&](std::size_t i) { return hi_s.update(w.close[i]); }, "highest " + tag);
    lowest(w.close, p, out);
    LowestStream lo_s(p);
    check(
        out, [&](std::size_t i) { return lo_s.update(w.close[i]); }, "lowest " + tag);
    drop_from_high(w.high, w.close, p, out);
    DropFromHighStream drop_s(p);
    check(
        out, [&](std::size_t i) { return drop_s.update(w.high[i], w.close[i]); }, "drop " + tag);
    std::vector<double> up(n), mid(n), low(n);
    bbands(w.close, p, 2.0, 1.0, {up, mid, low});
    BbandsStream bb_s(p, 2.0, 1.0);
    std::vector<BandsValue> bb(n);
    for (std::size_t i = 0; i < n; ++i) bb[i] = bb_s.update(w.close[i]);
    check(
        up, [&](std::size_t i) { return bb[i].upper; }, "bbands upper " + tag);
    check(
        mid, [&](std::size_t i) { return bb[i].middle; }, "bbands middle " + tag);
    check(
        low, [&](std::size_t i) { return bb[i].lower; }, "bbands lower " + tag);
  }
  for (int p : {1}) {  // The periods only ATR, ROC and the drop accept.
    atr(w.high, w.low, w.close, p, out);
    AtrStream atr_s(p);
    check(
        out, [&](std::size_t i) { return atr_s.update(w.high[i], w.low[i], w.close[i]); }, "atr 1");
    roc(w.close, p, out);
    RocStream roc_s(p);
    check(
        out, [&](std::size_t i) { return roc_s.update(w.close[i]); }, "roc 1");
  }
  for (const suite::MacdParams m :
       {suite::MacdParams{2, 3, 1}, {2, 3, 2}, {9, 10, 50}, {12, 26, 9}, {100, 1500, 1600}}) {
    std::vector<double> line(n), signal(n), hist(n);
    macd(w.close, m.fast, m.slow, m.signal, {line, signal, hist});
    MacdStream s(m.fast, m.slow, m.signal);
    std::vector<MacdValue> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = s.update(w.close[i]);
    const std::string tag = suite::macd_name(m);
    check(
        line, [&](std::size_t i) { return v[i].line; }, tag + " line");
    check(
        signal, [&](std::size_t i) { return v[i].signal; }, tag + " signal");
    check(
        hist, [&](std::size_t i) { return v[i].histogram; }, tag + " hist");
  }
}

}  // namespace
}  // namespace stratus::indicators
