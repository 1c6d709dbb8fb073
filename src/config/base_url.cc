// BaseUrl: parsing "http(s)://host[:port][/v2]".
#include "config/base_url.h"

#include <algorithm>
#include <cctype>

namespace stratus {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
}

bool is_ipv6_char(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
}

}  // namespace

Result<BaseUrl> parse_base_url(std::string_view text) {
  const std::string lowered = lower(text);
  std::string_view rest = lowered;
  std::string scheme;
  for (std::string_view candidate : {"https://", "http://"}) {
    if (rest.starts_with(candidate)) {
      scheme = std::string(candidate);
      rest.remove_prefix(candidate.size());
      break;
    }
  }
  if (scheme.empty()) return Error::invalid_input("the scheme is not http:// or https://");

  // Everything after the authority may only be "", "/", "/v2" or "/v2/".
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    if (path != "/" && path != "/v2" && path != "/v2/") {
      return Error::invalid_input(
          "a base URL has no path, query or fragment (only a trailing \"/\" or \"/v2\")");
    }
  }
  if (authority.find('@') != std::string_view::npos) {
    return Error::invalid_input("user information (name:password@) is not allowed in a base URL");
  }
  if (authority.find_first_of("?#") != std::string_view::npos) {
    return Error::invalid_input("a base URL has no query or fragment");
  }

  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos || close == 1 ||
        !std::all_of(authority.begin() + 1, authority.begin() + static_cast<long>(close),
                     is_ipv6_char)) {
      return Error::invalid_input("the IPv6 host is not a bracketed address like [::1]");
    }
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Error::invalid_input("unexpected text after the host");
      port = after.substr(1);
      if (port.empty()) return Error::invalid_input("the port is empty");
    }
  } else {
    const std::size_t colon = authority.find(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return Error::invalid_input("the port is empty");
    }
    if (host.empty()) return Error::invalid_input("the host is empty");
    if (!std::all_of(host.begin(), host.end(), is_host_char)) {
      return Error::invalid_input("the host may hold only letters, digits, '.', '-' and '_'");
    }
  }
  if (!port.empty()) {
    const bool digits = port.size() <= 5 && std::all_of(port.begin(), port.end(), [](char c) {
                          return c >= '0' && c <= '9';
                        });
    const int number = digits ? std::stoi(std::string(port)) : 0;
    if (number < 1 || number > 65535) {
      return Error::invalid_input("the port is not a number from 1 to 65535");
    }
  }
  return BaseUrl{scheme + std::string(authority), std::string(host)};
}

}  // namespace stratus
