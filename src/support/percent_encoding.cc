#include "support/percent_encoding.h"

namespace stratus {

std::string percent_encode(std::string_view text, HexCase hex_case, std::string_view also_keep) {
  const char* digits = hex_case == HexCase::kUpper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
                            c == '~' || also_keep.find(c) != std::string_view::npos;
    if (unreserved) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += digits[byte >> 4];
      out += digits[byte & 0x0f];
    }
  }
  return out;
}

}  // namespace stratus
