// indicators_bench: throughput of each indicator over the closes (and highs/lows) of every symbol
// of the S&P 500 set ($STRATUS_BENCH_DATA, else ../shared/data/sp500-5yr/all_stocks_5yr.csv.gz
// relative to the source tree, else the bundled data/bars/sp500-16.csv.gz), in three forms that
// a report pairs by name:
//
//   BM_<Indicator>/stratus_batch    the batch form, once per symbol into a reused buffer;
//   BM_<Indicator>/stratus_stream   the streaming form, a new stream per symbol, one update a row;
//   BM_<Indicator>/talib            TA-Lib 0.4.0's C function (the static libraries the npm
//                                   package `talib` builds in tests/tools), when it was found.
//
// items_per_second counts values produced (rows past the warm-up, TA-Lib's outNBElement), the
// same count for the three forms; the counter `values` is that count per iteration. The data is
// loaded once, outside the timing.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bench/sp500_columns.h"
#include "domain/indicators/bar_columns.h"
#include "domain/indicators/indicators.h"

#ifdef STRATUS_HAVE_TALIB
#include "ta_libc.h"
#endif

namespace stratus::indicators {
namespace {

const std::vector<BarColumns>& all_columns() { return bench::sp500_columns("indicators_bench"); }

std::size_t longest() {
  std::size_t n = 0;
  for (const BarColumns& c : all_columns()) n = std::max(n, c.size());
  return n;
}

// Values produced per pass: rows past the lookback over all symbols.
std::int64_t produced(int lookback) {
  std::int64_t total = 0;
  for (const BarColumns& c : all_columns()) {
    if (static_cast<std::int64_t>(c.size()) > lookback) total += c.size() - lookback;
  }
  return total;
}

void finish(benchmark::State& state, int lookback) {
  const std::int64_t values = produced(lookback);
  state.SetItemsProcessed(state.iterations() * values);
  state.counters["values"] = static_cast<double>(values);
}

// One indicator: its lookback and the three forms over one symbol's columns. Each form returns a
// value depending on its outputs so that nothing is optimised away.
struct Indicator {
  const char* name;
  int lookback;
  std::function<double(const BarColumns&, std::vector<double>*)> batch;
  std::function<double(const BarColumns&)> stream;
  std::function<double(const BarColumns&, std::vector<double>*)> talib;  // May be empty.
};

void run_batch(benchmark::State& state, const Indicator& ind) {
  std::vector<double> buffers[3];
  for (auto& b : buffers) b.assign(longest(), 0.0);
  for (auto _ : state) {
    double sink = 0;
    for (const BarColumns& c : all_columns()) sink += ind.batch(c, buffers);
    benchmark::DoNotOptimize(sink);
  }
  finish(state, ind.lookback);
}

void run_stream(benchmark::State& state, const Indicator& ind) {
  for (auto _ : state) {
    double sink = 0;
    for (const BarColumns& c : all_columns()) sink += ind.stream(c);
    benchmark::DoNotOptimize(sink);
  }
  finish(state, ind.lookback);
}

void run_talib(benchmark::State& state, const Indicator& ind) {
  std::vector<double> buffers[3];
  for (auto& b : buffers) b.assign(longest(), 0.0);
  for (auto _ : state) {
    double sink = 0;
    for (const BarColumns& c : all_columns()) sink += ind.talib(c, buffers);
    benchmark::DoNotOptimize(sink);
  }
  finish(state, ind.lookback);
}

// The last value of a series (the batch form's output for the last row).
double last(const std::vector<double>& out, std::size_t n) { return n ? out[n - 1] : 0.0; }

// A single-input, single-output indicator.
template <typename Batch, typename Stream>
Indicator simple(const char* name, int lookback, Batch batch, Stream make_stream) {
  Indicator ind{name, lookback, {}, {}, {}};
  ind.batch = [batch](const BarColumns& c, std::vector<double>* b) {
    std::span<double> out(b[0].data(), c.size());
    batch(c, out);
    return last(b[0], c.size());
  };
  ind.stream = [make_stream](const BarColumns& c) {
    auto s = make_stream();
    double v = 0;
    for (double x : c.close) v = s.update(x);
    return v;
  };
  return ind;
}

#ifdef STRATUS_HAVE_TALIB
// A TA-Lib call over the closes into b[0] (b[1], b[2] for extra outputs).
template <typename Call>
std::function<double(const BarColumns&, std::vector<double>*)> talib(Call call) {
  return [call](const BarColumns& c, std::vector<double>* b) {
    if (c.size() == 0) return 0.0;
    int begin = 0, count = 0;
    call(c, b, &begin, &count);
    return count ? b[0][count - 1] : 0.0;
  };
}
#endif

std::vector<Indicator> indicators() {
  std::vector<Indicator> all;
  all.push_back(simple(
      "Sma", sma_lookback(20),
      [](const BarColumns& c, std::span<double> o) { sma(c.close, 20, o); },
      [] { return SmaStream(20); }));
  all.push_back(simple(
      "Ema", ema_lookback(12),
      [](const BarColumns& c, std::span<double> o) { ema(c.close, 12, o); },
      [] { return EmaStream(12); }));
  all.push_back(simple(
      "Wma", wma_lookback(10),
      [](const BarColumns& c, std::span<double> o) { wma(c.close, 10, o); },
      [] { return WmaStream(10); }));
  all.push_back(simple(
      "Rsi", rsi_lookback(14),
      [](const BarColumns& c, std::span<double> o) { rsi(c.close, 14, o); },
      [] { return RsiStream(14); }));
  all.push_back(simple(
      "Roc", roc_lookback(10),
      [](const BarColumns& c, std::span<double> o) { roc(c.close, 10, o); },
      [] { return RocStream(10); }));
  all.push_back(simple(
      "Max", extreme_lookback(252),
      [](const BarColumns& c, std::span<double> o) { highest(c.close, 252, o); },
      [] { return HighestStream(252); }));
  all.push_back(simple(
      "Min", extreme_lookback(252),
      [](const BarColumns& c, std::span<double> o) { lowest(c.close, 252, o); },
      [] { return LowestStream(252); }));

  Indicator macd_ind{"Macd", macd_lookback(12, 26, 9), {}, {}, {}};
  macd_ind.batch = [](const BarColumns& c, std::vector<double>* b) {
    const std::size_t n = c.size();
    macd(c.close, 12, 26, 9, {{b[0].data(), n}, {b[1].data(), n}, {b[2].data(), n}});
    return last(b[2], n);
  };
  macd_ind.stream = [](const BarColumns& c) {
    MacdStream s(12, 26, 9);
    double v = 0;
    for (double x : c.close) v = s.update(x).histogram;
    return v;
  };
  all.push_back(macd_ind);

  Indicator bands{"Bbands", bbands_lookback(20), {}, {}, {}};
  bands.batch = [](const BarColumns& c, std::vector<double>* b) {
    const std::size_t n = c.size();
    bbands(c.close, 20, 2.0, 2.0, {{b[0].data(), n}, {b[1].data(), n}, {b[2].data(), n}});
    return last(b[0], n);
  };
  bands.stream = [](const BarColumns& c) {
    BbandsStream s(20, 2.0, 2.0);
    double v = 0;
    for (double x : c.close) v = s.update(x).upper;
    return v;
  };
  all.push_back(bands);

  Indicator atr_ind{"Atr", atr_lookback(14), {}, {}, {}};
  atr_ind.batch = [](const BarColumns& c, std::vector<double>* b) {
    atr(c.high, c.low, c.close, 14, {b[0].data(), c.size()});
    return last(b[0], c.size());
  };
  atr_ind.stream = [](const BarColumns& c) {
    AtrStream s(14);
    double v = 0;
    for (std::size_t i = 0; i < c.size(); ++i) v = s.update(c.high[i], c.low[i], c.close[i]);
    return v;
  };
  all.push_back(atr_ind);

  Indicator drop{"DropFromHigh", drop_lookback(252), {}, {}, {}};
  drop.batch = [](const BarColumns& c, std::vector<double>* b) {
    drop_from_high(c.high, c.close, 252, {b[0].data(), c.size()});
    return last(b[0], c.size());
  };
  drop.stream = [](const BarColumns& c) {
    DropFromHighStream s(252);
    double v = 0;
    for (std::size_t i = 0; i < c.size(); ++i) v = s.update(c.high[i], c.close[i]);
    return v;
  };
  all.push_back(drop);

#ifdef STRATUS_HAVE_TALIB
  auto find = [&](const char* name) -> Indicator& {
    for (Indicator& i : all) {
      if (std::string(i.name) == name) return i;
    }
    std::abort();
  };
  using B = std::vector<double>*;
  find("Sma").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_SMA(0, static_cast<int>(c.size()) - 1, c.close.data(), 20, beg, nb, b[0].data());
  });
  find("Ema").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_EMA(0, static_cast<int>(c.size()) - 1, c.close.data(), 12, beg, nb, b[0].data());
  });
  find("Wma").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_WMA(0, static_cast<int>(c.size()) - 1, c.close.data(), 10, beg, nb, b[0].data());
  });
  find("Rsi").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_RSI(0, static_cast<int>(c.size()) - 1, c.close.data(), 14, beg, nb, b[0].data());
  });
  find("Roc").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_ROC(0, static_cast<int>(c.size()) - 1, c.close.data(), 10, beg, nb, b[0].data());
  });
  find("Max").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_MAX(0, static_cast<int>(c.size()) - 1, c.close.data(), 252, beg, nb, b[0].data());
  });
  find("Min").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_MIN(0, static_cast<int>(c.size()) - 1, c.close.data(), 252, beg, nb, b[0].data());
  });
  find("Macd").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_MACD(0, static_cast<int>(c.size()) - 1, c.close.data(), 12, 26, 9, beg, nb, b[0].data(),
            b[1].data(), b[2].data());
  });
  find("Bbands").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_BBANDS(0, static_cast<int>(c.size()) - 1, c.close.data(), 20, 2.0, 2.0, TA_MAType_SMA, beg,
              nb, b[0].data(), b[1].data(), b[2].data());
  });
  find("Atr").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_ATR(0, static_cast<int>(c.size()) - 1, c.high.data(), c.low.data(), c.close.data(), 14, beg,
           nb, b[0].data());
  });
  // TA_MAX of the highs, then (H - close) / H * 100 in place.
  find("DropFromHigh").talib = talib([](const BarColumns& c, B b, int* beg, int* nb) {
    TA_MAX(0, static_cast<int>(c.size()) - 1, c.high.data(), 252, beg, nb, b[0].data());
    double* h = b[0].data();
    const double* close = c.close.data() + *beg;
    for (int i = 0; i < *nb; ++i) h[i] = h[i] != 0.0 ? (h[i] - close[i]) / h[i] * 100.0 : 0.0;
  });
#endif
  return all;
}

}  // namespace
}  // namespace stratus::indicators

int main(int argc, char** argv) {
  using namespace stratus::indicators;
#ifdef STRATUS_HAVE_TALIB
  if (TA_Initialize() != TA_SUCCESS) {
    std::fprintf(stderr, "TA_Initialize failed\n");
    return 1;
  }
#endif
  benchmark::Initialize(&argc, argv);
  static const std::vector<Indicator> all = indicators();
  for (const Indicator& ind : all) {
    const std::string base = std::string("BM_") + ind.name;
    benchmark::RegisterBenchmark((base + "/stratus_batch").c_str(),
                                 [&ind](benchmark::State& s) { run_batch(s, ind); });
    benchmark::RegisterBenchmark((base + "/stratus_stream").c_str(),
                                 [&ind](benchmark::State& s) { run_stream(s, ind); });
    if (ind.talib) {
      benchmark::RegisterBenchmark((base + "/talib").c_str(),
                                   [&ind](benchmark::State& s) { run_talib(s, ind); });
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
