// `stratus audit verify [FILE]` and `stratus audit export [FILE] --format csv|jsonl
// [--output PATH] [--no-verify]`: checking and exporting the tamper-evident audit log
// (src/adapters/file/audit_chain.h). FILE defaults to the profile's audit.path.
//
// verify: exit 0 and "<file>: <n> lines, chain intact (last seq S, hash H)" followed by the
//   last event's id and time and a reminder that lines cut from the end cannot be seen in the
//   file alone (compare the last seq and hash with a copy kept elsewhere); exit 1 and
//   "<file>:<line>: <kind>: <what is wrong>" for the first line that breaks the chain.
// export: verifies first (a broken chain is exit 1, the break printed, nothing exported, unless
//   --no-verify), then writes every line as RFC 4180 CSV (src/adapters/file/audit_csv.h) or as
//   the lines' exact JSONL bytes, to stdout or to --output PATH (written whole, through a
//   temporary file renamed into place). Exit 0.
// Both: exit 2 for bad usage: a FILE that does not exist or cannot be read, an unknown
//   --format, an --output whose directory does not exist or that is the log itself, a config
//   that does not load.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

// Registers `audit verify` and `audit export`.
void add_audit_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
