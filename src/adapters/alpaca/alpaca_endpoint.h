// AlpacaEndpoint: where and as whom the Alpaca adapters talk: the API's base URL (paper or live
// trading, or market data) and the API key pair. The key values are secrets: they travel only in
// request headers marked secret, never in errors or logs.
#pragma once

#include <string>

namespace stratus {

inline constexpr const char* kAlpacaPaperTradingUrl = "https://paper-api.alpaca.markets";
inline constexpr const char* kAlpacaLiveTradingUrl = "https://api.alpaca.markets";

struct AlpacaEndpoint {
  std::string base_url = kAlpacaPaperTradingUrl;  // http(s)://host[:port], no path.
  std::string key_id;                             // Sent as APCA-API-KEY-ID.
  std::string secret_key;                         // Sent as APCA-API-SECRET-KEY.
};

}  // namespace stratus
