// `stratus config push --profile P [--prefix /stratus/P] [--dry-run] [--overwrite]`: writes a
// profile of stratus.toml to SSM Parameter Store, so `--config ssm:/stratus/P` loads the same
// configuration (config_push_plan.h says what is written). In order, and nothing written unless
// every check passes:
//   1. the file (--config, $STRATUS_CONFIG or ./stratus.toml) loads profile P exactly as
//      `stratus --config FILE --profile P` would, without STRATUS_* overrides (exit 2 if not);
//   2. the plan: every "env:" secret's variable set (exit 2 naming the missing ones);
//   3. one GetParametersByPath (recursive, decrypted) of the prefix: a changed value without
//      --overwrite is a conflict (exit 1, every one named); a kept "ssm:" secret that SSM lacks
//      is exit 2;
//   4. PutParameter for each new or changed parameter (unchanged ones are not rewritten).
// Prints one line per parameter (written, unchanged, skipped, kept, stale) with values of
// Strings and never of SecureStrings. --dry-run stops before step 4. SSM errors: exit 1.
#pragma once

#include <CLI/CLI.hpp>

#include "apps/stratus/cli_context.h"
#include "apps/stratus/command_table.h"

namespace stratus {

// Registers `push` under the existing `config` command.
void add_config_push_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table);

}  // namespace stratus
