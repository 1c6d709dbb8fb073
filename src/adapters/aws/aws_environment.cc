#include "adapters/aws/aws_environment.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "adapters/aws/ini_file.h"
#include "adapters/http/url_parts.h"

namespace stratus {
namespace {

// A non-empty environment value (an empty variable counts as unset, as in the AWS CLI).
std::optional<std::string> get(const Environment& env, const std::string& name) {
  const auto it = env.find(name);
  if (it == env.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// One of the two shared files, with what is known about it.
struct SharedFile {
  std::string path;            // Empty when it cannot be located (no variable and no HOME).
  std::string described;       // "/home/u/.aws/config" or "AWS_CONFIG_FILE (HOME not set)".
  std::optional<IniFile> ini;  // Absent when the file does not exist.
};

Result<SharedFile> load_file(const Environment& env, const std::string& variable,
                             std::string_view default_name) {
  SharedFile file;
  const std::optional<std::string> home = get(env, "HOME");
  if (auto explicit_path = get(env, variable)) {
    file.path = *explicit_path;
    if (file.path.starts_with("~/")) {
      if (!home) {
        return Error::invalid_input(variable + " is '" + file.path +
                                    "', which starts with '~/' but HOME is not set");
      }
      file.path = *home + file.path.substr(1);
    }
  } else if (home) {
    file.path = *home + "/.aws/" + std::string(default_name);
  } else {
    file.described =
        "~/.aws/" + std::string(default_name) + " (neither " + variable + " nor HOME is set)";
    return file;
  }
  file.described = file.path;
  std::error_code error;
  if (!std::filesystem::exists(file.path, error)) {
    file.described += " (no such file)";
    return file;
  }
  if (!std::filesystem::is_regular_file(file.path, error)) {
    return Error::unavailable(
        "the AWS " + std::string(default_name) + " file is not a regular file", file.path);
  }
  std::ifstream in(file.path, std::ios::binary);
  std::string text;
  if (in) text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad()) {
    return Error::unavailable("cannot read the AWS " + std::string(default_name) + " file",
                              file.path);
  }
  STRATUS_ASSIGN_OR_RETURN(IniFile ini, IniFile::parse(text, file.path));
  file.ini = std::move(ini);
  return file;
}

std::string profile_name(const Environment& env) {
  return get(env, "AWS_PROFILE").value_or("default");
}

// The profile's section in the config file: [profile <name>], or [default] for "default".
const IniFile::Section* config_section(const SharedFile& config, const std::string& profile,
                                       std::string* section_name) {
  const std::array<std::string, 2> names = {
      profile == "default" ? std::string("default") : "profile " + profile, "profile " + profile};
  *section_name = names[0];  // Named in messages even when there is no file.
  if (!config.ini) return nullptr;
  for (const std::string& name : names) {
    if (const auto* section = config.ini->section(name)) {
      *section_name = name;
      return section;
    }
  }
  return nullptr;
}

std::optional<std::string> lookup(const IniFile::Section& section, const std::string& key) {
  const auto it = section.find(key);
  if (it == section.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// Credentials from one profile section. nullopt when the section holds no keys at all.
Result<std::optional<AwsCredentials>> keys_in(const IniFile::Section& section,
                                              const std::string& where) {
  AwsCredentials c;
  c.access_key_id = lookup(section, "aws_access_key_id").value_or("");
  c.secret_access_key = lookup(section, "aws_secret_access_key").value_or("");
  c.session_token = lookup(section, "aws_session_token").value_or("");
  if (c.access_key_id.empty() && c.secret_access_key.empty()) {
    for (const char* other : {"role_arn", "credential_process", "sso_session", "sso_start_url",
                              "web_identity_token_file"}) {
      if (section.contains(other)) {
        return Error::invalid_input(std::string("the profile uses '") + other +
                                        "', which Stratus does not support; expected "
                                        "aws_access_key_id and aws_secret_access_key",
                                    where);
      }
    }
    return std::optional<AwsCredentials>{};
  }
  if (c.access_key_id.empty()) {
    return Error::invalid_input(
        "aws_secret_access_key is set but aws_access_key_id is missing; expected both", where);
  }
  if (c.secret_access_key.empty()) {
    return Error::invalid_input(
        "aws_access_key_id '" + c.access_key_id + "' has no aws_secret_access_key; expected both",
        where);
  }
  return std::optional<AwsCredentials>{std::move(c)};
}

bool valid_region(std::string_view region) {
  if (region.empty()) return false;
  for (char c : region) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

Result<ResolvedCredentials> resolve_aws_credentials(const Environment& env) {
  const auto key_id = get(env, "AWS_ACCESS_KEY_ID");
  const auto secret = get(env, "AWS_SECRET_ACCESS_KEY");
  if (key_id && secret) {
    return ResolvedCredentials{
        .credentials = {.access_key_id = *key_id,
                        .secret_access_key = *secret,
                        .session_token = get(env, "AWS_SESSION_TOKEN").value_or("")},
        .source = "environment (AWS_ACCESS_KEY_ID)"};
  }
  if (key_id) {
    return Error::invalid_input("AWS_ACCESS_KEY_ID is set ('" + *key_id +
                                "') but AWS_SECRET_ACCESS_KEY is not; expected both or neither");
  }
  if (secret) {
    return Error::invalid_input(
        "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; expected both or neither");
  }

  const std::string profile = profile_name(env);
  STRATUS_ASSIGN_OR_RETURN(const SharedFile credentials_file,
                           load_file(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials"));
  STRATUS_ASSIGN_OR_RETURN(const SharedFile config_file,
                           load_file(env, "AWS_CONFIG_FILE", "config"));

  bool profile_seen = false;
  std::string credentials_note = credentials_file.described;
  if (credentials_file.ini) {
    if (const auto* section = credentials_file.ini->section(profile)) {
      profile_seen = true;
      const std::string where = credentials_file.path + " [" + profile + "]";
      STRATUS_ASSIGN_OR_RETURN(auto keys, keys_in(*section, where));
      if (keys) return ResolvedCredentials{.credentials = std::move(*keys), .source = where};
      credentials_note += " (section [" + profile + "] has no keys)";
    } else {
      credentials_note += " (no section [" + profile + "])";
    }
  }
  std::string config_note = config_file.described;
  if (config_file.ini) {
    std::string section_name;
    if (const auto* section = config_section(config_file, profile, &section_name)) {
      profile_seen = true;
      const std::string where = config_file.path + " [" + section_name + "]";
      STRATUS_ASSIGN_OR_RETURN(auto keys, keys_in(*section, where));
      if (keys) return ResolvedCredentials{.credentials = std::move(*keys), .source = where};
      config_note += " (section [" + section_name + "] has no keys)";
    } else {
      config_note += " (no section [" + section_name + "])";
    }
  }

  const std::string looked =
      "looked in the environment (AWS_ACCESS_KEY_ID, "
      "AWS_SECRET_ACCESS_KEY), then profile '" +
      profile + "' in " + credentials_note + " and in " + config_note;
  if (get(env, "AWS_PROFILE") && !profile_seen) {
    return Error::invalid_input("AWS_PROFILE is '" + profile + "' but no such profile exists; " +
                                looked);
  }
  return Error::not_found("no AWS credentials found; " + looked);
}

Result<std::string> resolve_aws_region(const Environment& env) {
  std::string region;
  std::string source;
  if (auto value = get(env, "AWS_REGION")) {
    region = *value;
    source = "AWS_REGION";
  } else if (auto fallback = get(env, "AWS_DEFAULT_REGION")) {
    region = *fallback;
    source = "AWS_DEFAULT_REGION";
  } else {
    const std::string profile = profile_name(env);
    STRATUS_ASSIGN_OR_RETURN(const SharedFile config_file,
                             load_file(env, "AWS_CONFIG_FILE", "config"));
    std::string section_name;
    const auto* section = config_section(config_file, profile, &section_name);
    const auto value = section ? lookup(*section, "region") : std::nullopt;
    if (!value) {
      return Error::invalid_input(
          "no AWS region configured; expected AWS_REGION or AWS_DEFAULT_REGION, or 'region' "
          "in section [" +
          section_name + "] of " + config_file.described);
    }
    region = *value;
    source = config_file.path + " [" + section_name + "]";
  }
  if (!valid_region(region)) {
    return Error::invalid_input("AWS region '" + region +
                                    "' is not a region name; expected lower-case letters, "
                                    "digits and '-', e.g. 'us-east-1'",
                                source);
  }
  return region;
}

std::string endpoint_variable_name(std::string_view service_id) {
  std::string name = "AWS_ENDPOINT_URL_";
  for (char c : service_id) {
    if (c == ' ') {
      name += '_';
    } else if (c >= 'a' && c <= 'z') {
      name += static_cast<char>(c - 'a' + 'A');
    } else {
      name += c;
    }
  }
  return name;
}

Result<std::string> resolve_aws_endpoint(const Environment& env, const AwsService& service,
                                         std::string_view region) {
  const auto ignore = get(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  if (!ignore || (*ignore != "true" && *ignore != "TRUE" && *ignore != "True")) {
    for (const std::string& variable :
         {endpoint_variable_name(service.id), std::string("AWS_ENDPOINT_URL")}) {
      auto value = get(env, variable);
      if (!value) continue;
      if (auto parsed = parse_url(*value); !parsed.ok()) {
        return Error::invalid_input(
            variable + " is not an absolute http(s) URL: " + parsed.error().message, variable);
      }
      while (value->ends_with('/')) value->pop_back();
      return *value;
    }
  }
  if (region.empty()) {
    return Error::invalid_input("no AWS region to build the " + service.id +
                                " endpoint from; expected a region such as 'us-east-1'");
  }
  return "https://" + service.endpoint_prefix + "." + std::string(region) + ".amazonaws.com";
}

Result<AwsSettings> resolve_aws_settings(const Environment& env, const AwsService& service) {
  AwsSettings settings;
  STRATUS_ASSIGN_OR_RETURN(settings.credentials, resolve_aws_credentials(env));
  STRATUS_ASSIGN_OR_RETURN(settings.region, resolve_aws_region(env));
  STRATUS_ASSIGN_OR_RETURN(settings.endpoint, resolve_aws_endpoint(env, service, settings.region));
  settings.signing_service = service.signing_name;
  return settings;
}

}  // namespace stratus
