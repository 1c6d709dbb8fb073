// audit_verify_bench: how fast `stratus audit verify` reads a large audit log, against the floor
// of hashing its lines once. A log of 100,000 order events (about 58 MB, lines of ~580 bytes as
// record writes them) is built once in a temporary directory; the page cache holds it, so these
// are CPU figures (a disk slower than them sets the pace instead).
//
//   BM_VerifyAuditLog          verify_audit_log: canonical lines checked without parsing, each
//                              line's two SHA-256s sharing the bytes before "hash".
//   BM_VerifyAuditLog_Parsing  baseline: the exact path on every line (parse, dump, two hashes).
//   BM_Sha256EachLine          floor: read the lines and SHA-256 each once.
//   BM_ReadLines               floor: read the lines only.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "adapters/file/audit_chain.h"
#include "adapters/file/audit_line.h"
#include "adapters/file/line_reader.h"
#include "support/sha256.h"

namespace stratus {
namespace {

constexpr int kLines = 100'000;

// The directory of the log: never destroyed, so the exit handler can still read it.
const std::filesystem::path& log_dir() {
  static const auto* dir =
      new std::filesystem::path(std::filesystem::temp_directory_path() /
                                ("stratus-audit-bench-" + std::to_string(::getpid())));
  return *dir;
}

// The log, written once; removed at exit.
const std::string& log_path() {
  static const std::string path = [] {
    std::filesystem::create_directories(log_dir());
    std::atexit([] { std::filesystem::remove_all(log_dir()); });
    const std::string file = (log_dir() / "audit.jsonl").string();
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::string prev(kGenesisPrev);
    for (int i = 1; i <= kLines; ++i) {
      const nlohmann::json event = {
          {"event_id", "2015-08-24T19:45:00Z/dev#" + std::to_string(i)},
          {"type", "order"},
          {"severity", "info"},
          {"run_id", "2015-08-24T19:45:00Z/dev"},
          {"profile", "dev"},
          {"at", "2015-08-24T19:45:00Z"},
          {"recorded_at", "2015-08-24T19:45:03Z"},
          {"data",
           {{"symbol", "MSFT"},
            {"qty", i % 5 + 1},
            {"price", "43.07"},
            {"state", "submitted"},
            {"client_order_id", "dip-MSFT-20150824-1"},
            {"broker_order_id", "paper-" + std::to_string(i)},
            {"cap", {{"limit", 4}, {"month", "2015-08"}, {"used_after", 1}, {"used_before", 0}}},
            {"requested_qty", 1}}}};
      const std::string line = *chained_line(event, static_cast<std::uint64_t>(i), prev);
      prev = sha256_hex(line);
      out << line << '\n';
    }
    return file;
  }();
  return path;
}

void set_bytes(benchmark::State& state) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(std::filesystem::file_size(log_path())));
}

void BM_VerifyAuditLog(benchmark::State& state) {
  log_path();  // Written once, before any timing.
  for (auto _ : state) {
    auto verdict = verify_audit_log(log_path());
    if (!verdict.ok() || verdict->broken || verdict->intact.lines != kLines) {
      state.SkipWithError("the log does not verify");
      return;
    }
  }
  set_bytes(state);
}
BENCHMARK(BM_VerifyAuditLog)->Unit(benchmark::kMillisecond);

void BM_VerifyAuditLog_Parsing(benchmark::State& state) {
  log_path();  // Written once, before any timing.
  for (auto _ : state) {
    auto reader = LineReader::open(log_path());
    ChainVerifier verifier(/*fast_path=*/false);
    FileLine line;
    while (*reader->next(line)) {
      if (verifier.add(line.bytes, line.terminated)) {
        state.SkipWithError("the log does not verify");
        return;
      }
    }
  }
  set_bytes(state);
}
BENCHMARK(BM_VerifyAuditLog_Parsing)->Unit(benchmark::kMillisecond);

void BM_Sha256EachLine(benchmark::State& state) {
  log_path();  // Written once, before any timing.
  for (auto _ : state) {
    auto reader = LineReader::open(log_path());
    FileLine line;
    while (*reader->next(line)) benchmark::DoNotOptimize(sha256(line.bytes));
  }
  set_bytes(state);
}
BENCHMARK(BM_Sha256EachLine)->Unit(benchmark::kMillisecond);

void BM_ReadLines(benchmark::State& state) {
  log_path();  // Written once, before any timing.
  for (auto _ : state) {
    auto reader = LineReader::open(log_path());
    FileLine line;
    std::size_t bytes = 0;
    while (*reader->next(line)) bytes += line.bytes.size();
    benchmark::DoNotOptimize(bytes);
  }
  set_bytes(state);
}
BENCHMARK(BM_ReadLines)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace stratus

BENCHMARK_MAIN();
