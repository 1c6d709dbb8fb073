// The bars of every symbol of the S&P 500 set as indicator columns, loaded once per process for
// the indicator and rule benchmarks: $STRATUS_BENCH_DATA, else
// ../shared/data/sp500-5yr/all_stocks_5yr.csv.gz relative to the source tree, else the bundled
// data/bars/sp500-16.csv.gz. Exits 1 with the reason when the file cannot be loaded.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "adapters/sim/csv_market_data.h"
#include "domain/indicators/bar_columns.h"

namespace stratus::bench {

inline std::string sp500_data_path() {
  if (const char* env = std::getenv("STRATUS_BENCH_DATA")) return env;
  const std::string full =
      std::string(STRATUS_SOURCE_DIR) + "/../shared/data/sp500-5yr/all_stocks_5yr.csv.gz";
  if (std::filesystem::exists(full)) return full;
  return std::string(STRATUS_SOURCE_DIR) + "/data/bars/sp500-16.csv.gz";
}

// `who` names the benchmark in the line saying what was loaded.
inline const std::vector<indicators::BarColumns>& sp500_columns(const char* who) {
  static const std::vector<indicators::BarColumns> all = [who] {
    std::vector<indicators::BarColumns> out;
    const std::string path = sp500_data_path();
    auto data = CsvMarketData::load(path, CsvLayout::kSp500);
    if (!data.ok()) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), data.error().message.c_str());
      std::exit(1);
    }
    const Date last = std::chrono::sys_days{std::chrono::year{9999} / 12 / 31};
    for (const std::string& symbol : (*data)->symbols()) {
      auto bars = (*data)->daily_bars(symbol, last, (*data)->bar_count());
      if (bars.ok()) out.push_back(indicators::to_columns(*bars));
    }
    std::fprintf(stderr, "%s: %zu symbols from %s\n", who, out.size(), path.c_str());
    return out;
  }();
  return all;
}

}  // namespace stratus::bench
