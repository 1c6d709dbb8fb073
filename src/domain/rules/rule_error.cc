#include "domain/rules/rule_error.h"

#include <cstdio>

#include "domain/rules/utf8.h"

namespace stratus::rules {
namespace {

std::string escaped(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size();) {
    const auto byte = static_cast<unsigned char>(token[i]);
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(token, i);
      if (length > 0) {
        out.append(token.substr(i, length));
        i += length;
        continue;
      }
    }
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += static_cast<char>(byte);
    } else if (byte < 0x20 || byte >= 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(byte));
      out += hex;
    } else {
      out += static_cast<char>(byte);
    }
    ++i;
  }
  return out;
}

}  // namespace

std::string RuleError::to_string() const {
  std::string out = "line " + std::to_string(line) + ", column " + std::to_string(column) + ", at ";
  out += token == kEndOfRule ? std::string(kEndOfRule) : "\"" + escaped(token) + "\"";
  out += ": ";
  out += message;
  return out;
}

}  // namespace stratus::rules
