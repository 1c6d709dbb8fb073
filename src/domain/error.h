// Error: the failure half of Result<T>, with the codes callers act on (see docs/architecture.md).
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace stratus {

// What a caller should do about a failure.
enum class ErrorCode {
  kInvalidInput,  // The caller's input is wrong. Never retried. Exit code 2.
  kUnavailable,   // Transient: retry with backoff and jitter.
  kAmbiguous,     // The request may have taken effect: reconcile, never blindly resend.
  kRejected,      // The remote side said no.
  kConflict,      // A condition failed (e.g. a record exists, a cap is reached).
  kNotFound,      // The thing asked for does not exist.
  kInternal,      // A bug or an unexpected state.
};

std::string_view error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // What went wrong, naming the field, value and what was expected.
  std::string context;  // Where: a file:line, a JSON path, a host. May be empty.

  static Error invalid_input(std::string message, std::string context = {}) {
    return {ErrorCode::kInvalidInput, std::move(message), std::move(context)};
  }
  static Error unavailable(std::string message, std::string context = {}) {
    return {ErrorCode::kUnavailable, std::move(message), std::move(context)};
  }
  static Error ambiguous(std::string message, std::string context = {}) {
    return {ErrorCode::kAmbiguous, std::move(message), std::move(context)};
  }
  static Error rejected(std::string message, std::string context = {}) {
    return {ErrorCode::kRejected, std::move(message), std::move(context)};
  }
  static Error conflict(std::string message, std::string context = {}) {
    return {ErrorCode::kConflict, std::move(message), std::move(context)};
  }
  static Error not_found(std::string message, std::string context = {}) {
    return {ErrorCode::kNotFound, std::move(message), std::move(context)};
  }
  static Error internal(std::string message, std::string context = {}) {
    return {ErrorCode::kInternal, std::move(message), std::move(context)};
  }

  // "context: message", or just the message when there is no context.
  std::string to_string() const;

  // Returns a copy whose context is `outer` prefixed to this context ("outer: inner").
  Error within(std::string_view outer) const;
};

}  // namespace stratus
