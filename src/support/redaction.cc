// The process-wide secret registry and redact() (see redaction.h).
#include "support/redaction.h"
#include "support/percent_encoding.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <vector>

namespace stratus {
namespace {

struct Registry {
  std::shared_mutex mutex;
  std::set<std::string> secrets;      // As registered.
  std::vector<std::string> patterns;  // Every form to hide, longest first, no duplicates.
};

Registry& registry() {
  static Registry instance;
  return instance;
}

// `text` as it appears inside a JSON string (the escapes nlohmann::json writes).
std::string json_escaped(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 0x0f];
        } else {
          out += c;
        }
    }
  }
  return out;
}

void replace_all(std::string& text, std::string_view pattern) {
  std::size_t at = text.find(pattern);
  while (at != std::string::npos) {
    text.replace(at, pattern.size(), kRedactedText);
    at = text.find(pattern, at + kRedactedText.size());
  }
}

}  // namespace

bool register_secret(std::string_view secret) {
  if (secret.size() < kMinRedactedSecretLength) return false;
  Registry& r = registry();
  std::unique_lock lock(r.mutex);
  if (!r.secrets.emplace(secret).second) return true;
  for (std::string form : {std::string(secret), percent_encode(secret, HexCase::kUpper),
                           percent_encode(secret, HexCase::kLower), json_escaped(secret)}) {
    if (std::find(r.patterns.begin(), r.patterns.end(), form) == r.patterns.end()) {
      r.patterns.push_back(std::move(form));
    }
  }
  std::stable_sort(r.patterns.begin(), r.patterns.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return true;
}

std::string redact(std::string_view text) {
  std::string out(text);
  Registry& r = registry();
  std::shared_lock lock(r.mutex);
  for (const std::string& pattern : r.patterns) replace_all(out, pattern);
  return out;
}

std::size_t registered_secret_count() {
  Registry& r = registry();
  std::shared_lock lock(r.mutex);
  return r.secrets.size();
}

void clear_registered_secrets_for_testing() {
  Registry& r = registry();
  std::unique_lock lock(r.mutex);
  r.secrets.clear();
  r.patterns.clear();
}

}  // namespace stratus
