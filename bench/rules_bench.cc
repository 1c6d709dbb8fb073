// rules_bench: an entry filter evaluated at every session of every symbol of the S&P 500 set
// (sp500_columns.h), in the forms a report pairs by name:
//
//   BM_<Rule>/stratus_series   IndicatorTable::series (each distinct indicator once, batch
//                              forms) then Rule::evaluate_series: what `stratus indicators` does;
//   BM_<Rule>/talib            the same decision with TA-Lib 0.4.0's C functions and a loop
//                              written for this one rule (the fastest hand-written equivalent);
//   BM_<Rule>/stratus_last_row the evaluate step's work: for each symbol, the rule at its last
//                              session over the 500 sessions before it (indicator_sessions),
//                              with the streaming forms (items: symbols).
//
// items_per_second counts rule values (sessions) for the first two. Before timing, the two are
// checked to give the same number of true rows for every symbol (exit 1 otherwise).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "bench/sp500_columns.h"
#include "domain/rules/rule.h"

#ifdef STRATUS_HAVE_TALIB
#include "ta_libc.h"
#endif

namespace stratus::rules {
namespace {

using indicators::BarColumns;

constexpr const char* kSimple = "rsi(14) < 35 and close > sma(200) * 0.9";
constexpr const char* kBroad =
    "(macd_hist(12, 26, 9) > 0 and close < bb_lower(20, 2)) or (drop(252) > 20 and rsi(14) < 30)";
constexpr std::size_t kIndicatorSessions = 500;

const std::vector<BarColumns>& all_columns() { return bench::sp500_columns("rules_bench"); }

Rule parse_or_exit(const char* text) {
  auto parsed = Rule::parse(text);
  if (const auto* error = std::get_if<RuleError>(&parsed)) {
    std::fprintf(stderr, "%s: %s\n", text, error->to_string().c_str());
    std::exit(1);
  }
  return std::get<Rule>(std::move(parsed));
}

std::int64_t total_rows() {
  std::int64_t rows = 0;
  for (const BarColumns& c : all_columns()) rows += static_cast<std::int64_t>(c.size());
  return rows;
}

// True rows of `rule` over one symbol.
std::int64_t stratus_true_rows(const Rule& rule, const BarColumns& c, std::vector<double>& out) {
  const IndicatorTable table = IndicatorTable::series(rule.uses(), c);
  out.resize(c.size());
  rule.evaluate_series(table, out);
  std::int64_t count = 0;
  for (double v : out) count += v == 1.0 ? 1 : 0;
  return count;
}

#ifdef STRATUS_HAVE_TALIB
// A TA-Lib output aligned to input rows: NaN before outBegIdx, and everywhere when TA-Lib
// produced nothing (a series shorter than the lookback gives outBegIdx 0, outNBElement 0).
struct Aligned {
  std::vector<double> values;
  void align(int begin, int count) {
    if (count == 0) {
      std::fill(values.begin(), values.end(), std::nan(""));
      return;
    }
    std::copy_backward(values.begin(), values.begin() + count, values.begin() + begin + count);
    std::fill(values.begin(), values.begin() + begin, std::nan(""));
  }
};

std::int64_t talib_simple_true_rows(const BarColumns& c, Aligned& rsi, Aligned& sma) {
  const int n = static_cast<int>(c.size());
  int begin = 0;
  int count = 0;
  rsi.values.resize(c.size());
  sma.values.resize(c.size());
  if (n == 0) return 0;
  TA_RSI(0, n - 1, c.close.data(), 14, &begin, &count, rsi.values.data());
  rsi.align(begin, count);
  TA_SMA(0, n - 1, c.close.data(), 200, &begin, &count, sma.values.data());
  sma.align(begin, count);
  std::int64_t trues = 0;
  for (int i = 0; i < n; ++i) {
    // NaN compares false, so a row still warming up is never true (as the rule's unknown).
    trues += (rsi.values[i] < 35 && c.close[i] > sma.values[i] * 0.9) ? 1 : 0;
  }
  return trues;
}

struct BroadBuffers {
  Aligned macd, signal, hist, upper, middle, lower, high252, rsi;
};

std::int64_t talib_broad_true_rows(const BarColumns& c, BroadBuffers& b) {
  const int n = static_cast<int>(c.size());
  if (n == 0) return 0;
  for (Aligned* a :
       {&b.macd, &b.signal, &b.hist, &b.upper, &b.middle, &b.lower, &b.high252, &b.rsi}) {
    a->values.resize(c.size());
  }
  int begin = 0;
  int count = 0;
  TA_MACD(0, n - 1, c.close.data(), 12, 26, 9, &begin, &count, b.macd.values.data(),
          b.signal.values.data(), b.hist.values.data());
  b.hist.align(begin, count);
  TA_BBANDS(0, n - 1, c.close.data(), 20, 2.0, 2.0, TA_MAType_SMA, &begin, &count,
            b.upper.values.data(), b.middle.values.data(), b.lower.values.data());
  b.lower.align(begin, count);
  TA_MAX(0, n - 1, c.high.data(), 252, &begin, &count, b.high252.values.data());
  b.high252.align(begin, count);
  TA_RSI(0, n - 1, c.close.data(), 14, &begin, &count, b.rsi.values.data());
  b.rsi.align(begin, count);
  std::int64_t trues = 0;
  for (int i = 0; i < n; ++i) {
    const double h = b.high252.values[i];
    const double drop = h == 0.0 ? 0.0 : (h - c.close[i]) / h * 100.0;
    const bool first = b.hist.values[i] > 0 && c.close[i] < b.lower.values[i];
    const bool second = drop > 20 && b.rsi.values[i] < 30;
    trues += (first || second) ? 1 : 0;
  }
  return trues;
}
#endif

void BM_stratus_series(benchmark::State& state, const Rule* rule) {
  std::vector<double> out;
  for (auto _ : state) {
    std::int64_t trues = 0;
    for (const BarColumns& c : all_columns()) trues += stratus_true_rows(*rule, c, out);
    benchmark::DoNotOptimize(trues);
  }
  state.SetItemsProcessed(state.iterations() * total_rows());
}

// The last 500 sessions of `c` as columns (what the evaluate step reads for one symbol).
BarColumns tail(const BarColumns& c, std::size_t count) {
  const std::size_t from = c.size() > count ? c.size() - count : 0;
  auto cut = [from](const std::vector<double>& v) {
    return std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(from), v.end());
  };
  BarColumns t;
  t.sessions.assign(c.sessions.begin() + static_cast<std::ptrdiff_t>(from), c.sessions.end());
  t.open = cut(c.open);
  t.high = cut(c.high);
  t.low = cut(c.low);
  t.close = cut(c.close);
  t.volume = cut(c.volume);
  return t;
}

void BM_stratus_last_row(benchmark::State& state, const Rule* rule) {
  std::vector<BarColumns> tails;
  for (const BarColumns& c : all_columns()) tails.push_back(tail(c, kIndicatorSessions));
  for (auto _ : state) {
    int trues = 0;
    for (const BarColumns& c : tails) {
      if (c.size() == 0) continue;
      const IndicatorTable table = IndicatorTable::last_row(rule->uses(), c);
      trues += rule->evaluate(table, table.rows() - 1).truth == Truth::kTrue ? 1 : 0;
    }
    benchmark::DoNotOptimize(trues);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(tails.size()));
}

#ifdef STRATUS_HAVE_TALIB
void BM_talib_simple(benchmark::State& state) {
  Aligned rsi;
  Aligned sma;
  for (auto _ : state) {
    std::int64_t trues = 0;
    for (const BarColumns& c : all_columns()) trues += talib_simple_true_rows(c, rsi, sma);
    benchmark::DoNotOptimize(trues);
  }
  state.SetItemsProcessed(state.iterations() * total_rows());
}

void BM_talib_broad(benchmark::State& state) {
  BroadBuffers buffers;
  for (auto _ : state) {
    std::int64_t trues = 0;
    for (const BarColumns& c : all_columns()) trues += talib_broad_true_rows(c, buffers);
    benchmark::DoNotOptimize(trues);
  }
  state.SetItemsProcessed(state.iterations() * total_rows());
}

// Exits 1 unless the rule and the hand-written TA-Lib loop agree on every symbol.
void check_agreement(const Rule& simple, const Rule& broad) {
  std::vector<double> out;
  Aligned rsi;
  Aligned sma;
  BroadBuffers buffers;
  std::int64_t simple_trues = 0;
  std::int64_t broad_trues = 0;
  for (const BarColumns& c : all_columns()) {
    const std::int64_t a = stratus_true_rows(simple, c, out);
    const std::int64_t b = talib_simple_true_rows(c, rsi, sma);
    const std::int64_t x = stratus_true_rows(broad, c, out);
    const std::int64_t y = talib_broad_true_rows(c, buffers);
    if (a != b || x != y) {
      std::fprintf(stderr, "rules_bench: the rule and TA-Lib disagree: %lld/%lld, %lld/%lld\n",
                   static_cast<long long>(a), static_cast<long long>(b), static_cast<long long>(x),
                   static_cast<long long>(y));
      std::exit(1);
    }
    simple_trues += a;
    broad_trues += x;
  }
  std::fprintf(stderr, "rules_bench: agree with TA-Lib: %lld and %lld true sessions of %lld\n",
               static_cast<long long>(simple_trues), static_cast<long long>(broad_trues),
               static_cast<long long>(total_rows()));
}
#endif

}  // namespace
}  // namespace stratus::rules

int main(int argc, char** argv) {
  using namespace stratus::rules;
  static const Rule simple = parse_or_exit(kSimple);
  static const Rule broad = parse_or_exit(kBroad);
#ifdef STRATUS_HAVE_TALIB
  if (TA_Initialize() != TA_SUCCESS) {
    std::fprintf(stderr, "TA_Initialize failed\n");
    return 1;
  }
  check_agreement(simple, broad);
#endif
  benchmark::RegisterBenchmark("BM_SimpleFilter/stratus_series", BM_stratus_series, &simple);
  benchmark::RegisterBenchmark("BM_BroadFilter/stratus_series", BM_stratus_series, &broad);
  benchmark::RegisterBenchmark("BM_SimpleFilter/stratus_last_row", BM_stratus_last_row, &simple);
  benchmark::RegisterBenchmark("BM_BroadFilter/stratus_last_row", BM_stratus_last_row, &broad);
#ifdef STRATUS_HAVE_TALIB
  benchmark::RegisterBenchmark("BM_SimpleFilter/talib", BM_talib_simple);
  benchmark::RegisterBenchmark("BM_BroadFilter/talib", BM_talib_broad);
#endif
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
#ifdef STRATUS_HAVE_TALIB
  TA_Shutdown();
#endif
  return 0;
}
