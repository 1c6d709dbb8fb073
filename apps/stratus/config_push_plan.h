// What `stratus config push` writes to SSM Parameter Store, decided before anything is sent.
// Pure: no I/O.
//
// From one profile's table as the user wrote it (the file's [default] merged with [<profile>],
// not the embedded defaults) and the prefix (/stratus/<profile>):
//   - each leaf key becomes one String parameter <prefix>/<key parts joined by '/'>
//     (limits.symbol_caps.AAPL -> <prefix>/limits/symbol_caps/AAPL); arrays (watchlist,
//     evaluate.tiers) are one parameter holding the TOML array. Values are rendered so that
//     ssm_parameters_to_table (config/ssm_table.h) reads them back as the same TOML value:
//     integers and booleans as written, strings as their plain text unless that would read back
//     as something else (then as a quoted TOML string: "3", "true", "" ...), arrays and tables
//     inline. Every rendering is read back and compared; a mismatch is Internal.
//   - the keys the AWS stack owns (config/stack_owned_keys.h) are skipped;
//   - secrets.<name> = "env:VAR": the value of VAR in the pushing user's environment, written as
//     SecureString <prefix>/secrets/<name>; a missing or empty VAR is an error (all named);
//   - secrets.<name> = "ssm:<prefix>/secrets/<name>": left alone, it must exist in SSM already;
//     an "ssm:" reference anywhere else cannot be kept (under a prefix a secret's reference is
//     always <prefix>/secrets/<name>): an error saying so;
//   - a key holding a secret reference (slack.webhook_url, sheets.url, sheets.secret) = "env:VAR"
//     likewise: VAR's value as the SecureString at the key's own parameter (which the SSM config
//     reads back as a reference to itself); "ssm:" that parameter is left alone; any other
//     reference is an ordinary String value.
// Then, against what SSM holds under the prefix (one GetParametersByPath, decrypted), each
// parameter is new, unchanged (same value and type: not rewritten) or changed; a change is a
// conflict unless overwriting; parameters under the prefix that the file no longer has are
// stale (listed, never deleted).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "adapters/aws/ssm_parameters.h"
#include "domain/result.h"

namespace stratus {

// The text of an SSM parameter that ssm_parameters_to_table reads back as `value` (rule above).
// InvalidInput for a value that cannot be a parameter (a float, a date); Internal when the
// rendering does not read back identically.
Result<std::string> ssm_parameter_text(const toml::node& value, std::string_view key);

struct PushParameter {
  std::string name;    // Full name: "/stratus/prod/limits/monthly_share_cap".
  std::string value;   // Never printed for a SecureString.
  std::string type;    // "String" or "SecureString".
  std::string source;  // What it comes from, safe to show: "limits.monthly_share_cap", "$VAR".
};

struct PushPlan {
  std::string prefix;                     // Without a trailing '/'.
  std::vector<PushParameter> parameters;  // In name order.
  std::vector<std::string> skipped;       // Lines saying what is skipped and why.
  std::vector<std::string> kept;          // Parameter names of "ssm:" secrets left alone.
};

// The plan for `profile_table` under `prefix`. `environment`: the pushing user's (for "env:"
// secrets). Errors (InvalidInput): a key part that cannot be in a parameter name (not
// [A-Za-z0-9_-]), values that cannot be parameters, missing or empty variables of "env:"
// secrets (every one named, values never shown), "ssm:" secrets outside <prefix>/secrets/.
Result<PushPlan> plan_config_push(const toml::table& profile_table, std::string_view prefix,
                                  const std::map<std::string, std::string>& environment);

struct PushDiff {
  std::vector<PushParameter> writes;   // New, or changed with overwrite.
  std::vector<std::string> unchanged;  // Names.
  std::vector<std::string> conflicts;  // Changed without overwrite: names.
  std::vector<std::string> missing;    // Kept "ssm:" secrets that SSM does not hold: names.
  std::vector<std::string> stale;      // Under the prefix, not in the plan: names.
};

// `plan` against `existing` (everything SSM holds under the prefix, decrypted).
PushDiff diff_config_push(const PushPlan& plan, const std::vector<SsmParameter>& existing,
                          bool overwrite);

}  // namespace stratus
