// calendar_bench: the XNYS calendar's two hot paths, with the baselines they are reported against
// in the same run:
//
//   BM_ListAllSessions_1990_2035        MarketCalendar::sessions over the whole range, tables warm.
//   BM_ListAllSessions_1990_2035_Cold   the same on a new XnysCalendar each time (includes the
//                                       lazy build of all 46 year tables: a process's first call).
//   BM_ListAllSessions_Weekday          baseline: WeekdayCalendar::sessions over the same range
//                                       (no holidays; converts each day's hours through the tz
//                                       database on every call).
//   BM_IsOpen_1M                        XnysCalendar::is_open on 1,000,000 random instants in
//   range. BM_IsOpen_1M_NaiveDay               baseline: the same answers the naive way, day() of
//   the New
//                                       York date and a comparison with its open and close.
//   BM_IsOpen_1M_WeekdayNaive           baseline: the naive way against WeekdayCalendar.
//
// The instants are drawn once from a fixed seed, uniformly over 1990-01-01..2035-12-31 UTC.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "adapters/calendar/weekday_calendar.h"
#include "adapters/calendar/xnys_calendar.h"

namespace stratus {
namespace {

constexpr int kQueries = 1'000'000;

const std::vector<Timestamp>& instants() {
  static const std::vector<Timestamp> all = [] {
    const auto first = Timestamp{XnysCalendar::kFirstDate}.time_since_epoch().count();
    const auto last =
        Timestamp{XnysCalendar::kLastDate + std::chrono::days{1}}.time_since_epoch().count() - 1;
    std::mt19937_64 rng(19900102);
    std::uniform_int_distribution<std::int64_t> pick(first, last);
    std::vector<Timestamp> out;
    out.reserve(kQueries);
    for (int i = 0; i < kQueries; ++i) out.emplace_back(std::chrono::seconds{pick(rng)});
    return out;
  }();
  return all;
}

// The naive answer: is `t` inside the session of its New York date?
bool naive_is_open(const MarketCalendar& cal, Timestamp t) {
  auto day = cal.day(new_york_date(t));
  return day.ok() && day->is_session && day->open <= t && t < day->close;
}

void BM_ListAllSessions_1990_2035(benchmark::State& state) {
  const XnysCalendar cal;
  std::size_t count = 0;
  for (auto _ : state) {
    auto sessions = cal.sessions(XnysCalendar::kFirstDate, XnysCalendar::kLastDate);
    count = sessions.ok() ? sessions->size() : 0;
    benchmark::DoNotOptimize(count);
  }
  state.counters["sessions"] = static_cast<double>(count);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(count));
}
BENCHMARK(BM_ListAllSessions_1990_2035)->Unit(benchmark::kMillisecond);

void BM_ListAllSessions_1990_2035_Cold(benchmark::State& state) {
  std::size_t count = 0;
  for (auto _ : state) {
    const XnysCalendar cal;
    auto sessions = cal.sessions(XnysCalendar::kFirstDate, XnysCalendar::kLastDate);
    count = sessions.ok() ? sessions->size() : 0;
    benchmark::DoNotOptimize(count);
  }
  state.counters["sessions"] = static_cast<double>(count);
}
BENCHMARK(BM_ListAllSessions_1990_2035_Cold)->Unit(benchmark::kMillisecond);

void BM_ListAllSessions_Weekday(benchmark::State& state) {
  const WeekdayCalendar cal;
  std::size_t count = 0;
  for (auto _ : state) {
    auto sessions = cal.sessions(XnysCalendar::kFirstDate, XnysCalendar::kLastDate);
    count = sessions.ok() ? sessions->size() : 0;
    benchmark::DoNotOptimize(count);
  }
  state.counters["sessions"] = static_cast<double>(count);
}
BENCHMARK(BM_ListAllSessions_Weekday)->Unit(benchmark::kMillisecond);

void BM_IsOpen_1M(benchmark::State& state) {
  const XnysCalendar cal;
  const auto& ts = instants();
  for (const Timestamp t : ts) benchmark::DoNotOptimize(cal.is_open(t));  // Warm every year.
  std::int64_t open = 0;
  for (auto _ : state) {
    open = 0;
    for (const Timestamp t : ts) open += cal.is_open(t) ? 1 : 0;
    benchmark::DoNotOptimize(open);
  }
  state.counters["open_share"] = static_cast<double>(open) / kQueries;
  state.SetItemsProcessed(state.iterations() * kQueries);
}
BENCHMARK(BM_IsOpen_1M)->Unit(benchmark::kMillisecond);

void BM_IsOpen_1M_NaiveDay(benchmark::State& state) {
  const XnysCalendar cal;
  const auto& ts = instants();
  std::int64_t open = 0;
  for (auto _ : state) {
    open = 0;
    for (const Timestamp t : ts) open += naive_is_open(cal, t) ? 1 : 0;
    benchmark::DoNotOptimize(open);
  }
  state.counters["open_share"] = static_cast<double>(open) / kQueries;
  state.SetItemsProcessed(state.iterations() * kQueries);
}
BENCHMARK(BM_IsOpen_1M_NaiveDay)->Unit(benchmark::kMillisecond);

void BM_IsOpen_1M_WeekdayNaive(benchmark::State& state) {
  const WeekdayCalendar cal;
  const auto& ts = instants();
  std::int64_t open = 0;
  for (auto _ : state) {
    open = 0;
    for (const Timestamp t : ts) open += naive_is_open(cal, t) ? 1 : 0;
    benchmark::DoNotOptimize(open);
  }
  state.counters["open_share"] = static_cast<double>(open) / kQueries;
  state.SetItemsProcessed(state.iterations() * kQueries);
}
BENCHMARK(BM_IsOpen_1M_WeekdayNaive)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stratus

BENCHMARK_MAIN();
