// Result<T>: a value or an Error, returned across every port. Exceptions never cross a port.
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "domain/error.h"

namespace stratus {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok().
  const T& value() const& {
    assert(ok());
    return std::get<T>(state_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(state_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // REQUIRES: !ok().
  const Error& error() const {
    assert(!ok());
    return std::get<Error>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success carries nothing.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace stratus

// Propagates the error of a Result-returning expression; otherwise evaluates to nothing.
#define STRATUS_RETURN_IF_ERROR(expr)                          \
  do {                                                         \
    auto stratus_status_ = (expr);                             \
    if (!stratus_status_.ok()) return stratus_status_.error(); \
  } while (false)

#define STRATUS_CONCAT_INNER_(a, b) a##b
#define STRATUS_CONCAT_(a, b) STRATUS_CONCAT_INNER_(a, b)

// STRATUS_ASSIGN_OR_RETURN(auto x, expr): binds the value of a Result or returns its error.
#define STRATUS_ASSIGN_OR_RETURN(lhs, expr) \
  STRATUS_ASSIGN_OR_RETURN_IMPL_(STRATUS_CONCAT_(stratus_result_, __LINE__), lhs, expr)
#define STRATUS_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return tmp.error();                   \
  lhs = std::move(tmp).value()
