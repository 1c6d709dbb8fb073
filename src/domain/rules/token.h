// Tokens of the rule language, as the lexer produces them.
#pragma once

#include <cstddef>
#include <string_view>

namespace stratus::rules {

enum class TokenKind {
  kNumber,  // Digits with an optional fraction: 35, 0.9.
  kName,    // An indicator or bar field name (or an unknown one).
  kAnd,
  kOr,
  kNot,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kEqual,     // ==
  kNotEqual,  // !=
  kLeftParen,
  kRightParen,
  kComma,
  kEnd,    // After the last token.
  kError,  // Text the lexer rejected; the lexer's error says why.
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;   // The source text; empty for kEnd.
  std::size_t offset = 0;  // Byte offset of `text` in the rule.
  int line = 1;
  int column = 1;     // In characters, from 1.
  double number = 0;  // The value of a kNumber.
};

}  // namespace stratus::rules
