// The parser: tokens to a post-order syntax, with calls checked against the indicator catalog
// (names, argument counts, parameter literals and ranges). Types are checked afterwards.
#pragma once

#include <string_view>
#include <variant>

#include "domain/rules/lexer.h"
#include "domain/rules/rule_error.h"
#include "domain/rules/syntax.h"

namespace stratus::rules {

// Deepest nesting of parentheses, calls, "not" and unary "-".
inline constexpr int kMaxNesting = 64;

// Grammar, lowest precedence first (`a < b < c` is rejected: comparisons do not chain):
//   rule       = or END
//   or         = and { "or" and }
//   and        = not { "and" not }
//   not        = "not" not | comparison
//   comparison = additive [ ("<" | "<=" | ">" | ">=" | "==" | "!=") additive ]
//   additive   = term { ("+" | "-") term }
//   term       = unary { ("*" | "/") unary }
//   unary      = "-" unary | primary
//   primary    = NUMBER | FIELD | INDICATOR "(" [ additive { "," additive } ] ")" | "(" or ")"
// `text` is the text `lexed` came from.
std::variant<Syntax, RuleError> parse_syntax(std::string_view text, const Lexed& lexed);

// A suggestion for an unknown name: the closest known name (indicator, field or keyword) by edit
// distance, ignoring case; empty when none is close.
std::string_view suggest_name(std::string_view unknown);

}  // namespace stratus::rules
