// resolve_log_settings (see log_options.h).
#include "apps/stratus/log_options.h"

namespace stratus {
namespace {

// The value of the flag if given, else of the variable if set; with the name of its source.
struct Chosen {
  std::string value;
  std::string source;
};

std::optional<Chosen> choose(const std::optional<std::string>& flag, std::string_view flag_name,
                             const std::map<std::string, std::string>& env,
                             const std::string& variable) {
  if (flag) return Chosen{*flag, std::string(flag_name)};
  if (auto it = env.find(variable); it != env.end()) return Chosen{it->second, variable};
  return std::nullopt;
}

}  // namespace

LogSettings default_log_settings(bool lambda) {
  return lambda ? LogSettings{LogLevel::kInfo, LogFormat::kJson}
                : LogSettings{LogLevel::kWarning, LogFormat::kText};
}

Result<LogSettings> resolve_log_settings(const LogOptions& options,
                                         const std::map<std::string, std::string>& env,
                                         LogSettings defaults) {
  LogSettings settings = defaults;
  if (auto level = choose(options.level, "--log-level", env, "STRATUS_LOG_LEVEL")) {
    auto parsed = parse_log_level(level->value);
    if (!parsed.ok()) return Error::invalid_input(level->source + " " + parsed.error().message);
    settings.level = *parsed;
  }
  if (auto format = choose(options.format, "--log-format", env, "STRATUS_LOG_FORMAT")) {
    auto parsed = parse_log_format(format->value);
    if (!parsed.ok()) return Error::invalid_input(format->source + " " + parsed.error().message);
    settings.format = *parsed;
  }
  return settings;
}

}  // namespace stratus
