// Secret references: recognising "env:NAME" and "ssm:/path".
#include "config/secret_reference.h"

namespace stratus {
namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_env_name(std::string_view name) {
  if (name.empty() || !(is_alpha(name.front()) || name.front() == '_')) return false;
  for (char c : name) {
    if (!(is_alpha(c) || is_digit(c) || c == '_')) return false;
  }
  return true;
}

// An SSM parameter name: "/" then segments of [A-Za-z0-9_.-], no empty segment, no trailing "/".
bool is_ssm_path(std::string_view path) {
  if (path.size() < 2 || path.front() != '/' || path.back() == '/') return false;
  char previous = '\0';
  for (char c : path) {
    bool ok = is_alpha(c) || is_digit(c) || c == '_' || c == '.' || c == '-' || c == '/';
    if (!ok || (c == '/' && previous == '/')) return false;
    previous = c;
  }
  return true;
}

}  // namespace

SecretReferenceShape classify_secret_reference(std::string_view text) {
  if (text.starts_with("env:")) {
    return is_env_name(text.substr(4)) ? SecretReferenceShape::kValid
                                       : SecretReferenceShape::kMalformed;
  }
  if (text.starts_with("ssm:")) {
    return is_ssm_path(text.substr(4)) ? SecretReferenceShape::kValid
                                       : SecretReferenceShape::kMalformed;
  }
  return SecretReferenceShape::kLiteral;
}

}  // namespace stratus
