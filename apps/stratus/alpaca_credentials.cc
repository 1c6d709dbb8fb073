// Alpaca credentials and endpoints: resolution from the Config and the environment.
#include "apps/stratus/alpaca_credentials.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "config/base_url.h"
#include "config/toml_text.h"
#include "support/redaction.h"

namespace stratus {
namespace {

constexpr std::string_view kBaseUrlVariable = "APCA_API_BASE_URL";
constexpr std::string_view kDataUrlVariable = "APCA_API_DATA_URL";
constexpr std::string_view kKeyIdVariable = "APCA_API_KEY_ID";
constexpr std::string_view kSecretKeyVariable = "APCA_API_SECRET_KEY";
constexpr std::string_view kKeyIdSecret = "alpaca_key_id";
constexpr std::string_view kSecretKeySecret = "alpaca_secret_key";

// The value of `name` in the environment, if set and non-empty.
std::optional<std::string> variable(const Environment& env, std::string_view name) {
  auto it = env.find(std::string(name));
  if (it == env.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// `value` for an error message: quoted, unless it holds user information (a password).
std::string shown(const std::string& value) {
  return value.find('@') != std::string::npos ? "(value hidden)" : toml_quote(value);
}

// Parses a base URL read from `source` ("APCA_API_BASE_URL" or a config key).
Result<BaseUrl> base_url_from(std::string_view source, const std::string& value) {
  Result<BaseUrl> parsed = parse_base_url(value);
  if (parsed.ok()) return parsed;
  return Error::invalid_input(std::string(source) + " = " + shown(value) + ": " +
                              std::string(kBaseUrlExpected) + "; " + parsed.error().message);
}

// One key of the pair: its value, or why it is missing (added to `missing`).
struct KeySource {
  std::string_view secret_name;  // The [secrets] entry that may point at it.
  std::string_view variable;     // The variable used when there is no such entry.
};

Result<std::optional<std::string>> read_key(const Config& config, const Environment& env,
                                            SecretResolver& secrets, const KeySource& source,
                                            std::vector<std::string>& missing) {
  std::string name;  // How the message names the place the key should be.
  std::string value;
  const std::string secret = "secrets." + std::string(source.secret_name);
  auto reference = config.secrets.find(std::string(source.secret_name));
  if (reference != config.secrets.end()) {
    const std::string& ref = reference->second;
    auto lookup = secrets.resolve(ref);
    if (!lookup.ok()) {
      // The config loader accepts only references; a hand-built Config may hold anything.
      Error error = lookup.error();
      if (error.code == ErrorCode::kInvalidInput) {
        return Error::invalid_input(secret +
                                    " is not a reference: expected \"env:NAME\" or \"ssm:/path\"");
      }
      return error.within(secret);
    }
    name = ref == "env:" + std::string(source.variable)
               ? std::string(source.variable)
               : lookup->place + " (named by " + secret + " = " + toml_quote(ref) + ")";
    if (!lookup->value) {
      missing.push_back(name + " " + lookup->absent);
      return std::optional<std::string>();
    }
    value = std::move(*lookup->value);
  } else {
    name = std::string(source.variable);
    auto it = env.find(name);
    if (it == env.end() || it->second.empty()) {
      missing.push_back(name + (it == env.end() ? " is not set" : " is empty"));
      return std::optional<std::string>();
    }
    value = it->second;
  }
  register_secret(value);  // Both keys: hidden in every log line and printed error.
  // A key goes into an HTTP header: no whitespace or control characters.
  const bool clean = std::all_of(value.begin(), value.end(), [](char c) {
    return static_cast<unsigned char>(c) > 0x20 && c != 0x7f;
  });
  if (!clean) {
    return Error::invalid_input(
        "the value of " + name +
        " holds whitespace or a control character (value not shown); an Alpaca API key does not");
  }
  return std::optional<std::string>(value);
}

std::string join_missing(const std::vector<std::string>& missing) {
  std::string out;
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) out += i + 1 == missing.size() ? " and " : ", ";
    out += missing[i];
  }
  return out;
}

}  // namespace

std::string_view alpaca_trading_kind_name(AlpacaTradingKind kind) {
  switch (kind) {
    case AlpacaTradingKind::kPaper:
      return "paper";
    case AlpacaTradingKind::kLive:
      return "live";
    case AlpacaTradingKind::kCustom:
      break;
  }
  return "custom";
}

Result<AlpacaTradingUrl> resolve_alpaca_trading_url(const Config& config, const Environment& env) {
  const bool live = config.alpaca.environment == AlpacaEnvironment::kLive;
  AlpacaTradingUrl out;
  std::string raw;
  if (auto from_env = variable(env, kBaseUrlVariable)) {
    out.source = std::string(kBaseUrlVariable);
    raw = *from_env;
  } else if (!config.alpaca.trading_url.empty()) {
    out.source = "alpaca.trading_url";
    raw = config.alpaca.trading_url;
  } else {
    out.source = "alpaca.environment";
    raw = live ? kAlpacaLiveTradingUrl : kAlpacaPaperTradingUrl;
  }
  STRATUS_ASSIGN_OR_RETURN(const BaseUrl url, base_url_from(out.source, raw));
  out.url = url.url;
  if (url.host == kAlpacaLiveHost) {
    out.kind = AlpacaTradingKind::kLive;
    if (!live) {
      return Error::invalid_input(
          out.source + " = " + shown(raw) +
          " points at LIVE trading but alpaca.environment = \"paper\"; set environment = "
          "\"live\" in the profile to trade real money");
    }
  } else if (url.host == kAlpacaPaperHost) {
    out.kind = AlpacaTradingKind::kPaper;
    if (live) {
      return Error::invalid_input(
          out.source + " = " + shown(raw) +
          " points at PAPER trading but alpaca.environment = \"live\"; use the live URL (leave "
          "alpaca.trading_url empty and unset APCA_API_BASE_URL) or set environment = \"paper\"");
    }
  } else {
    out.kind = AlpacaTradingKind::kCustom;
  }
  return out;
}

Result<std::string> resolve_alpaca_data_url(const Config& config, const Environment& env) {
  std::string source = "alpaca.data_url";
  std::string raw = config.alpaca.data_url;
  if (auto from_env = variable(env, kDataUrlVariable)) {
    source = std::string(kDataUrlVariable);
    raw = *from_env;
  }
  STRATUS_ASSIGN_OR_RETURN(const BaseUrl url, base_url_from(source, raw));
  return url.url;
}

Result<AlpacaKeys> resolve_alpaca_keys(const Config& config, const Environment& env,
                                       SecretResolver& secrets, std::string_view needed_by) {
  std::vector<std::string> missing;
  STRATUS_ASSIGN_OR_RETURN(const auto key_id,
                           read_key(config, env, secrets, {kKeyIdSecret, kKeyIdVariable}, missing));
  STRATUS_ASSIGN_OR_RETURN(
      const auto secret_key,
      read_key(config, env, secrets, {kSecretKeySecret, kSecretKeyVariable}, missing));
  if (!missing.empty()) {
    const bool in_ssm = std::any_of(missing.begin(), missing.end(), [](const std::string& m) {
      return m.starts_with("the SSM parameter");
    });
    return Error::invalid_input(
        std::string(needed_by) + " needs the Alpaca API key pair, but " + join_missing(missing) +
        "; set " + (missing.size() == 1 ? "it" : "them") +
        (in_ssm ? " (SSM parameters: with stratus config push, or aws ssm put-parameter "
                  "--type SecureString)"
                : " in the environment of stratus"));
  }
  return AlpacaKeys{*key_id, *secret_key};
}

Result<AlpacaKeys> resolve_alpaca_keys(const Config& config, const Environment& env,
                                       std::string_view needed_by) {
  auto secrets = process_secret_resolver(env, config.http);
  return resolve_alpaca_keys(config, env, *secrets, needed_by);
}

Result<AlpacaEndpoint> alpaca_trading_endpoint(const Config& config, const Environment& env,
                                               SecretResolver& secrets) {
  STRATUS_ASSIGN_OR_RETURN(const AlpacaTradingUrl url, resolve_alpaca_trading_url(config, env));
  STRATUS_ASSIGN_OR_RETURN(AlpacaKeys keys,
                           resolve_alpaca_keys(config, env, secrets, "broker.kind = \"alpaca\""));
  return AlpacaEndpoint{url.url, std::move(keys.key_id), std::move(keys.secret_key)};
}

Result<AlpacaEndpoint> alpaca_trading_endpoint(const Config& config, const Environment& env) {
  auto secrets = process_secret_resolver(env, config.http);
  return alpaca_trading_endpoint(config, env, *secrets);
}

Result<AlpacaEndpoint> alpaca_data_endpoint(const Config& config, const Environment& env,
                                            SecretResolver& secrets) {
  STRATUS_ASSIGN_OR_RETURN(const std::string url, resolve_alpaca_data_url(config, env));
  STRATUS_ASSIGN_OR_RETURN(AlpacaKeys keys,
                           resolve_alpaca_keys(config, env, secrets, "data.kind = \"alpaca\""));
  return AlpacaEndpoint{url, std::move(keys.key_id), std::move(keys.secret_key)};
}

Result<AlpacaEndpoint> alpaca_data_endpoint(const Config& config, const Environment& env) {
  auto secrets = process_secret_resolver(env, config.http);
  return alpaca_data_endpoint(config, env, *secrets);
}

}  // namespace stratus
