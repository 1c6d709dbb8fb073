#include "fakes/alpaca/new_order.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "domain/decimal.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

constexpr std::array kSides = {"buy", "sell"};
constexpr std::array kTypes = {"market", "limit", "stop", "stop_limit", "trailing_stop"};
constexpr std::array kTimesInForce = {"day", "gtc", "opg", "cls", "ioc", "fok"};

template <std::size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// Reads an optional string field: nullopt when absent or null, an error when another type.
ApiResult<std::optional<std::string>> optional_string(const Json& body, const char* field) {
  auto it = body.find(field);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string()) return unprocessable(std::string(field) + " must be a string");
  return std::optional<std::string>{it->get<std::string>()};
}

ApiResult<std::optional<Money>> optional_price(const Json& body, const char* field) {
  auto text = optional_string(body, field);
  if (auto* e = std::get_if<ApiError>(&text)) return *e;
  const auto& value = std::get<std::optional<std::string>>(text);
  if (!value) return std::optional<Money>{};
  auto money = Money::parse(*value);
  if (!money.ok() || !money->is_positive()) {
    return unprocessable("invalid " + std::string(field) + " \"" + *value + "\"");
  }
  return std::optional<Money>{*money};
}

}  // namespace

std::string format_share_nanos(std::int64_t nanos) { return format_scaled_decimal(nanos, 9, 0); }

ApiResult<NewOrder> parse_new_order(std::string_view text) {
  const Json body = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return ApiError{400, 40010000, "request body format is invalid"};
  }
  NewOrder order;
  auto take = [&](const char* field, std::string& out, bool required) -> std::optional<ApiError> {
    auto value = optional_string(body, field);
    if (auto* e = std::get_if<ApiError>(&value)) return *e;
    auto& v = std::get<std::optional<std::string>>(value);
    if (!v) {
      if (required) return unprocessable(std::string(field) + " is required");
      return std::nullopt;
    }
    out = *v;
    return std::nullopt;
  };
  for (auto [field, out] :
       {std::pair{"type", &order.type}, std::pair{"time_in_force", &order.time_in_force},
        std::pair{"symbol", &order.symbol}, std::pair{"side", &order.side}}) {
    if (auto e = take(field, *out, true)) return *e;
  }
  if (!one_of(order.type, kTypes)) return unprocessable("invalid type \"" + order.type + "\"");
  if (!one_of(order.time_in_force, kTimesInForce)) {
    return unprocessable("invalid time_in_force \"" + order.time_in_force + "\"");
  }
  if (order.symbol.empty()) return unprocessable("symbol is required");
  if (!one_of(order.side, kSides)) return unprocessable("invalid side \"" + order.side + "\"");
  if (auto e = take("client_order_id", order.client_order_id, false)) return *e;
  if (order.client_order_id.size() > 128) {
    return unprocessable("client_order_id must be no more than 128 characters");
  }
  if (auto e = take("order_class", order.order_class, false)) return *e;
  if (!order.order_class.empty() && order.order_class != "simple") {
    return unprocessable("order_class \"" + order.order_class +
                         "\" is not supported by this fake (simple orders only)");
  }

  auto qty = optional_string(body, "qty");
  if (auto* e = std::get_if<ApiError>(&qty)) return *e;
  auto notional = optional_price(body, "notional");
  if (auto* e = std::get_if<ApiError>(&notional)) return *e;
  const auto& qty_text = std::get<std::optional<std::string>>(qty);
  order.notional = std::get<std::optional<Money>>(notional);
  if (qty_text && order.notional) return unprocessable("qty and notional cannot both be set");
  if (!qty_text && !order.notional) return unprocessable("qty or notional is required");
  if (qty_text) {
    auto nanos = parse_scaled_decimal(*qty_text, 9);
    if (!nanos.ok() || *nanos <= 0) return unprocessable("invalid qty \"" + *qty_text + "\"");
    order.qty_nanos = *nanos;
  }
  const bool fractional = order.qty_nanos && *order.qty_nanos % kNanosPerShare != 0;
  if ((fractional || order.notional) && (order.type != "market" || order.time_in_force != "day")) {
    return unprocessable(
        "fractional and notional orders must be market orders with "
        "time_in_force day");
  }

  for (auto [field, out] :
       {std::pair{"limit_price", &order.limit_price}, std::pair{"stop_price", &order.stop_price},
        std::pair{"trail_price", &order.trail_price}}) {
    auto price = optional_price(body, field);
    if (auto* e = std::get_if<ApiError>(&price)) return *e;
    *out = std::get<std::optional<Money>>(price);
  }
  auto trail_percent = optional_string(body, "trail_percent");
  if (auto* e = std::get_if<ApiError>(&trail_percent)) return *e;
  order.trail_percent = std::get<std::optional<std::string>>(trail_percent);

  const bool needs_limit = order.type == "limit" || order.type == "stop_limit";
  const bool needs_stop = order.type == "stop" || order.type == "stop_limit";
  if (needs_limit && !order.limit_price) {
    return unprocessable("limit_price is required for " + order.type + " orders");
  }
  if (needs_stop && !order.stop_price) {
    return unprocessable("stop_price is required for " + order.type + " orders");
  }
  if (order.type == "trailing_stop" && !order.trail_price && !order.trail_percent) {
    return unprocessable("trail_price or trail_percent is required for trailing_stop orders");
  }
  for (auto [field, price] :
       {std::pair{"limit_price", order.limit_price}, std::pair{"stop_price", order.stop_price}}) {
    // Prices of $1 or more trade in whole cents.
    if (price && *price >= Money::from_dollars(1) && price->units() % 100 != 0) {
      return ApiError{422, 42210000,
                      "invalid " + std::string(field) + " " + price->to_string() +
                          ". sub-penny increment does not fulfill minimum pricing criteria"};
    }
  }

  if (auto it = body.find("extended_hours"); it != body.end() && !it->is_null()) {
    if (!it->is_boolean()) return unprocessable("extended_hours must be a boolean");
    order.extended_hours = it->get<bool>();
  }
  if (order.extended_hours &&
      (order.type != "limit" || (order.time_in_force != "day" && order.time_in_force != "gtc"))) {
    return unprocessable(
        "extended hours orders must be limit orders with time_in_force day or "
        "gtc");
  }
  return order;
}

}  // namespace stratus::fakes
