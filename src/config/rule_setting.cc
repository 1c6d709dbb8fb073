#include "config/rule_setting.h"

#include <algorithm>
#include <variant>

namespace stratus {
namespace {

constexpr std::string_view kConditionExample = "rsi(14) < 35 and close > sma(200) * 0.9";

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The number of characters (UTF-8 code points) in `text`.
int characters(std::string_view text) {
  return static_cast<int>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

// The line `line` (1-based) of `text` and under it a caret run of `width` (at least 1) starting
// at character `column` (1-based).
std::string caret_excerpt(std::string_view text, int line, int column, int width) {
  std::string_view rest = text;
  for (int i = 1; i < line; ++i) {
    const auto newline = rest.find('\n');
    if (newline == std::string_view::npos) return {};
    rest.remove_prefix(newline + 1);
  }
  std::string_view shown = rest.substr(0, rest.find('\n'));
  if (!shown.empty() && shown.back() == '\r') shown.remove_suffix(1);
  std::string out = "    " + std::string(shown) + "\n    ";
  // Tabs stay tabs under the text so the caret lines up in a terminal.
  int position = 1;
  for (std::size_t i = 0; i < shown.size() && position < column; ++i) {
    if ((static_cast<unsigned char>(shown[i]) & 0xC0U) == 0x80U) continue;
    out += shown[i] == '\t' ? '\t' : ' ';
    ++position;
  }
  out.append(static_cast<std::size_t>(std::max(width, 1)), '^');
  return out;
}

}  // namespace

std::string rule_error_excerpt(std::string_view text, const rules::RuleError& error) {
  const bool at_end = error.token.empty() || error.token == "end of rule";
  return caret_excerpt(text, error.line, error.column, at_end ? 1 : characters(error.token));
}

RuleSetting read_rule_setting(std::string_view text) {
  RuleSetting setting;
  if (is_blank(text)) return setting;
  auto parsed = rules::Rule::parse(text);
  if (const auto* error = std::get_if<rules::RuleError>(&parsed)) {
    setting.problem = error->to_string();
    setting.excerpt = rule_error_excerpt(text, *error);
    return setting;
  }
  rules::Rule rule = std::get<rules::Rule>(std::move(parsed));
  if (rule.type() != rules::RuleType::kCondition) {
    setting.problem = "expected a condition such as \"" + std::string(kConditionExample) +
                      "\"; \"" + rule.canonical() + "\" is a number, not true or false";
    return setting;
  }
  setting.rule = std::move(rule);
  return setting;
}

}  // namespace stratus
