// evaluate_bench: the evaluate step over the S&P 500 data set (505 symbols, 5 years of daily bars)
// with the bars already in memory, and the baselines it is reported against in the same run:
//
//   BM_EvaluateInMemory_500   Evaluate::run on the envelope, 500 watched symbols (target < 10 ms).
//   BM_DailyBarsOnly_500      only the MarketData::daily_bars calls evaluate makes (the port).
//   BM_ReadDrawdownOnly_500   only read_drawdown + reached_tier over the same 500 windows (the
//                             arithmetic floor: what evaluate costs with no data access or JSON).
//   BM_OutputDump_500         serialising evaluate's output as `stratus invoke` prints it.
//   BM_CsvLoad/plain|gzip     CsvMarketData::load of the whole file, keeping the 500 symbols
//                             (what a `stratus invoke evaluate` process does before evaluating;
//                             the plain file is the --data_plain copy, gzip is --data).
//   BM_CsvParse/1_thread|2_threads
//                             only the parse of the uncompressed text, already in memory, on one
//                             thread and on the two that load() uses for a file this large.
//
// Flags (before Google Benchmark's own): --data=PATH (the .csv or .csv.gz; default
// $STRATUS_BENCH_DATA, else /work/shared/data/sp500-5yr/all_stocks_5yr.csv.gz) and
// --data_plain=PATH (an uncompressed copy, for BM_CsvLoad/plain; optional). When the data file is
// absent, every benchmark is skipped with a message saying so and the binary exits 0.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/calendar/weekday_calendar.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/sim/csv_bar_parser.h"
#include "adapters/sim/csv_market_data.h"
#include "adapters/sim/file_contents.h"
#include "config/config_loader.h"
#include "domain/drawdown.h"
#include "functions/evaluate.h"

namespace stratus {
namespace {

constexpr std::string_view kDefaultData = "/work/shared/data/sp500-5yr/all_stocks_5yr.csv.gz";
constexpr std::string_view kRunAt = "2018-02-07T20:45:00Z";
constexpr std::size_t kWatched = 500;

// Everything the benchmarks share, built once in main before any benchmark runs.
struct World {
  std::string data_path;   // As given (.csv or .csv.gz).
  std::string plain_path;  // Uncompressed copy; empty when not given.
  std::string skip;        // Why every benchmark is skipped; empty when the world is ready.
  std::unique_ptr<CsvMarketData> data;  // Every symbol of the file.
  Config config;                        // Default settings, watchlist = first 500 symbols.
  Timestamp at;
  Date as_of;
  Json envelope;
  std::vector<std::vector<DailyBar>> windows;  // What daily_bars returns per watched symbol.
  Json output;                                 // Evaluate's output on the envelope.
};

World& world() {
  static World w;
  return w;
}

// Loads the data, the config and one reference evaluation. Sets world().skip on any failure.
void build_world() {
  World& w = world();
  if (!std::filesystem::exists(w.data_path)) {
    w.skip = "data file " + w.data_path + " is absent: pass --data=PATH or set STRATUS_BENCH_DATA";
    return;
  }
  auto data = CsvMarketData::load(w.data_path, CsvLayout::kSp500);
  if (!data.ok()) {
    w.skip = "cannot load " + w.data_path + ": " + data.error().to_string();
    return;
  }
  w.data = std::move(*data);

  ConfigSources sources;  // Embedded defaults only: tiers 10/1, 20/2, 30/3, window and min 252.
  sources.profile = "dev";
  auto config = load_config(sources);
  if (!config.ok()) {
    w.skip = "cannot build the default config: " + config.error().to_string();
    return;
  }
  w.config = std::move(*config);
  std::vector<std::string> symbols = w.data->symbols();  // Ascending byte order.
  if (symbols.size() < kWatched) {
    w.skip = w.data_path + " holds " + std::to_string(symbols.size()) + " symbols, need " +
             std::to_string(kWatched);
    return;
  }
  symbols.resize(kWatched);
  w.config.watchlist = std::move(symbols);

  w.at = *parse_utc_timestamp(kRunAt);
  WeekdayCalendar calendar;
  auto as_of = calendar.last_completed_session(w.at);
  if (!as_of.ok()) {
    w.skip = "calendar: " + as_of.error().to_string();
    return;
  }
  w.as_of = as_of->date;
  w.envelope = {{"version", 1},
                {"run", {{"id", "bench/dev"}, {"profile", "dev"}, {"at", std::string(kRunAt)}}}};

  const auto window = static_cast<std::size_t>(w.config.evaluate.window_sessions);
  for (const std::string& symbol : w.config.watchlist) {
    auto bars = w.data->daily_bars(symbol, w.as_of, window);
    w.windows.push_back(bars.ok() ? std::move(*bars) : std::vector<DailyBar>{});
  }

  SettableClock clock(w.at);
  Evaluate step(w.config, calendar, *w.data, clock);
  auto out = step.run(w.envelope);
  if (!out.ok()) {
    w.skip = "evaluate failed: " + out.error().to_string();
    return;
  }
  w.output = std::move(*out);
}

// True (after telling Google Benchmark why) when the world could not be built.
bool skipped(benchmark::State& state) {
  if (world().skip.empty()) return false;
  state.SkipWithError(world().skip.c_str());
  return true;
}

void set_symbol_counters(benchmark::State& state) {
  state.counters["symbols"] = static_cast<double>(kWatched);
  state.counters["per_symbol"] = benchmark::Counter(
      static_cast<double>(kWatched),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_EvaluateInMemory_500(benchmark::State& state) {
  if (skipped(state)) return;
  World& w = world();
  WeekdayCalendar calendar;
  SettableClock clock(w.at);
  Evaluate step(w.config, calendar, *w.data, clock);
  for (auto _ : state) {
    auto out = step.run(w.envelope);
    benchmark::DoNotOptimize(out);
  }
  state.counters["signals"] = static_cast<double>(w.output["signals"].size());
  set_symbol_counters(state);
}
BENCHMARK(BM_EvaluateInMemory_500)->Unit(benchmark::kMillisecond);

void BM_DailyBarsOnly_500(benchmark::State& state) {
  if (skipped(state)) return;
  World& w = world();
  const auto window = static_cast<std::size_t>(w.config.evaluate.window_sessions);
  for (auto _ : state) {
    for (const std::string& symbol : w.config.watchlist) {
      auto bars = w.data->daily_bars(symbol, w.as_of, window);
      benchmark::DoNotOptimize(bars);
    }
  }
  set_symbol_counters(state);
}
BENCHMARK(BM_DailyBarsOnly_500)->Unit(benchmark::kMillisecond);

void BM_ReadDrawdownOnly_500(benchmark::State& state) {
  if (skipped(state)) return;
  World& w = world();
  const EvaluateConfig& rule = w.config.evaluate;
  for (auto _ : state) {
    for (const std::vector<DailyBar>& window : w.windows) {
      if (window.empty()) continue;
      const DrawdownReading r = read_drawdown(window, rule.high_basis);
      benchmark::DoNotOptimize(r);
      auto tier = reached_tier(rule.tiers, r.high, r.price);
      benchmark::DoNotOptimize(tier);
    }
  }
  set_symbol_counters(state);
}
BENCHMARK(BM_ReadDrawdownOnly_500)->Unit(benchmark::kMillisecond);

void BM_OutputDump_500(benchmark::State& state) {
  if (skipped(state)) return;
  for (auto _ : state) {
    std::string text = world().output.dump(2);
    benchmark::DoNotOptimize(text);
  }
  state.counters["bytes"] = static_cast<double>(world().output.dump(2).size());
}
BENCHMARK(BM_OutputDump_500)->Unit(benchmark::kMillisecond);

// Loading the whole file (plain: the --data_plain copy; gzip: --data as given), keeping the 500
// watched symbols. Each iteration maps the file and takes fresh memory for the bars, as a fresh
// process does, but finds the file's pages cached and the code warm: scripts/bench.sh times whole
// processes for the rest.
void BM_CsvLoad(benchmark::State& state, bool plain) {
  if (skipped(state)) return;
  World& w = world();
  const std::string& path = plain ? w.plain_path : w.data_path;
  if (path.empty()) {
    state.SkipWithError("no uncompressed copy: pass --data_plain=PATH");
    return;
  }
  for (auto _ : state) {
    auto data = CsvMarketData::load(path, CsvLayout::kSp500, w.config.watchlist);
    if (!data.ok()) {
      state.SkipWithError(data.error().to_string().c_str());
      return;
    }
    benchmark::DoNotOptimize(data);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(path)));
}
BENCHMARK_CAPTURE(BM_CsvLoad, plain, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CsvLoad, gzip, false)->Unit(benchmark::kMillisecond);

// Parsing the uncompressed text alone (read once, before timing) on at most `threads` threads,
// keeping the 500 watched symbols. Timed by the clock: the work runs on other threads too.
void BM_CsvParse(benchmark::State& state, std::size_t threads) {
  if (skipped(state)) return;
  World& w = world();
  const std::string& path = w.plain_path.empty() ? w.data_path : w.plain_path;
  auto contents = FileContents::read(path);
  if (!contents.ok()) {
    state.SkipWithError(contents.error().to_string().c_str());
    return;
  }
  CsvParseOptions options;
  options.max_threads = threads;
  for (auto _ : state) {
    auto bars =
        parse_csv_bars(contents->text(), path, CsvLayout::kSp500, w.config.watchlist, options);
    if (!bars.ok()) {
      state.SkipWithError(bars.error().to_string().c_str());
      return;
    }
    benchmark::DoNotOptimize(bars);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(contents->text().size()));
}
BENCHMARK_CAPTURE(BM_CsvParse, 1_thread, 1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_CsvParse, 2_threads, 2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Removes --name=VALUE from argv, returning VALUE (or empty when absent).
std::string take_flag(int& argc, char** argv, std::string_view name) {
  const std::string prefix = "--" + std::string(name) + "=";
  std::string value;
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(prefix)) {
      value = std::string(arg.substr(prefix.size()));
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
  argv[argc] = nullptr;
  return value;
}

}  // namespace
}  // namespace stratus

int main(int argc, char** argv) {
  using stratus::world;
  world().data_path = stratus::take_flag(argc, argv, "data");
  world().plain_path = stratus::take_flag(argc, argv, "data_plain");
  if (world().data_path.empty()) {
    const char* env = std::getenv("STRATUS_BENCH_DATA");  // Benchmarks may read the environment.
    world().data_path = env != nullptr && *env != '\0' ? env : std::string(stratus::kDefaultData);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  stratus::build_world();
  if (!world().skip.empty()) {
    std::fprintf(stderr, "evaluate_bench: SKIPPED: %s\n", world().skip.c_str());
    return 0;
  }
  std::fprintf(stderr, "evaluate_bench: %s, %zu bars, %zu watched symbols, as of %s, %zu signals\n",
               world().data_path.c_str(), world().data->bar_count(),
               world().config.watchlist.size(), stratus::format_date(world().as_of).c_str(),
               world().output["signals"].size());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
