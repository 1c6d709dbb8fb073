// `stratus report --month YYYY-MM [--html FILE] [--json]`: what the month bought, against the
// caps and budgets, and the positions at its end (src/report/month_report.h). Prints the
// terminal tables (coloured only on a terminal, never with NO_COLOR set), or the report as JSON
// with --json; --html also writes ONE self-contained HTML page with a price chart per symbol.
// Exit 0; 2 for a bad --month or an --html path whose directory does not exist (nothing is read
// or written), or bad configuration; 1 when the ledger, the data source or the file fails.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

void add_report_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
