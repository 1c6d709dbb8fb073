// Loading the effective Config of one profile: embedded defaults, then stratus.toml's [default]
// and [<profile>] tables, then STRATUS_* environment overrides, validated strictly.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"
#include "config/toml_text.h"
#include "config/value_origin.h"
#include "domain/result.h"

namespace stratus {

struct ConfigSources {
  // stratus.toml (top-level tables [default], [dev], [stage], [prod], ...); nullopt = embedded
  // defaults only.
  std::optional<std::string> file_path;
  // The profile to load: dev, stage, prod, or any profile table the file defines.
  std::string profile;
  // The process environment, passed in by main (nothing below apps/ calls getenv). Only
  // STRATUS_* names are read; STRATUS_PROFILE, STRATUS_CONFIG and STRATUS_LOG* are ignored.
  std::map<std::string, std::string> environment;
};

// Loads the Config of `sources.profile`. Layers, later winning: embedded defaults < the file's
// [default] < the file's [<profile>] < environment overrides. Tables merge key by key; arrays
// and scalars replace.
// Environment: STRATUS_<SECTION>__<KEY> (double underscore per level, names case-insensitive),
// e.g. STRATUS_LIMITS__MONTHLY_SHARE_CAP=3; the value is read as a TOML integer, boolean,
// array, inline table or quoted string when it parses as one, otherwise as the literal string
// (so decimals such as STRATUS_LIMITS__MAX_ORDER_NOTIONAL=750.50 stay exact).
// Paths get {profile} substituted and are resolved against the file's directory (left
// relative to the current directory when there is no file).
// Every other profile table in the file is validated too, so a typo in [prod] fails any load.
// Errors: InvalidInput with the file (or "environment STRATUS_X") as context and a message
// naming the profile table, key path, value and expectation; never throws.
Result<Config> load_config(const ConfigSources& sources);

// Builds a Config from a table already holding every layer (e.g. assembled from SSM), with the
// same validation as load_config. Requires every non-optional key: start from
// embedded_defaults_table() and merge onto it (table_merge.h). Error context is the table's
// source path when it has one, else "config". Never throws.
Result<Config> config_from_table(const toml::table& merged, const std::string& profile,
                                 const std::string& base_dir);

// One profile's settings from a source other than stratus.toml (e.g. SSM Parameter Store): a
// table of the shape of a [<profile>] table, and where its values came from.
struct ProfileLayer {
  toml::table table;
  ValueOrigin origin;  // The whole layer, for errors: e.g. {"ssm:/stratus/prod", "", false}.
  // Finer origins by key path (e.g. one per SSM parameter), taking precedence over `origin`.
  std::vector<std::pair<KeyPath, ValueOrigin>> value_origins;
};

// Loads the Config of `profile` from `layer` with load_config's layering and validation:
// embedded defaults < `layer` < STRATUS_* overrides in `environment` (the same rules). Paths
// are resolved against `base_dir` (empty: left relative to the current directory). Errors
// name the origin of the offending value (the layer's, or its finer origin) as context.
Result<Config> load_config_from_layer(ProfileLayer layer, const std::string& profile,
                                      const std::map<std::string, std::string>& environment,
                                      const std::string& base_dir);

// The embedded defaults (config/defaults.toml) as a table. Fails (Internal) only if the binary
// was built with a defaults file that is not valid TOML.
Result<toml::table> embedded_defaults_table();

// How a STRATUS_* override's text (or any other text-only source's, e.g. an SSM parameter's) is
// read: a table holding one key "v" with the TOML integer, boolean, array, inline table or
// quoted string that `text` parses as, or else `text` itself as a plain string (so "750.50"
// stays the exact text). `source` names the text in TOML parse diagnostics. Never fails.
toml::table override_value_table(const std::string& source, const std::string& text);

}  // namespace stratus
