#include "adapters/http/redactor.h"

#include <algorithm>

#include "adapters/http/ascii.h"

namespace stratus {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

void replace_all(std::string& text, std::string_view needle) {
  std::size_t at = 0;
  while ((at = text.find(needle, at)) != std::string::npos) {
    text.replace(at, needle.size(), kRedacted);
    at += kRedacted.size();
  }
}

}  // namespace

Redactor::Redactor(const HttpRequest& request) {
  secret_names_ = {"authorization", "proxy-authorization"};
  for (const auto& name : request.secret_headers) secret_names_.push_back(ascii_lower(trim(name)));
  for (const auto& [name, value] : request.headers) {
    const std::string_view trimmed = trim(value);
    if (!is_secret_header(trim(name)) || trimmed.empty()) continue;
    secret_values_.emplace_back(trimmed);
    // "Bearer <token>", "Basic <credentials>": the credentials alone are secret too.
    std::string_view rest = trimmed;
    const auto space = rest.find_first_of(" \t");
    if (space == std::string_view::npos) continue;
    rest = trim(rest.substr(space));
    if (!rest.empty()) secret_values_.emplace_back(rest);
    while (!rest.empty()) {
      const auto end = rest.find_first_of(" \t");
      const std::string_view part = rest.substr(0, end);
      if (!part.empty()) secret_values_.emplace_back(part);
      rest = end == std::string_view::npos ? std::string_view{} : trim(rest.substr(end));
    }
  }
  std::sort(secret_values_.begin(), secret_values_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

bool Redactor::is_secret_header(std::string_view name) const {
  const std::string key = ascii_lower(name);
  return std::find(secret_names_.begin(), secret_names_.end(), key) != secret_names_.end();
}

std::string Redactor::redact(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  // Pass 1: header lines of secret headers lose their whole value.
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && is_secret_header(trim(line.substr(0, colon)))) {
      out.append(line.substr(0, colon + 1));
      out.append(" ");
      out.append(kRedacted);
      if (!line.empty() && line.back() == '\r') out.push_back('\r');
    } else {
      out.append(line);
    }
    if (end < text.size()) out.push_back('\n');
    start = end + 1;
  }
  // Pass 2: any other occurrence of a secret value.
  for (const auto& value : secret_values_) replace_all(out, value);
  return out;
}

}  // namespace stratus
