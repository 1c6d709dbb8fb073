// JSON to block YAML (see yaml_emit.h).
#include "apps/stratus/deploy/yaml_emit.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace stratus::deploy {
namespace {

using Json = nlohmann::ordered_json;

// Words YAML 1.1 resolvers read as booleans or null (in any case, to be safe).
constexpr std::array<std::string_view, 9> kReservedWords = {"y",   "n",    "yes",   "no",  "on",
                                                            "off", "true", "false", "null"};

bool reserved(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(kReservedWords.begin(), kReservedWords.end(), lower) != kReservedWords.end();
}

bool allowed_inside(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view(" _.-/:${}()*?,+=<>@").find(c) != std::string_view::npos;
}

std::string scalar(const Json& value) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return plain_yaml_safe(text) ? text : value.dump();
  }
  return value.dump();  // Numbers, booleans, null: JSON's spelling is YAML's.
}

bool is_collection(const Json& value) {
  return (value.is_object() || value.is_array()) && !value.empty();
}

void emit(const Json& value, int indent, std::string& out);

// Writes `value` after "key:" or "- " already on the line.
void emit_after(const Json& value, int indent, std::string& out) {
  if (is_collection(value)) {
    out += '\n';
    emit(value, indent, out);
  } else {
    out += ' ';
    out += value.is_object() ? "{}" : value.is_array() ? "[]" : scalar(value);
    out += '\n';
  }
}

void emit(const Json& value, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      out += pad + scalar(Json(key)) + ':';
      emit_after(item, indent + 2, out);
    }
    return;
  }
  for (const Json& item : value) {
    if (item.is_object() && !item.empty()) {
      // "- key: value" with the mapping's other keys aligned under the first.
      std::string nested;
      emit(item, indent + 2, nested);
      out += pad + "- " + nested.substr(static_cast<std::size_t>(indent) + 2);
    } else if (item.is_array() && !item.empty()) {
      out += pad + "-\n";
      emit(item, indent + 2, out);
    } else {
      out += pad + '-';
      emit_after(item, indent + 2, out);
    }
  }
}

}  // namespace

bool plain_yaml_safe(std::string_view text) {
  if (text.empty()) return false;
  const auto first = static_cast<unsigned char>(text.front());
  if (!(std::isalpha(first) || text.front() == '_' || text.front() == '/' || text.front() == '$'))
    return false;
  if (!std::all_of(text.begin(), text.end(), allowed_inside)) return false;
  if (text.back() == ' ' || text.back() == ':') return false;
  if (text.find(": ") != std::string_view::npos) return false;
  if (text.find("  ") != std::string_view::npos) return false;
  return !reserved(text);
}

std::string to_yaml(const nlohmann::ordered_json& value) {
  std::string out;
  emit(value, 0, out);
  return out;
}

}  // namespace stratus::deploy
