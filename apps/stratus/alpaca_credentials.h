// Alpaca credentials and endpoints: from the Config and the process environment (read once, in
// main) to the AlpacaEndpoint of the Trading API and of the Market Data API. No getenv; the only
// I/O is an "ssm:" secret reference read through the SecretResolver (secret_resolver.h). Key
// values are secrets: they appear in the returned endpoints only, never in an error.
//
// Keys: secrets.alpaca_key_id / secrets.alpaca_secret_key when set ("env:NAME": that variable,
// non-empty; "ssm:/path": that SSM parameter, decrypted, non-empty), else APCA_API_KEY_ID /
// APCA_API_SECRET_KEY (the names the Alpaca SDKs use). The overloads without a SecretResolver
// use process_secret_resolver(env, config.http).
// Trading URL: APCA_API_BASE_URL if set (an empty variable counts as unset), else
// alpaca.trading_url if non-empty, else by alpaca.environment. The live host (api.alpaca.markets)
// is refused unless environment = "live", and the paper host with "live"; any other host (a local
// fake, a proxy) is taken as given. Data URL: APCA_API_DATA_URL if set, else alpaca.data_url. A
// trailing "/" or "/v2" is dropped (the SDKs accept both); the scheme must be http(s).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "adapters/alpaca/alpaca_endpoint.h"
#include "apps/stratus/secret_resolver.h"
#include "config/config.h"
#include "domain/result.h"

namespace stratus {

inline constexpr std::string_view kAlpacaPaperHost = "paper-api.alpaca.markets";
inline constexpr std::string_view kAlpacaLiveHost = "api.alpaca.markets";

// Which Trading API a URL reaches: Alpaca's paper or live host, or another one (a fake, a proxy).
enum class AlpacaTradingKind { kPaper, kLive, kCustom };

// "paper", "live" or "custom".
std::string_view alpaca_trading_kind_name(AlpacaTradingKind kind);

struct AlpacaTradingUrl {
  std::string url;  // "https://paper-api.alpaca.markets": no trailing "/" or "/v2".
  AlpacaTradingKind kind = AlpacaTradingKind::kPaper;
  std::string source;  // Where it came from: "APCA_API_BASE_URL", "alpaca.trading_url" or
                       // "alpaca.environment".
};

// The trading URL (rules above). Errors: InvalidInput naming the variable or key, its value
// (unless it holds user information) and what was expected, or the live/paper mismatch.
Result<AlpacaTradingUrl> resolve_alpaca_trading_url(const Config& config, const Environment& env);

// The market data URL (rules above). Errors: InvalidInput as for the trading URL.
Result<std::string> resolve_alpaca_data_url(const Config& config, const Environment& env);

struct AlpacaKeys {
  std::string key_id;
  std::string secret_key;
};

// The key pair (rules above); `needed_by` says which setting needs it, e.g.
// "broker.kind = \"alpaca\"". Errors: InvalidInput naming every variable, parameter or
// reference that is missing or empty (or whose value holds whitespace or control characters,
// value not shown); the SSM errors of an "ssm:" reference (Rejected, Unavailable, ...) with
// context "secrets.<name>".
Result<AlpacaKeys> resolve_alpaca_keys(const Config& config, const Environment& env,
                                       std::string_view needed_by);
Result<AlpacaKeys> resolve_alpaca_keys(const Config& config, const Environment& env,
                                       SecretResolver& secrets, std::string_view needed_by);

// The Trading API endpoint for broker.kind = "alpaca": URL checked first, then the keys.
Result<AlpacaEndpoint> alpaca_trading_endpoint(const Config& config, const Environment& env);
Result<AlpacaEndpoint> alpaca_trading_endpoint(const Config& config, const Environment& env,
                                               SecretResolver& secrets);

// The Market Data API endpoint for data.kind = "alpaca": URL checked first, then the keys.
Result<AlpacaEndpoint> alpaca_data_endpoint(const Config& config, const Environment& env);
Result<AlpacaEndpoint> alpaca_data_endpoint(const Config& config, const Environment& env,
                                            SecretResolver& secrets);

}  // namespace stratus
