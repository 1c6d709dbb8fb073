#include "adapters/http/url_parts.h"

#include "adapters/http/ascii.h"

namespace stratus {
namespace {

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) return false;
  int value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return value >= 1 && value <= 65535;
}

}  // namespace

std::string UrlParts::display() const { return scheme + "://" + authority + path; }

Result<UrlParts> parse_url(std::string_view url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return Error::invalid_input("URL has no scheme: expected http:// or https://");
  }
  UrlParts parts;
  parts.scheme = ascii_lower(url.substr(0, scheme_end));
  if (parts.scheme != "http" && parts.scheme != "https") {
    return Error::invalid_input("URL scheme '" + parts.scheme + "' is not http or https");
  }
  std::string_view rest = url.substr(scheme_end + 3);
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);  // User information is dropped, never echoed.
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return Error::invalid_input("URL has an unclosed '['");
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Error::invalid_input("URL has junk after the IPv6 host");
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return Error::invalid_input("URL has an empty port");
  }
  if (host.empty() || host == "[]") return Error::invalid_input("URL has no host");
  if (!port.empty() && !valid_port(port)) {
    return Error::invalid_input("URL port '" + std::string(port) + "' is not in 1..65535");
  }
  parts.host = ascii_lower(host);
  parts.authority = port.empty() ? parts.host : parts.host + ":" + std::string(port);
  const auto path_end = tail.find_first_of("?#");
  parts.path = std::string(tail.substr(0, path_end));
  if (parts.path.empty()) parts.path = "/";
  return parts;
}

}  // namespace stratus
