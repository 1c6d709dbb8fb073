// SSM Parameter Store parameters as configuration: the parameters under one prefix
// ("/stratus/prod") become a table of the same shape as one profile of stratus.toml.
//   /stratus/prod/limits/monthly_share_cap = 3           -> [limits] monthly_share_cap = 3
//   /stratus/prod/watchlist = ["AAPL","MSFT"]            -> watchlist = ["AAPL", "MSFT"]
//   /stratus/prod/secrets/alpaca_secret_key (any type)   -> [secrets] alpaca_secret_key =
//                                                           "ssm:/stratus/prod/secrets/alpaca_secret_key"
// Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "domain/result.h"

namespace stratus {

// One parameter as read from SSM.
struct ConfigParameter {
  std::string name;     // Full name: "/stratus/prod/limits/monthly_share_cap".
  std::string value;    // As stored (a SecureString's value is never put in the table).
  bool secure = false;  // Type SecureString.
};

// The table that `parameters` under `prefix` stand for. `prefix` starts with '/' (a trailing
// '/' is optional). Each name's remainder after the prefix is split on '/' into nested tables;
// each part must be a bare TOML key ([A-Za-z0-9_-]+). Each value is read as STRATUS_*
// overrides are (override_value_table, config_loader.h): a TOML integer, boolean, array,
// inline table or "quoted string" when it parses as one, else the plain text.
// Secrets are references, never values: a parameter "secrets/<name>" becomes the string
// "ssm:<full name>" and its value is left out; so does a SecureString at a key that holds a
// secret reference (kSecretReferenceKeys, e.g. slack/webhook_url holding the webhook URL itself).
// A String there is read as any other value (e.g. "ssm:/elsewhere").
// Errors (InvalidInput naming the parameter): a name not under `prefix`; an empty or non-bare
// key part; "secrets" with other than exactly one part below it; a SecureString outside
// secrets/ and those keys (its value would be written into the configuration); two parameters
// for one key;
// a key that is both a value and a table (e.g. both "limits" and "limits/monthly_share_cap",
// or a value that is an inline table and a parameter below it).
Result<toml::table> ssm_parameters_to_table(const std::vector<ConfigParameter>& parameters,
                                            std::string_view prefix);

}  // namespace stratus
