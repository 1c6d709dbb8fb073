#include "adapters/http/request_check.h"

#include <array>
#include <string>
#include <string_view>

namespace stratus {
namespace {

constexpr std::array<std::string_view, 5> kMethods = {"GET", "POST", "PUT", "PATCH", "DELETE"};

bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

}  // namespace

Status check_request(const HttpRequest& request) {
  bool known = false;
  for (auto method : kMethods) known = known || method == request.method;
  if (!known) {
    return Error::invalid_input("HTTP method '" + request.method +
                                "' is not one of GET, POST, PUT, PATCH, DELETE");
  }
  if ((request.method == "GET" || request.method == "DELETE") && !request.body.empty()) {
    return Error::invalid_input(request.method + " request carries a body; expected none");
  }
  for (const auto& [name, value] : request.headers) {
    if (name.empty()) return Error::invalid_input("request header with an empty name");
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (!is_token_char(name[i])) {
        // Only the valid prefix is echoed: a malformed name may have swallowed a value.
        return Error::invalid_input("request header name '" + name.substr(0, i) +
                                    "...' has a character not allowed in a header name at " +
                                    "offset " + std::to_string(i));
      }
    }
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      return Error::invalid_input("request header '" + name + "' has a CR, LF or NUL in its value");
    }
  }
  return {};
}

}  // namespace stratus
