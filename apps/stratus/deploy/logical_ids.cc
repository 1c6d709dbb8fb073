// Logical ids of the template (see logical_ids.h).
#include "apps/stratus/deploy/logical_ids.h"

#include <cctype>

namespace stratus::deploy {

std::string pascal_case(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      start = true;
      continue;
    }
    out += start ? static_cast<char>(std::toupper(u)) : c;
    start = false;
  }
  return out;
}

}  // namespace stratus::deploy
