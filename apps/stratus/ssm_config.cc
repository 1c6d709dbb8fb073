// Configuration from SSM Parameter Store (see ssm_config.h).
#include "apps/stratus/ssm_config.h"

#include <algorithm>
#include <utility>

#include "apps/stratus/secret_resolver.h"
#include "apps/stratus/ssm_connection.h"
#include "config/config_loader.h"
#include "config/config_validate.h"
#include "config/ssm_table.h"
#include "config/toml_text.h"

namespace stratus {
namespace {

bool is_path_character(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-' || c == '/';
}

// The key path of `name` below `under` ("/stratus/prod/"); ssm_parameters_to_table has checked
// the shape already.
KeyPath key_path_below(std::string_view name, std::string_view under) {
  KeyPath path;
  std::string_view rest = name.substr(under.size());
  for (std::size_t slash; (slash = rest.find('/')) != std::string_view::npos;
       rest.remove_prefix(slash + 1)) {
    path.emplace_back(rest.substr(0, slash));
  }
  path.emplace_back(rest);
  return path;
}

// Timeouts and retries for the call that loads the config: the embedded defaults with the
// STRATUS_HTTP__* overrides (there is no config yet to take them from).
HttpConfig http_for_loading(const std::map<std::string, std::string>& environment) {
  std::map<std::string, std::string> http_only;
  for (const auto& [name, value] : environment) {
    if (name.starts_with("STRATUS_HTTP__")) http_only.emplace(name, value);
  }
  ConfigSources sources;
  sources.profile = "dev";
  sources.environment = std::move(http_only);
  auto defaults = load_config(sources);
  return defaults.ok() ? defaults->http : HttpConfig{};
}

}  // namespace

Result<std::optional<std::string>> ssm_config_prefix(std::string_view location) {
  if (!location.starts_with(kSsmConfigScheme)) return std::optional<std::string>();
  std::string prefix(location.substr(kSsmConfigScheme.size()));
  while (prefix.size() > 1 && prefix.back() == '/') prefix.pop_back();
  if (prefix.size() < 2 || prefix.front() != '/' ||
      !std::all_of(prefix.begin(), prefix.end(), is_path_character) ||
      prefix.find("//") != std::string::npos) {
    return Error::invalid_input(
        "expected ssm:/<path> with a parameter path of letters, digits and _.-/ below the root, "
        "e.g. ssm:/stratus/prod",
        std::string(location));
  }
  return std::optional<std::string>(std::move(prefix));
}

Result<std::string> ssm_config_profile(std::string_view prefix, std::string_view requested) {
  const std::string last(prefix.substr(prefix.rfind('/') + 1));
  const std::string context = "ssm:" + std::string(prefix);
  if (!is_valid_profile_name(last)) {
    return Error::invalid_input("the last part of the prefix, " + toml_quote(last) +
                                    ", is the profile: expected 1-32 letters, digits, '-' or '_'",
                                context);
  }
  if (!requested.empty() && requested != last) {
    return Error::invalid_input("profile " + toml_quote(requested) +
                                    " was asked for, but the parameters under " +
                                    std::string(prefix) + " are profile " + toml_quote(last) +
                                    " (the prefix's last part): expected --profile " + last +
                                    " or no --profile (and no STRATUS_PROFILE)",
                                context);
  }
  return last;
}

Result<Config> config_from_ssm_parameters(const std::vector<SsmParameter>& parameters,
                                          std::string_view prefix, const std::string& profile,
                                          const std::map<std::string, std::string>& environment) {
  std::vector<ConfigParameter> config_parameters;
  config_parameters.reserve(parameters.size());
  for (const SsmParameter& p : parameters) {
    config_parameters.push_back({p.name, p.value, p.type == "SecureString"});
  }
  const std::string context = "ssm:" + std::string(prefix);
  auto table = ssm_parameters_to_table(config_parameters, prefix);
  if (!table.ok()) return table.error().within(context);

  ProfileLayer layer;
  layer.table = std::move(*table);
  layer.origin = ValueOrigin{context, "", false};
  const std::string under = std::string(prefix) + "/";
  for (const SsmParameter& p : parameters) {
    layer.value_origins.emplace_back(key_path_below(p.name, under),
                                     ValueOrigin{"ssm:" + p.name, "", false});
  }
  return load_config_from_layer(std::move(layer), profile, environment, "");
}

Result<Config> load_ssm_config(std::string_view prefix, const std::string& profile,
                               const std::map<std::string, std::string>& environment) {
  const std::string context = "ssm:" + std::string(prefix);
  STRATUS_ASSIGN_OR_RETURN(
      std::unique_ptr<SsmConnection> connection,
      SsmConnection::open(environment, http_for_loading(environment), "--config " + context));
  auto parameters = connection->store().get_parameters_by_path(prefix, /*recursive=*/true,
                                                               /*with_decryption=*/true);
  if (!parameters.ok()) {
    return parameters.error().within(context + " (SSM at " + connection->endpoint() + ")");
  }
  STRATUS_ASSIGN_OR_RETURN(Config config,
                           config_from_ssm_parameters(*parameters, prefix, profile, environment));
  std::map<std::string, std::string> values;
  for (SsmParameter& p : *parameters) values.emplace(std::move(p.name), std::move(p.value));
  remember_config_parameters(std::string(prefix), std::move(values));
  return config;
}

}  // namespace stratus
