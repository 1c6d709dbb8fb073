// RuleError: why a rule's text was rejected, and where.
#pragma once

#include <string>

namespace stratus::rules {

// The first problem found in a rule's text. `line` and `column` (both from 1; columns count
// characters, not bytes) locate `token`, the offending source text, or "end of rule" when the
// text ended where something more was expected (then the position is just after the last token).
struct RuleError {
  int line = 1;
  int column = 1;
  std::string token;
  std::string message;

  // `line 1, column 9, at "rsl": unknown indicator or field "rsl"; did you mean "rsi"?`, or
  // `line 1, column 10, at end of rule: ...`. Quotes, backslashes, control characters and bytes
  // that are not UTF-8 are escaped inside the quotes.
  std::string to_string() const;
};

inline constexpr std::string_view kEndOfRule = "end of rule";

}  // namespace stratus::rules
