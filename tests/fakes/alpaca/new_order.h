// NewOrder: the body of POST /v2/orders as the fake Alpaca reads and validates it, field by field,
// per the Trading API spec (postOrder). Test support only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/money.h"
#include "fakes/alpaca/api_error.h"

namespace stratus::fakes {

// Share quantities in the fake are counted in billionths (Alpaca accepts up to nine decimals).
inline constexpr std::int64_t kNanosPerShare = 1'000'000'000;

struct NewOrder {
  std::string symbol;
  std::optional<std::int64_t> qty_nanos;  // Exactly one of qty_nanos and notional is set.
  std::optional<Money> notional;
  std::string side;           // buy | sell
  std::string type;           // market | limit | stop | stop_limit | trailing_stop
  std::string time_in_force;  // day | gtc | opg | cls | ioc | fok
  std::optional<Money> limit_price;
  std::optional<Money> stop_price;
  std::optional<Money> trail_price;
  std::optional<std::string> trail_percent;
  bool extended_hours = false;
  std::string client_order_id;  // Empty when the client sent none (the fake generates one).
  std::string order_class;      // "" or "simple"
};

// Parses and validates a request body. Errors as Alpaca answers them: 400 / 40010000 when the
// body is not a JSON object; 422 / 40010001 naming the field for a missing, ill-typed or invalid
// field (decimals must be JSON strings; qty XOR notional; limit_price for limit orders; no
// sub-penny prices of $1 or more; client_order_id at most 128 characters; fractional and
// notional orders only as market day orders).
ApiResult<NewOrder> parse_new_order(std::string_view body);

// "2", "0.5": a quantity in billionths of a share as Alpaca writes it.
std::string format_share_nanos(std::int64_t nanos);

}  // namespace stratus::fakes
