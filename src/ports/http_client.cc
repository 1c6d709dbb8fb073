#include "ports/http_client.h"

#include <algorithm>
#include <cctype>

namespace stratus {

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  auto same = [&](const std::string& candidate) {
    return candidate.size() == name.size() &&
           std::equal(candidate.begin(), candidate.end(), name.begin(), [](char a, char b) {
             return std::tolower(static_cast<unsigned char>(a)) ==
                    std::tolower(static_cast<unsigned char>(b));
           });
  };
  for (const auto& [key, value] : headers) {
    if (same(key)) return value;
  }
  return std::nullopt;
}

}  // namespace stratus
