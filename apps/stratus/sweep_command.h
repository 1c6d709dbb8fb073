// `stratus sweep --from D --to D --grid NAME=VALUES [--grid ...] [--metric M] [--jobs N]
// [--walk-forward K] [--top N] [--out DIR] [--json]` plus the data and account options of
// `stratus backtest`: backtests the profile once per combination of the grid's values
// (src/backtest/sweep_grid.h lists the parameters) on N threads (default: every core), ranks the
// combinations by the metric (default xirr), and with --walk-forward K also chooses the best on
// each of K segments and measures it on the next. Prints the ranking (or the sweep document with
// --json); --out DIR writes sweep.json and report.html (the heat map and the table).
// Exit 0; 2 for a bad option, parameter, value, metric or data file.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

void add_sweep_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
