// Bar data for the indicator tests: every symbol of a CSV file (layout sp500) as columns.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sim/csv_market_data.h"
#include "domain/indicators/bar_columns.h"
#include "domain/indicators/indicator_suite.h"

namespace stratus::indicators::testing {

// The bundled 16-symbol sample and the full S&P 500 set (outside the repository, optional).
inline std::string bundled_data() {
  return std::string(STRATUS_SOURCE_DIR) + "/data/bars/sp500-16.csv.gz";
}
inline std::string full_data() {
  return std::string(STRATUS_SOURCE_DIR) + "/../shared/data/sp500-5yr/all_stocks_5yr.csv.gz";
}

struct SymbolColumns {
  std::string symbol;
  BarColumns columns;
  suite::Inputs inputs() const {
    return {columns.high, columns.low, columns.close, columns.volume};
  }
};

// Every symbol of the file, in ascending byte order, with all its bars. Fails the test (and
// returns nothing) when the file cannot be loaded.
inline std::vector<SymbolColumns> load_all(const std::string& path) {
  std::vector<SymbolColumns> out;
  auto data = CsvMarketData::load(path, CsvLayout::kSp500);
  EXPECT_TRUE(data.ok()) << path << ": " << (data.ok() ? "" : data.error().message);
  if (!data.ok()) return out;
  const Date last = std::chrono::sys_days{std::chrono::year{9999} / 12 / 31};
  for (const std::string& symbol : (*data)->symbols()) {
    auto bars = (*data)->daily_bars(symbol, last, (*data)->bar_count());
    EXPECT_TRUE(bars.ok()) << symbol;
    if (!bars.ok()) continue;
    out.push_back({symbol, to_columns(*bars)});
  }
  return out;
}

}  // namespace stratus::indicators::testing
