#include "apps/stratus/cli_context.h"

#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "apps/stratus/ssm_config.h"
#include "config/config_loader.h"
#include "support/log.h"
#include "support/redaction.h"

extern char** environ;

namespace stratus {

std::map<std::string, std::string> read_environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text = *entry;
    const auto eq = text.find('=');
    if (eq != std::string::npos) env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return env;
}

std::string config_location(const GlobalOptions& options,
                            const std::map<std::string, std::string>& env) {
  std::string path = options.config_path;
  if (path.empty()) {
    auto it = env.find("STRATUS_CONFIG");
    if (it != env.end()) path = it->second;
  }
  if (path.empty() && std::filesystem::exists("stratus.toml")) path = "stratus.toml";
  return path;
}

namespace {

// Why config_location() gave `path`, for the debug log.
std::string config_chosen_by(const GlobalOptions& options,
                             const std::map<std::string, std::string>& env,
                             const std::string& path) {
  if (!options.config_path.empty()) return "--config";
  if (auto it = env.find("STRATUS_CONFIG"); it != env.end() && !it->second.empty()) {
    return "STRATUS_CONFIG";
  }
  return path.empty() ? "no ./stratus.toml" : "./stratus.toml";
}

}  // namespace

Result<Config> load_effective_config(const GlobalOptions& options,
                                     const std::map<std::string, std::string>& env) {
  std::string requested = options.profile;
  if (requested.empty()) {
    auto it = env.find("STRATUS_PROFILE");
    if (it != env.end()) requested = it->second;
  }
  const std::string path = config_location(options, env);
  STRATUS_ASSIGN_OR_RETURN(std::optional<std::string> prefix, ssm_config_prefix(path));
  if (prefix) {
    STRATUS_ASSIGN_OR_RETURN(std::string profile, ssm_config_profile(*prefix, requested));
    log_debug("config source", {{"source", "ssm:" + *prefix}, {"profile", profile}});
    return load_ssm_config(*prefix, profile, env);
  }
  ConfigSources sources;
  sources.environment = env;
  sources.profile = requested.empty() ? "dev" : requested;
  log_debug("config source", {{"source", path.empty() ? std::string("embedded defaults") : path},
                              {"chosen_by", config_chosen_by(options, env, path)},
                              {"profile", sources.profile}});
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) {
      return Error::invalid_input("config file not found", path);
    }
    sources.file_path = path;
  }
  return load_config(sources);
}

int report_error(const Error& error) {
  fmt::print(stderr, "stratus: {}\n", redact(error.to_string()));
  return error.code == ErrorCode::kInvalidInput ? kExitBadInput : kExitFailure;
}

Result<std::pair<Date, Date>> parse_date_range(const std::string& from, const std::string& to) {
  auto first = parse_date(from);
  if (!first.ok()) return first.error().within("--from");
  auto last = parse_date(to);
  if (!last.ok()) return last.error().within("--to");
  if (*last < *first) return Error::invalid_input("--to " + to + " is before --from " + from);
  return std::make_pair(*first, *last);
}

}  // namespace stratus
