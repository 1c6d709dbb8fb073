// Redactor: removes the values of secret request headers from any text (error messages, curl
// debug traces) before it leaves the HTTP adapter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ports/http_client.h"

namespace stratus {

inline constexpr std::string_view kRedacted = "[redacted]";

class Redactor {
 public:
  // Secrets are the values of `request` headers named in `request.secret_headers`, plus
  // Authorization and Proxy-Authorization, which are always secret (names compare
  // case-insensitively). For a value with several words ("Bearer <token>") the words after the
  // first are secret on their own too.
  explicit Redactor(const HttpRequest& request);

  // Whether header `name` is secret for this request.
  bool is_secret_header(std::string_view name) const;

  // Guarantees: the result contains no secret value; in header lines ("Name: value") of a secret
  // header the whole value is replaced by "[redacted]".
  std::string redact(std::string_view text) const;

 private:
  std::vector<std::string> secret_names_;   // Lower case.
  std::vector<std::string> secret_values_;  // Longest first, none empty.
};

}  // namespace stratus
