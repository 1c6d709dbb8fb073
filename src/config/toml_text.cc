// TOML text helpers: quoting, key paths and short value descriptions for messages.
#include "config/toml_text.h"

#include <cstdio>
#include <sstream>

namespace stratus {
namespace {

constexpr std::size_t kMaxDescription = 80;

bool is_bare_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

// Appends an inline rendering of `value` to `out`, stopping early once `out` is long enough.
void append_inline(const toml::node& value, std::string& out) {
  if (out.size() > kMaxDescription) return;
  if (const auto* s = value.as_string()) {
    out += toml_quote(s->get());
  } else if (const auto* i = value.as_integer()) {
    out += std::to_string(i->get());
  } else if (const auto* b = value.as_boolean()) {
    out += b->get() ? "true" : "false";
  } else if (const auto* a = value.as_array()) {
    out += '[';
    bool first = true;
    for (const toml::node& element : *a) {
      if (!first) out += ", ";
      first = false;
      append_inline(element, out);
      if (out.size() > kMaxDescription) return;
    }
    out += ']';
  } else if (const auto* t = value.as_table()) {
    if (t->empty()) {
      out += "{}";
      return;
    }
    out += "{ ";
    bool first = true;
    for (const auto& [key, member] : *t) {
      if (!first) out += ", ";
      first = false;
      out += toml_key(key.str());
      out += " = ";
      append_inline(member, out);
      if (out.size() > kMaxDescription) return;
    }
    out += " }";
  } else {
    // Floats, dates and times: toml++ prints them in TOML syntax.
    std::ostringstream stream;
    value.visit([&stream](const auto& concrete) { stream << concrete; });
    out += stream.str();
  }
}

}  // namespace

std::string toml_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto uc = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (uc < 0x20 || uc == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(uc));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string toml_key(std::string_view key) {
  return is_bare_key(key) ? std::string(key) : toml_quote(key);
}

std::string format_key_path(const KeyPath& path) {
  if (path.empty()) return "(top level)";
  std::string out;
  for (const std::string& segment : path) {
    if (!segment.empty() && segment.front() == '[') {
      out += segment;
      continue;
    }
    if (!out.empty()) out += '.';
    out += toml_key(segment);
  }
  return out;
}

KeyPath child_path(const KeyPath& path, std::string_view key) {
  KeyPath out = path;
  out.emplace_back(key);
  return out;
}

KeyPath index_path(const KeyPath& path, std::size_t index) {
  KeyPath out = path;
  out.push_back("[" + std::to_string(index) + "]");
  return out;
}

std::string describe_toml_value(const toml::node& value) {
  std::string out;
  append_inline(value, out);
  if (out.size() > kMaxDescription) {
    out.resize(kMaxDescription - 3);
    out += "...";
  }
  return out;
}

}  // namespace stratus
