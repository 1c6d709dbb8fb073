// `stratus backtest --from D --to D [--data FILE] [--symbols LIST|all] [--cash X]
// [--contribution X] [--fill close|next_open] [--out DIR] [--json] [--quiet]`: replays every
// session of the period through the five functions of the profile (src/backtest/backtest.h) with
// a simulated clock, broker and ledger, measures it against dollar-cost averaging and
// buy-and-hold funded with the same money, and prints the comparison (or the result document of
// docs/contracts/backtest-result.md with --json); --out DIR also writes it with equity.csv,
// orders.csv and report.html (one self-contained page). Progress goes to stderr.
// Exit 0; 2 for a bad option, date, symbol, amount or data file; 1 when a run of the chain fails.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

void add_backtest_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
