// Result<T>: a value or an Error, returned across every port. Exceptions never cross a port.
#pragma once

#include <cassert>
#include <memory>
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

// Result<void>: success carries nothing. One pointer: a success (the common case on every
// path, returned per event and per order) neither builds nor destroys an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error)  // NOLINT(google-explicit-constructor)
      : error_(std::make_unique<Error>(std::move(error))) {}
  Result(const Result& other)
      : error_(other.error_ ? std::make_unique<Error>(*other.error_) : nullptr) {}
  Result(Result&&) noexcept = default;
  Result& operator=(const Result& other) {
    if (this != &other) error_ = other.error_ ? std::make_unique<Error>(*other.error_) : nullptr;
    return *this;
  }
  Result& operator=(Result&&) noexcept = default;
  ~Result() = default;

  bool ok() const { return error_ == nullptr; }
  explicit operator bool() const { return ok(); }
  // REQUIRES: !ok().
  const Error& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::unique_ptr<Error> error_;  // Null: success.
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
