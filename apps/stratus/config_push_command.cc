// `stratus config push` (see config_push_command.h).
#include "apps/stratus/config_push_command.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "apps/stratus/config_push_plan.h"
#include "apps/stratus/ssm_config.h"
#include "apps/stratus/ssm_connection.h"
#include "config/config_loader.h"
#include "config/table_merge.h"

namespace stratus {
namespace {

struct PushOptions {
  std::string profile;
  std::string config_path;
  std::string prefix;
  bool dry_run = false;
  bool overwrite = false;
};

// The file's [default] merged with its [<profile>] (what the user wrote). InvalidInput when the
// file cannot be parsed.
Result<toml::table> written_profile(const std::string& path, const std::string& profile) {
  toml::table file;
  try {
    file = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::invalid_input(std::string(e.description()), path);
  }
  toml::table out;
  if (const auto* base = file.get_as<toml::table>("default")) merge_table_into(out, *base);
  if (profile != "default") {
    if (const auto* overlay = file.get_as<toml::table>(profile)) merge_table_into(out, *overlay);
  }
  return out;
}

int push(const GlobalOptions& global, const PushOptions& options) {
  const Environment env = read_environment();
  GlobalOptions effective = global;
  if (!options.config_path.empty()) effective.config_path = options.config_path;
  if (!options.profile.empty()) effective.profile = options.profile;
  std::string profile = effective.profile;
  if (profile.empty()) {
    auto it = env.find("STRATUS_PROFILE");
    if (it != env.end()) profile = it->second;
  }
  if (profile.empty()) {
    return report_error(Error::invalid_input(
        "stratus config push: expected --profile P, the profile of the file to push"));
  }
  const std::string path = config_location(effective, env);
  if (path.empty() || path.starts_with(kSsmConfigScheme)) {
    return report_error(Error::invalid_input(
        "stratus config push reads a TOML file: expected --config FILE (or $STRATUS_CONFIG, or "
        "./stratus.toml), got " +
        (path.empty() ? std::string("none") : path)));
  }
  if (!std::filesystem::exists(path)) {
    return report_error(Error::invalid_input("config file not found", path));
  }
  std::string prefix = options.prefix.empty() ? "/stratus/" + profile : options.prefix;
  auto checked_prefix = ssm_config_prefix("ssm:" + prefix);
  if (!checked_prefix.ok()) return report_error(checked_prefix.error());
  prefix = **checked_prefix;

  // 1. The profile loads as it would from the file (no environment overrides: they are not
  // pushed).
  ConfigSources sources;
  sources.file_path = path;
  sources.profile = profile;
  auto loaded = load_config(sources);
  if (!loaded.ok()) return report_error(loaded.error());

  // 2. The plan.
  auto written = written_profile(path, profile);
  if (!written.ok()) return report_error(written.error());
  auto plan = plan_config_push(*written, prefix, env);
  if (!plan.ok()) return report_error(plan.error().within(path + " [" + profile + "]"));

  // 3. What SSM holds.
  auto connection = SsmConnection::open(env, loaded->http, "stratus config push");
  if (!connection.ok()) return report_error(connection.error());
  SsmParameterStore& store = (*connection)->store();
  auto existing = store.get_parameters_by_path(prefix, /*recursive=*/true,
                                               /*with_decryption=*/true);
  if (!existing.ok()) return report_error(existing.error().within("ssm:" + prefix));
  const PushDiff diff = diff_config_push(*plan, *existing, options.overwrite);

  for (const std::string& line : plan->skipped) fmt::print("skipped    {}\n", line);
  for (const std::string& name : plan->kept) {
    fmt::print("kept       {} (an ssm: secret: left alone, must exist already){}\n", name,
               std::find(diff.missing.begin(), diff.missing.end(), name) != diff.missing.end()
                   ? ": MISSING"
                   : "");
  }
  for (const std::string& name : diff.unchanged) fmt::print("unchanged  {}\n", name);
  for (const std::string& name : diff.stale) {
    fmt::print("stale      {} (not in {} [{}]; not deleted)\n", name, path, profile);
  }
  if (!diff.missing.empty()) {
    std::string names;
    for (const auto& n : diff.missing) names += (names.empty() ? "" : ", ") + n;
    return report_error(Error::invalid_input(
        "nothing pushed: the secret parameter(s) " + names +
        " do not exist; create them first (aws ssm put-parameter --type SecureString) or write "
        "the secret as \"env:VAR\" so push copies it"));
  }
  if (!diff.conflicts.empty()) {
    std::string names;
    for (const auto& n : diff.conflicts) names += (names.empty() ? "" : ", ") + n;
    return report_error(Error::conflict("nothing pushed: " + names +
                                        " already hold(s) a different value; rerun with "
                                        "--overwrite to replace"));
  }

  // 4. The writes.
  const char* verb = options.dry_run ? "would write" : "wrote";
  int done = 0;
  for (const PushParameter& p : diff.writes) {
    if (!options.dry_run) {
      if (auto put = store.put_parameter(p.name, p.value, p.type, options.overwrite); !put.ok()) {
        fmt::print("stopped after {} of {} writes\n", done, diff.writes.size());
        return report_error(put.error());
      }
    }
    ++done;
    if (p.type == "SecureString") {
      fmt::print("{:<10} {} (SecureString from {}; value not shown)\n", verb, p.name, p.source);
    } else {
      fmt::print("{:<10} {} = {}\n", verb, p.name, p.value);
    }
  }
  fmt::print("{}{} parameter(s) {} under {} ({} unchanged, {} skipped, {} stale){}\n",
             options.dry_run ? "dry run: " : "", done, options.dry_run ? "to write" : "written",
             prefix, diff.unchanged.size(), plan->skipped.size(), diff.stale.size(),
             options.dry_run ? "; nothing written" : "");
  return kExitOk;
}

}  // namespace

void add_config_push_commands(CLI::App& app, const GlobalOptions& global, CommandTable& table) {
  auto options = std::make_shared<PushOptions>();
  CLI::App* config = app.get_subcommand("config");
  CLI::App* push_cmd = config->add_subcommand(
      "push", "write a profile of the TOML file to SSM Parameter Store (secrets as SecureString)");
  push_cmd->add_option("--profile", options->profile,
                       "the profile to push (default: the global --profile, $STRATUS_PROFILE)");
  push_cmd->add_option("--config", options->config_path,
                       "the TOML file (default: the global --config, $STRATUS_CONFIG, "
                       "./stratus.toml)");
  push_cmd->add_option("--prefix", options->prefix, "the parameter path (default /stratus/<P>)");
  push_cmd->add_flag("--dry-run", options->dry_run, "check and print, write nothing");
  push_cmd->add_flag("--overwrite", options->overwrite, "replace parameters holding other values");
  table.add(push_cmd, [&global, options] { return push(global, *options); });
}

}  // namespace stratus
