// The log's level and format for this process (support/log.h), from the global flags
// --log-level / --log-format, else STRATUS_LOG_LEVEL / STRATUS_LOG_FORMAT, else the command's
// defaults: warning and text for a person at a terminal (nothing new appears unless asked), info
// and json for `stratus lambda` (CloudWatch reads JSON lines).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "domain/result.h"
#include "support/log.h"

namespace stratus {

struct LogOptions {
  std::optional<std::string> level;   // --log-level as given; nullopt when absent.
  std::optional<std::string> format;  // --log-format as given.
};

// The settings for `options` and `env` over `defaults` (a flag wins over its variable).
// Errors: InvalidInput naming the flag or variable, the value and the accepted values (exit 2).
Result<LogSettings> resolve_log_settings(const LogOptions& options,
                                         const std::map<std::string, std::string>& env,
                                         LogSettings defaults);

// The defaults of a command: json/info for `stratus lambda`, else text/warning.
LogSettings default_log_settings(bool lambda);

}  // namespace stratus
