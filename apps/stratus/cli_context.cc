#include "apps/stratus/cli_context.h"

#include <unistd.h>

#include <filesystem>

#include <fmt/format.h>

#include "config/config_loader.h"

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

Result<Config> load_effective_config(const GlobalOptions& options,
                                     const std::map<std::string, std::string>& env) {
  ConfigSources sources;
  sources.environment = env;
  sources.profile = options.profile;
  if (sources.profile.empty()) {
    auto it = env.find("STRATUS_PROFILE");
    sources.profile = it != env.end() && !it->second.empty() ? it->second : "dev";
  }
  std::string path = options.config_path;
  if (path.empty()) {
    auto it = env.find("STRATUS_CONFIG");
    if (it != env.end()) path = it->second;
  }
  if (path.empty() && std::filesystem::exists("stratus.toml")) path = "stratus.toml";
  if (!path.empty()) {
    if (!std::filesystem::exists(path)) {
      return Error::invalid_input("config file not found", path);
    }
    sources.file_path = path;
  }
  return load_config(sources);
}

int report_error(const Error& error) {
  fmt::print(stderr, "stratus: {}\n", error.to_string());
  return error.code == ErrorCode::kInvalidInput ? kExitBadInput : kExitFailure;
}

}  // namespace stratus
