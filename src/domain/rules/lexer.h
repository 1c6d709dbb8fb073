// The lexer: a rule's text as tokens, with the first lexical error.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/rules/rule_error.h"
#include "domain/rules/token.h"

namespace stratus::rules {

struct Lexed {
  // The tokens up to the end (kEnd) or up to the first rejected text (kError, the last token).
  std::vector<Token> tokens;
  std::optional<RuleError> error;  // Set exactly when the last token is kError.
};

// Spaces, tabs, carriage returns and newlines separate tokens; `#` starts a comment to the end of
// the line. Comments may hold any text; everything else must be ASCII.
Lexed lex(std::string_view text);

}  // namespace stratus::rules
