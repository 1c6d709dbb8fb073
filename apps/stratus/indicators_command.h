// `stratus indicators [--data FILE] [--layout L] --symbol S --expr EXPR [--expr ...]
// [--from D] [--to D]`: the values of rule-language expressions ("rsi(14)", "macd(12, 26, 9)",
// "close > sma(200) * 0.9") at every session of one symbol, as CSV (date, then one column per
// expression, headed by its canonical text), for checking against charts and other tools.
// Indicators are computed over the symbol's whole history in the file, from its first bar
// (as TA-Lib computes them over the series it is given); --from/--to only choose the rows
// printed. Numbers are printed with every digit needed to read back the same double; a value
// still warming up is an empty cell; a condition is true, false or empty (unknown).
// Without --data: the profile's data.path and data.layout (data.kind "csv").
// Exit 0; 2 for a bad expression (its line, column and token, with a caret), an unknown symbol,
// a bad date or an unreadable or malformed file.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

void add_indicators_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
