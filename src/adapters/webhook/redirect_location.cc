// resolve_location (see redirect_location.h).
#include "adapters/webhook/redirect_location.h"

#include <algorithm>
#include <cctype>

#include "adapters/http/url_parts.h"

namespace stratus {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Whether `text` starts with "<scheme>:" for some RFC 3986 scheme.
bool has_scheme(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(
      text.begin(), text.begin() + static_cast<std::ptrdiff_t>(colon),
      [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '-' || c == '.'; });
}

}  // namespace

Result<std::string> resolve_location(std::string_view base, std::string_view location) {
  while (!location.empty() && (location.front() == ' ' || location.front() == '\t')) {
    location.remove_prefix(1);
  }
  while (!location.empty() && (location.back() == ' ' || location.back() == '\t')) {
    location.remove_suffix(1);
  }
  if (location.empty()) return Error::invalid_input("the redirect has an empty Location");
  auto base_parts = parse_url(base);
  if (!base_parts.ok()) {
    return Error::invalid_input("the redirected request's URL is not an absolute http(s) URL");
  }
  const std::string scheme = base_parts->scheme;
  if (has_scheme(location)) {
    const std::string target_scheme = lower(location.substr(0, location.find(':')));
    if (target_scheme != "http" && target_scheme != "https") {
      return Error::invalid_input("the redirect points to a " + target_scheme +
                                  ": URL, expected http or https");
    }
    if (!parse_url(location).ok()) {
      return Error::invalid_input("the redirect's Location is not a valid http(s) URL");
    }
    return std::string(location);
  }
  if (location.starts_with("//")) return scheme + ":" + std::string(location);

  // The base's scheme and authority as written (user information dropped by parse_url).
  const std::string origin = scheme + "://" + base_parts->authority;
  if (location.front() == '/') return origin + std::string(location);
  if (location.front() == '?') return origin + base_parts->path + std::string(location);
  const std::string& path = base_parts->path;
  return origin + path.substr(0, path.rfind('/') + 1) + std::string(location);
}

}  // namespace stratus
