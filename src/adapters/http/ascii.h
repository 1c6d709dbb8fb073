// ASCII case folding for protocol text (header names, URL schemes and hosts), independent of
// the C locale.
#pragma once

#include <string>
#include <string_view>

namespace stratus {

// `text` with A-Z folded to a-z; every other byte unchanged.
inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace stratus
