// Configuration from SSM Parameter Store: `--config ssm:/stratus/prod` (or
// STRATUS_CONFIG=ssm:/stratus/prod). One recursive GetParametersByPath with WithDecryption
// (the only SSM action a run whose secrets are under the prefix needs) reads every parameter
// under the prefix; ssm_parameters_to_table (config/ssm_table.h) maps them onto the keys of one
// profile table of stratus.toml (/stratus/prod/limits/monthly_share_cap ->
// limits.monthly_share_cap, /stratus/prod/secrets/<name> -> secrets.<name> =
// "ssm:/stratus/prod/secrets/<name>"), and the Config is layered and validated as a file's is:
//   embedded defaults < the SSM table < STRATUS_* environment overrides.
// Relative paths are relative to the current directory. The decrypted answer is kept for this
// process's secret references under the prefix (secret_resolver.h): no second call.
//
// Profile rule: the profile is the prefix's last part (/stratus/prod -> "prod"); a profile asked
// for with --profile or STRATUS_PROFILE must be that same name (else InvalidInput), so that
// {profile} in paths and the ledger table cannot silently differ from the parameters read.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/aws/ssm_parameters.h"
#include "config/config.h"
#include "domain/result.h"

namespace stratus {

inline constexpr std::string_view kSsmConfigScheme = "ssm:";

// "ssm:/stratus/prod" (or "ssm:/stratus/prod/") -> "/stratus/prod"; nullopt when `location`
// does not start with "ssm:". InvalidInput (naming the location) for a path not starting with
// '/' or holding characters other than [A-Za-z0-9_.-/].
Result<std::optional<std::string>> ssm_config_prefix(std::string_view location);

// The profile of a config read from `prefix` (rule above). `requested`: the profile asked for
// ("" when none was). InvalidInput when the last part is no valid profile name or differs.
Result<std::string> ssm_config_profile(std::string_view prefix, std::string_view requested);

// The Config of `parameters` (all parameters under `prefix`, decrypted), layered and validated
// as above. Pure. Errors (InvalidInput) name the parameter: the context of a bad value is
// "ssm:<parameter name>" (an environment override's is "environment STRATUS_X").
Result<Config> config_from_ssm_parameters(const std::vector<SsmParameter>& parameters,
                                          std::string_view prefix, const std::string& profile,
                                          const std::map<std::string, std::string>& environment);

// Reads the parameters under `prefix` (one recursive GetParametersByPath with decryption, all
// pages) through a connection built from `environment` (timeouts and retries from the embedded
// defaults and STRATUS_HTTP__* overrides), builds the Config, and remembers the answer for
// secret references (remember_config_parameters). Errors: SsmConnection::open's; the SSM call's
// with context "ssm:<prefix>" (refused credentials: Rejected; unreachable: Unavailable);
// config_from_ssm_parameters'.
Result<Config> load_ssm_config(std::string_view prefix, const std::string& profile,
                               const std::map<std::string, std::string>& environment);

}  // namespace stratus
