// Reading a rule-language setting (evaluate.filter, a tier's `when`) from its text, with the
// rule's own error position turned into words and a caret excerpt a person can act on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/rules/rule.h"

namespace stratus {

// What a rule setting holds: a condition, nothing (blank text), or a problem.
struct RuleSetting {
  std::optional<rules::Rule> rule;  // Set when the text is a valid condition.
  // Empty when the text is valid or blank. Else one line: "line 1, column 14, at \"adn\": ...".
  std::string problem;
  // With a problem at a position: the rule's offending line and a caret under the token.
  std::string excerpt;
};

// Parses `text` as a condition ("rsi(14) < 35 and close > sma(200) * 0.9"). Blank text (only
// spaces, tabs and newlines) means no rule. A valid rule that is a number, not a condition, is a
// problem.
RuleSetting read_rule_setting(std::string_view text);

// The line of `text` that `error` points at and under it carets under the offending token (one
// caret at the end of the rule), each line indented by four spaces.
std::string rule_error_excerpt(std::string_view text, const rules::RuleError& error);

}  // namespace stratus
