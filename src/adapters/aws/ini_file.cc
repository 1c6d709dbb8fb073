#include "adapters/aws/ini_file.h"

#include "adapters/http/ascii.h"

namespace stratus {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

Result<IniFile> IniFile::parse(std::string_view text, std::string_view origin) {
  IniFile file;
  Section* current = nullptr;
  std::string* last_value = nullptr;  // The value an indented line continues.
  int number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const std::string_view raw =
        text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
    start = end == std::string_view::npos ? text.size() + 1 : end + 1;
    ++number;
    const std::string where = std::string(origin) + ":" + std::to_string(number);
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;

    if (is_blank(raw.front()) && last_value != nullptr) {
      if (!last_value->empty()) *last_value += '\n';
      *last_value += line;
      continue;
    }
    last_value = nullptr;
    if (line.front() == '[') {
      const auto close = line.find(']');
      if (close == std::string_view::npos) {
        return Error::invalid_input("section header has no closing ']'", where);
      }
      const std::string_view name = trim(line.substr(1, close - 1));
      if (name.empty()) return Error::invalid_input("section name is empty", where);
      current = &file.sections_[std::string(name)];
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      return Error::invalid_input("line is not '[section]', 'key = value' or a comment", where);
    }
    const std::string key = ascii_lower(trim(line.substr(0, equals)));
    if (key.empty()) return Error::invalid_input("key before '=' is empty", where);
    if (current == nullptr) {
      return Error::invalid_input("key '" + key + "' comes before any [section]", where);
    }
    std::string& value = (*current)[key];
    value = std::string(trim(line.substr(equals + 1)));
    last_value = &value;
  }
  return file;
}

const IniFile::Section* IniFile::section(std::string_view name) const {
  const auto it = sections_.find(name);
  return it == sections_.end() ? nullptr : &it->second;
}

std::optional<std::string> IniFile::value(std::string_view name, std::string_view key) const {
  const Section* s = section(name);
  if (s == nullptr) return std::nullopt;
  const auto it = s->find(std::string(key));
  if (it == s->end()) return std::nullopt;
  return it->second;
}

}  // namespace stratus
