// What every command shares: where the config comes from, which profile, the environment, and
// how errors become exit codes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "config/config.h"
#include "domain/result.h"

namespace stratus {

struct GlobalOptions {
  std::string config_path;  // --config; empty: $STRATUS_CONFIG, else ./stratus.toml if present.
  std::string profile;      // --profile; empty: $STRATUS_PROFILE, else "dev".
};

// The process environment as a map (read once, in main; nothing below apps/ calls getenv).
std::map<std::string, std::string> read_environment();

// Where the config comes from: --config, else $STRATUS_CONFIG, else "stratus.toml" when that
// file exists, else "" (embedded defaults only). "ssm:/prefix" names SSM Parameter Store.
std::string config_location(const GlobalOptions& options,
                            const std::map<std::string, std::string>& env);

// Loads the effective config for the options and environment: from the file at
// config_location(), or from SSM for "ssm:/prefix" (apps/stratus/ssm_config.h).
Result<Config> load_effective_config(const GlobalOptions& options,
                                     const std::map<std::string, std::string>& env);

// Exit codes: 0 success, 1 failure at run time, 2 bad usage or bad input.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

// Prints "stratus: <error>" to stderr, registered secrets redacted (support/redaction.h), and
// returns the exit code for it.
int report_error(const Error& error);

// The dates of --from and --to (YYYY-MM-DD), in order. InvalidInput naming the flag for a date
// that does not parse, or a --to before --from.
Result<std::pair<Date, Date>> parse_date_range(const std::string& from, const std::string& to);

}  // namespace stratus
