// ApiError: an error answer of the fake Alpaca API, i.e. an HTTP status and Alpaca's error body
// {"code": <number>, "message": <string>} (schema `Error` of the Trading API spec).
// Test support only.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace stratus::fakes {

struct ApiError {
  int status = 500;
  long code = 50010000;
  std::string message;
};

// Alpaca's documented and observed error answers (codes from SOURCE.md and the spec).
inline ApiError unauthorized() { return {401, 40110000, "request is not authorized"}; }
inline ApiError order_not_found() { return {404, 40410000, "order not found"}; }
inline ApiError duplicate_client_order_id() {
  return {422, 40010001, "client_order_id must be unique"};
}
inline ApiError insufficient_buying_power() { return {403, 40310000, "insufficient buying power"}; }
inline ApiError unprocessable(std::string message) { return {422, 40010001, std::move(message)}; }

// A value or the API error that answers the request instead.
template <typename T>
using ApiResult = std::variant<T, ApiError>;

}  // namespace stratus::fakes
