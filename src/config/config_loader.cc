// Loading the effective Config: defaults, stratus.toml profiles and STRATUS_* overrides.
#include "config/config_loader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config_validate.h"
#include "config/embedded_defaults.h"
#include "config/table_merge.h"
#include "config/toml_text.h"
#include "config/value_origin.h"

namespace stratus {
namespace {

constexpr std::string_view kEnvPrefix = "STRATUS_";
constexpr std::string_view kDefaultProfile = "default";
constexpr std::string_view kBuiltInProfiles[] = {"dev", "stage", "prod"};

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Parses TOML text; a syntax error becomes InvalidInput "line L, column C: ..." in `name`.
Result<toml::table> parse_toml(std::string_view text, const std::string& name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Error::invalid_input("line " + std::to_string(where.line) + ", column " +
                                    std::to_string(where.column) + ": " +
                                    std::string(e.description()),
                                name);
  }
}

Result<std::string> read_file(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Error::invalid_input("cannot read the config file: it does not exist", path);
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Error::invalid_input("cannot read the config file: it is not a regular file", path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    return Error::invalid_input("cannot read the config file: it cannot be opened", path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    return Error::invalid_input("cannot read the config file: read failed", path);
  }
  return text.str();
}

// One STRATUS_* variable, ready to merge.
struct EnvOverride {
  std::string name;  // As found in the environment.
  KeyPath path;      // Lower-case key path (symbols under limits.symbol_caps upper-case).
  toml::table overlay;
};

// The STRATUS_* overrides in `environment`, shallower paths first (so a deeper, more specific
// variable wins over a table given whole).
Result<std::vector<EnvOverride>> collect_overrides(
    const std::map<std::string, std::string>& environment) {
  std::vector<EnvOverride> overrides;
  for (const auto& [name, text] : environment) {
    const std::string upper = to_upper(name);
    if (!upper.starts_with(kEnvPrefix)) continue;
    const std::string rest = upper.substr(kEnvPrefix.size());
    if (rest == "PROFILE" || rest == "CONFIG" || rest.starts_with("LOG")) continue;
    EnvOverride override_;
    override_.name = name;
    std::size_t start = 0;
    while (true) {
      std::size_t end = rest.find("__", start);
      std::string segment =
          to_lower(rest.substr(start, end == std::string::npos ? end : end - start));
      if (segment.empty() || segment.front() == '_' || segment.back() == '_') {
        return Error::invalid_input(
            name +
                ": expected STRATUS_<SECTION>__<KEY> with '__' between non-empty parts, "
                "e.g. STRATUS_LIMITS__MONTHLY_SHARE_CAP",
            "environment");
      }
      override_.path.push_back(std::move(segment));
      if (end == std::string::npos) break;
      start = end + 2;
    }
    if (override_.path.size() == 3 && override_.path[0] == "limits" &&
        override_.path[1] == "symbol_caps") {
      override_.path[2] = to_upper(override_.path[2]);
    }
    toml::table value = override_value_table(name, text);
    // Wrap the value in tables along the path: {a = {b = value}}.
    toml::node* leaf = value.get("v");
    toml::table overlay;
    toml::table* at = &overlay;
    for (std::size_t i = 0; i + 1 < override_.path.size(); ++i) {
      at->insert(override_.path[i], toml::table{});
      at = at->get_as<toml::table>(override_.path[i]);
    }
    at->insert_or_assign(override_.path.back(), std::move(*leaf));
    override_.overlay = std::move(overlay);
    overrides.push_back(std::move(override_));
  }
  std::sort(overrides.begin(), overrides.end(), [](const EnvOverride& a, const EnvOverride& b) {
    if (a.path.size() != b.path.size()) return a.path.size() < b.path.size();
    return a.name < b.name;
  });
  for (std::size_t i = 1; i < overrides.size(); ++i) {
    if (overrides[i].path == overrides[i - 1].path) {
      return Error::invalid_input(overrides[i - 1].name + " and " + overrides[i].name +
                                      " both set " + format_key_path(overrides[i].path) +
                                      ": expected one variable per key",
                                  "environment");
    }
  }
  return overrides;
}

// The profiles that may be loaded from `file`: the built-in ones plus every table it defines.
std::set<std::string> known_profiles(const toml::table* file) {
  std::set<std::string> profiles(std::begin(kBuiltInProfiles), std::end(kBuiltInProfiles));
  if (file != nullptr) {
    for (const auto& [key, value] : *file) profiles.emplace(key.str());
  }
  return profiles;
}

Error unknown_profile(const std::string& profile, const std::set<std::string>& profiles,
                      const std::string& context) {
  std::string message = "profile " + toml_quote(profile) + " is not defined: expected one of ";
  std::string best;
  std::size_t best_distance = 3;
  bool first = true;
  for (const std::string& known : profiles) {
    if (!first) message += ", ";
    first = false;
    message += toml_quote(known);
    std::size_t d = edit_distance(profile, known);
    if (d < best_distance) {
      best_distance = d;
      best = known;
    }
  }
  if (!best.empty()) message += "; did you mean " + toml_quote(best) + "?";
  return Error::invalid_input(std::move(message), context);
}

// Checks the shape of the file itself: only profile tables at the top level.
Status check_file_layout(const toml::table& file, const std::string& path) {
  for (const auto& [key, value] : file) {
    std::string where = " (line " + std::to_string(value.source().begin.line) + ")";
    if (!value.is_table()) {
      return Error::invalid_input(
          toml_key(key.str()) + " = " + describe_toml_value(value) +
              ": settings go inside a profile table such as [default] or [dev]" + where,
          path);
    }
    if (!is_valid_profile_name(key.str())) {
      return Error::invalid_input("[" + toml_key(key.str()) +
                                      "]: expected a profile name of 1-32 letters, digits, '-' "
                                      "or '_'" +
                                      where,
                                  path);
    }
  }
  return {};
}

// The merged table of one profile, before environment overrides.
struct Layered {
  toml::table table;
  OriginMap origins;
};

// Layers `profile`: the defaults, then (when there is a file) its [default] and [<profile>]
// tables. The file is parsed afresh from `file_text` because toml++ copies drop source
// positions, and error messages want line numbers.
Result<Layered> layer_profile(const toml::table& defaults, const std::string* file_text,
                              const std::string& file_path, const std::string& profile) {
  Layered out;
  toml::table defaults_copy = defaults;
  merge_table_into(out.table, std::move(defaults_copy),
                   ValueOrigin{std::string(kEmbeddedDefaultsName), "", false}, &out.origins);
  if (file_text == nullptr) return out;
  STRATUS_ASSIGN_OR_RETURN(toml::table file, parse_toml(*file_text, file_path));
  std::vector<std::string> names{std::string(kDefaultProfile)};
  if (profile != kDefaultProfile) names.push_back(profile);
  for (const std::string& name : names) {
    toml::table* overlay = file.get_as<toml::table>(name);
    if (overlay == nullptr) continue;
    merge_table_into(out.table, std::move(*overlay), ValueOrigin{file_path, "[" + name + "]", true},
                     &out.origins);
  }
  return out;
}

}  // namespace

// See config_loader.h.
toml::table override_value_table(const std::string& name, const std::string& text) {
  toml::table holder;
  bool parsed = false;
  try {
    holder = toml::parse("v = " + text, name);
    parsed = holder.size() == 1;
  } catch (const toml::parse_error&) {
    parsed = false;
  }
  if (parsed) {
    const toml::node* v = holder.get("v");
    parsed = v != nullptr && (v->is_integer() || v->is_boolean() || v->is_array() ||
                              v->is_table() || v->is_string());
  }
  if (!parsed) {
    holder.clear();
    holder.insert("v", text);
  }
  return holder;
}

Result<toml::table> embedded_defaults_table() {
  Result<toml::table> parsed =
      parse_toml(embedded_defaults_toml(), std::string(kEmbeddedDefaultsName));
  if (!parsed.ok()) {
    return Error::internal("the embedded defaults are not valid TOML: " + parsed.error().message,
                           std::string(kEmbeddedDefaultsName));
  }
  return parsed;
}

Result<Config> config_from_table(const toml::table& merged, const std::string& profile,
                                 const std::string& base_dir) {
  const auto& source = merged.source().path;
  std::string context = source != nullptr && !source->empty() ? *source : "config";
  return validate_config_table(merged, profile, base_dir, OriginMap{}, context);
}

Result<Config> load_config_from_layer(ProfileLayer layer, const std::string& profile,
                                      const std::map<std::string, std::string>& environment,
                                      const std::string& base_dir) {
  if (!is_valid_profile_name(profile)) {
    return Error::invalid_input(
        "profile " + toml_quote(profile) + ": expected a name of 1-32 letters, digits, '-' or '_'",
        layer.origin.context);
  }
  STRATUS_ASSIGN_OR_RETURN(toml::table defaults, embedded_defaults_table());
  STRATUS_ASSIGN_OR_RETURN(std::vector<EnvOverride> overrides, collect_overrides(environment));
  STRATUS_ASSIGN_OR_RETURN(Layered layered, layer_profile(defaults, nullptr, "", profile));
  merge_table_into(layered.table, std::move(layer.table), layer.origin, &layered.origins);
  for (const auto& [path, origin] : layer.value_origins) layered.origins.record(path, origin);
  for (EnvOverride& override_ : overrides) {
    merge_table_into(layered.table, std::move(override_.overlay),
                     ValueOrigin{"environment " + override_.name, "", false}, &layered.origins);
  }
  return validate_config_table(layered.table, profile, base_dir, layered.origins,
                               layer.origin.context);
}

Result<Config> load_config(const ConfigSources& sources) {
  const std::string& profile = sources.profile;
  const std::string context = sources.file_path.value_or("config");
  if (!is_valid_profile_name(profile)) {
    return Error::invalid_input(
        "profile " + toml_quote(profile) + ": expected a name of 1-32 letters, digits, '-' or '_'",
        context);
  }
  STRATUS_ASSIGN_OR_RETURN(toml::table defaults, embedded_defaults_table());

  std::optional<std::string> file_text;
  std::optional<toml::table> file;
  std::string base_dir;
  if (sources.file_path) {
    const std::string& path = *sources.file_path;
    STRATUS_ASSIGN_OR_RETURN(file_text, read_file(path));
    STRATUS_ASSIGN_OR_RETURN(file, parse_toml(*file_text, path));
    STRATUS_RETURN_IF_ERROR(check_file_layout(*file, path));
    base_dir = std::filesystem::path(path).parent_path().string();
  }
  const toml::table* file_table = file ? &*file : nullptr;
  const std::string* text = file_text ? &*file_text : nullptr;
  const std::set<std::string> profiles = known_profiles(file_table);
  if (profiles.count(profile) == 0) return unknown_profile(profile, profiles, context);

  STRATUS_ASSIGN_OR_RETURN(std::vector<EnvOverride> overrides,
                           collect_overrides(sources.environment));
  STRATUS_ASSIGN_OR_RETURN(Layered layered, layer_profile(defaults, text, context, profile));
  for (EnvOverride& override_ : overrides) {
    merge_table_into(layered.table, std::move(override_.overlay),
                     ValueOrigin{"environment " + override_.name, "", false}, &layered.origins);
  }
  STRATUS_ASSIGN_OR_RETURN(Config config, validate_config_table(layered.table, profile, base_dir,
                                                                layered.origins, context));

  // The other profiles of the file must be valid too (without environment overrides).
  if (file_table != nullptr) {
    for (const auto& [key, value] : *file_table) {
      const std::string other(key.str());
      if (other == profile) continue;
      STRATUS_ASSIGN_OR_RETURN(Layered other_layers, layer_profile(defaults, text, context, other));
      Result<Config> checked =
          validate_config_table(other_layers.table, other, base_dir, other_layers.origins, context);
      if (!checked.ok()) return checked.error();
    }
  }
  return config;
}

}  // namespace stratus
