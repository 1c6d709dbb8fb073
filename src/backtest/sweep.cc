#include "backtest/sweep.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "backtest/backtest.h"
#include "backtest/backtest_json.h"
#include "backtest/backtest_outcome.h"
#include "backtest/benchmarks.h"
#include "backtest/counting_event_sink.h"

namespace stratus {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMinSegmentSessions = 20;

double dollars(Money m) { return static_cast<double>(m.units()) / Money::kUnitsPerDollar; }

// Counts finished backtests and reports them, one call at a time.
class ProgressCounter {
 public:
  ProgressCounter(const SweepProgress& report, std::size_t total)
      : report_(report), total_(total) {}
  void finished() {
    const std::lock_guard lock(mutex_);
    ++done_;
    if (report_) report_(done_, total_);
  }

 private:
  const SweepProgress& report_;
  const std::size_t total_;
  std::size_t done_ = 0;
  std::mutex mutex_;
};

// Backtests every combination over [from, to] on `jobs` threads, then ranks them.
Result<std::vector<SweepRun>> run_grid(const Config& base, const MarketCalendar& calendar,
                                       MarketData& data, const std::vector<SweepParams>& combos,
                                       Date from, Date to, const SweepRequest& request,
                                       ProgressCounter& progress) {
  std::vector<SweepRun> runs(combos.size());
  std::vector<std::optional<Error>> errors(combos.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < combos.size(); i = next++) {
      runs[i].params = combos[i];
      auto config = apply_sweep_params(base, combos[i]);
      if (!config.ok()) {
        runs[i].invalid = config.error().message;
        progress.finished();
        continue;
      }
      auto settings = backtest_settings(*config, from, to);
      if (!settings.ok()) {
        errors[i] = settings.error();
        continue;
      }
      CountingEventSink audit;
      auto run = run_backtest(*config, calendar, data, audit, *settings);
      if (!run.ok()) {
        errors[i] = run.error();
        continue;
      }
      runs[i].measures =
          measure_account(run->days, run->fills,
                          static_cast<double>(config->backtest.risk_free_rate.units()) /
                              (Percent::kUnitsPerPercent * 100.0));
      progress.finished();
    }
  };
  const unsigned threads = std::max(1U, std::min<unsigned>(request.jobs, combos.size()));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  for (std::size_t i = 0; i < combos.size(); ++i) {
    if (!errors[i]) continue;
    std::string params;
    for (const auto& [name, value] : combos[i]) params += " " + name + "=" + value;
    return errors[i]->within("the backtest of" + params);
  }

  // Rank: valid runs with a value by the metric (ties keep the grid's order), then valid runs
  // without a value, then invalid combinations.
  const bool higher = sweep_higher_is_better(request.metric);
  std::stable_sort(runs.begin(), runs.end(), [&](const SweepRun& a, const SweepRun& b) {
    const auto key = [&](const SweepRun& r) {
      return r.invalid.empty() ? (sweep_metric_value(r.measures, request.metric) ? 0 : 1) : 2;
    };
    if (key(a) != key(b)) return key(a) < key(b);
    if (key(a) != 0) return false;
    const double va = *sweep_metric_value(a.measures, request.metric);
    const double vb = *sweep_metric_value(b.measures, request.metric);
    return higher ? va > vb : va < vb;
  });
  int rank = 0;
  for (SweepRun& run : runs) run.rank = run.invalid.empty() ? ++rank : 0;
  return runs;
}

std::optional<double> median_metric(const std::vector<SweepRun>& runs, std::string_view metric) {
  std::vector<double> values;
  for (const SweepRun& r : runs) {
    if (!r.invalid.empty()) continue;
    if (const auto v = sweep_metric_value(r.measures, metric)) values.push_back(*v);
  }
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

Json params_json(const SweepParams& params) {
  Json out = Json::object();
  for (const auto& [name, value] : params) out[name] = value;
  return out;
}

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

Status check_sweep_metric(std::string_view name) {
  std::string choices;
  for (const std::string_view m : kSweepMetrics) {
    if (m == name) return {};
    choices += (choices.empty() ? "" : ", ") + std::string(m);
  }
  return Error::invalid_input("--metric \"" + std::string(name) + "\": expected one of " + choices);
}

bool sweep_higher_is_better(std::string_view metric) {
  return metric != "max_drawdown" && metric != "volatility" && metric != "cash_idle";
}

std::optional<double> sweep_metric_value(const AccountMeasures& m, std::string_view metric) {
  const PerformanceMetrics& p = m.performance;
  if (metric == "xirr") return p.xirr;
  if (metric == "total_return") return p.total_return;
  if (metric == "annualised_return") return p.annualised_return;
  if (metric == "sharpe") return p.sharpe;
  if (metric == "sortino") return p.sortino;
  if (metric == "max_drawdown") return p.max_drawdown.depth;
  if (metric == "volatility") return p.volatility;
  if (metric == "cash_idle") return m.cash_idle;
  if (metric == "profit") return dollars(p.profit);
  if (metric == "final_equity") return dollars(p.final_equity);
  return std::nullopt;
}

Result<SweepOutcome> run_sweep(const Config& base, const MarketCalendar& calendar, MarketData& data,
                               const SweepRequest& request, const SweepProgress& progress) {
  STRATUS_RETURN_IF_ERROR(check_sweep_metric(request.metric));
  if (request.axes.empty()) {
    return Error::invalid_input("no parameter to sweep: give at least one --grid NAME=VALUES");
  }
  STRATUS_ASSIGN_OR_RETURN(const std::vector<MarketDay> sessions,
                           calendar.sessions(request.from, request.to));
  if (sessions.empty()) {
    return Error::invalid_input("no session from " + format_date(request.from) + " to " +
                                format_date(request.to));
  }
  const std::size_t segments = request.walk_forward > 0 ? request.walk_forward + 1 : 0;
  if (segments > 0 && sessions.size() / segments < kMinSegmentSessions) {
    return Error::invalid_input("--walk-forward " + std::to_string(request.walk_forward) + ": " +
                                std::to_string(sessions.size()) + " sessions make " +
                                std::to_string(segments) + " segments of fewer than " +
                                std::to_string(kMinSegmentSessions) + " sessions");
  }
  const std::vector<SweepParams> combos = sweep_combinations(request.axes);
  SweepOutcome out;
  out.backtests = combos.size() * (1 + 2 * static_cast<std::size_t>(request.walk_forward));
  ProgressCounter counter(progress, out.backtests);
  STRATUS_ASSIGN_OR_RETURN(
      out.runs, run_grid(base, calendar, data, combos, request.from, request.to, request, counter));
  if (out.runs.front().rank == 0) {
    return Error::invalid_input("no combination of the grid makes a valid plan, e.g. " +
                                out.runs.front().invalid);
  }

  for (std::size_t fold = 0; fold + 1 < segments; ++fold) {
    const auto segment = [&](std::size_t s) {
      const std::size_t first = s * sessions.size() / segments;
      const std::size_t last = (s + 1) * sessions.size() / segments - 1;
      return std::make_pair(sessions[first].date, sessions[last].date);
    };
    WalkForwardFold f;
    std::tie(f.train_from, f.train_to) = segment(fold);
    std::tie(f.test_from, f.test_to) = segment(fold + 1);
    STRATUS_ASSIGN_OR_RETURN(const auto train, run_grid(base, calendar, data, combos, f.train_from,
                                                        f.train_to, request, counter));
    STRATUS_ASSIGN_OR_RETURN(const auto test, run_grid(base, calendar, data, combos, f.test_from,
                                                       f.test_to, request, counter));
    f.chosen = train.front().params;
    f.train_metric = sweep_metric_value(train.front().measures, request.metric);
    for (const SweepRun& r : test) {
      if (r.rank > 0) ++f.test_ranked;
      if (r.params == f.chosen) {
        f.test_metric = sweep_metric_value(r.measures, request.metric);
        f.test_rank = r.rank;
      }
    }
    f.test_median = median_metric(test, request.metric);
    out.folds.push_back(std::move(f));
  }

  // The benchmarks over the whole period, funded as the profile's plan.
  STRATUS_ASSIGN_OR_RETURN(const BacktestSettings settings,
                           backtest_settings(base, request.from, request.to));
  const auto flows = funding_schedule(sessions, settings.funding);
  const double rf = static_cast<double>(base.backtest.risk_free_rate.units()) /
                    (Percent::kUnitsPerPercent * 100.0);
  for (const Benchmark b : {Benchmark::kDollarCostAveraging, Benchmark::kBuyAndHold}) {
    STRATUS_ASSIGN_OR_RETURN(const BenchmarkRun run,
                             run_benchmark(b, base.watchlist, sessions, flows, base.market, data,
                                           calendar, settings.fill));
    (b == Benchmark::kBuyAndHold ? out.buy_and_hold : out.dca) =
        measure_account(run.days, run.fills, rf);
  }
  return out;
}

Json sweep_result_json(const SweepRequest& request, const SweepOutcome& outcome) {
  Json axes = Json::array();
  for (const SweepAxis& axis : request.axes) {
    axes.push_back({{"name", axis.name}, {"values", axis.values}});
  }
  Json results = Json::array();
  Json invalid = Json::array();
  for (const SweepRun& run : outcome.runs) {
    if (!run.invalid.empty()) {
      invalid.push_back({{"params", params_json(run.params)}, {"reason", run.invalid}});
      continue;
    }
    results.push_back({{"rank", run.rank},
                       {"params", params_json(run.params)},
                       {"metrics", account_metrics_json(run.measures)}});
  }
  Json folds = Json::array();
  for (const WalkForwardFold& f : outcome.folds) {
    folds.push_back(
        {{"train", {{"from", format_date(f.train_from)}, {"to", format_date(f.train_to)}}},
         {"test", {{"from", format_date(f.test_from)}, {"to", format_date(f.test_to)}}},
         {"chosen", params_json(f.chosen)},
         {"train_metric", optional_number(f.train_metric)},
         {"test_metric", optional_number(f.test_metric)},
         {"test_rank", f.test_rank},
         {"test_ranked", f.test_ranked},
         {"test_median", optional_number(f.test_median)}});
  }
  Json doc = {
      {"version", 1},
      {"kind", "sweep"},
      {"metric", request.metric},
      {"period", {{"from", format_date(request.from)}, {"to", format_date(request.to)}}},
      {"axes", axes},
      {"results", results},
      {"invalid", invalid},
      {"benchmarks", Json::array({{{"name", "dca"}, {"metrics", account_metrics_json(outcome.dca)}},
                                  {{"name", "buy_and_hold"},
                                   {"metrics", account_metrics_json(outcome.buy_and_hold)}}})},
      {"backtests", outcome.backtests}};
  if (!outcome.folds.empty()) doc["walk_forward"] = folds;
  return doc;
}

}  // namespace stratus
