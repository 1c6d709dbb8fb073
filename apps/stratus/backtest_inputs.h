// What `stratus backtest` and `stratus sweep` share: the options naming the period, the data and
// the account (--from, --to, --data, --layout, --symbols, --cash, --contribution, --fill), and
// the inputs they resolve to: the profile's Config with those overrides, the calendar and the
// market data (a CSV loaded whole, or Alpaca's history through the live adapter).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "adapters/clock/settable_clock.h"
#include "adapters/sim/csv_market_data.h"
#include "apps/stratus/cli_context.h"
#include "apps/stratus/wiring.h"
#include "backtest/backtest_outcome.h"

namespace stratus {

struct BacktestInputOptions {
  std::string from;
  std::string to;
  std::string data;
  std::string layout;
  std::string symbols;
  std::string cash;
  std::string contribution;
  std::string fill;
  bool quiet = false;
};

// Adds the options above (and --quiet) to `command`, bound to `options`.
void add_backtest_input_options(CLI::App* command, BacktestInputOptions& options);

struct BacktestInputs {
  Config config;  // The profile with the command line's overrides; watchlist = the symbols run.
  Date from;
  Date to;
  std::unique_ptr<SettableClock> data_clock;  // At the period's end: Alpaca history is read
                                              // through it.
  std::unique_ptr<Wiring> wiring;
  const MarketCalendar* calendar = nullptr;
  std::unique_ptr<CsvMarketData> csv;  // Set for CSV data.
  MarketData* data = nullptr;
  DataDescription description;
};

// Resolves the options. InvalidInput (exit 2) for a bad date or range, amount, fill, symbol list
// or data file, an account that never receives money, or "--symbols all" with Alpaca data.
Result<std::unique_ptr<BacktestInputs>> prepare_backtest_inputs(
    const GlobalOptions& global, const BacktestInputOptions& options);

// Writes `text` to `path` whole. Unavailable naming the path when it cannot.
Status write_text_file(const std::filesystem::path& path, const std::string& text);

}  // namespace stratus
