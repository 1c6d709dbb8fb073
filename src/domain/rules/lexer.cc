#include "domain/rules/lexer.h"

#include <charconv>
#include <cstdio>
#include <string>

#include "domain/rules/utf8.h"

namespace stratus::rules {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Lexed run() {
    while (true) {
      skip_space_and_comments();
      if (i_ >= text_.size()) {
        push_end();
        return std::move(out_);
      }
      if (!lex_one()) return std::move(out_);
    }
  }

 private:
  void skip_space_and_comments() {
    while (i_ < text_.size()) {
      const char c = text_[i_];
      if (is_space(c)) {
        advance(1);
      } else if (c == '#') {
        while (i_ < text_.size() && text_[i_] != '\n') advance(1);
      } else {
        return;
      }
    }
  }

  void advance(std::size_t bytes) {
    for (std::size_t end = i_ + bytes; i_ < end; ++i_) {
      if (text_[i_] == '\n') {
        ++line_;
        column_ = 1;
      } else if (starts_character(text_[i_])) {
        ++column_;
      }
    }
  }

  Token make(TokenKind kind, std::size_t length) const {
    Token token;
    token.kind = kind;
    token.text = text_.substr(i_, length);
    token.offset = i_;
    token.line = line_;
    token.column = column_;
    return token;
  }

  void push(TokenKind kind, std::size_t length) {
    out_.tokens.push_back(make(kind, length));
    advance(length);
  }

  // Ends the token list with the rejected text and the error.
  bool reject(std::size_t length, std::string message) {
    const Token token = make(TokenKind::kError, length);
    out_.error = RuleError{token.line, token.column, std::string(token.text), std::move(message)};
    out_.tokens.push_back(token);
    return false;
  }

  void push_end() {
    Token end;
    end.kind = TokenKind::kEnd;
    end.offset = text_.size();
    if (!out_.tokens.empty()) {
      const Token& last = out_.tokens.back();
      end.line = last.line;
      end.column = last.column + character_count(last.text);
    }
    out_.tokens.push_back(end);
  }

  std::size_t run_length(std::size_t from, bool (*accept)(char)) const {
    std::size_t j = from;
    while (j < text_.size() && accept(text_[j])) ++j;
    return j - i_;
  }

  bool lex_one() {
    const char c = text_[i_];
    const char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
    if (is_digit(c)) return lex_number();
    if (is_name_start(c)) {
      const std::size_t length = run_length(i_, is_name_char);
      const std::string_view name = text_.substr(i_, length);
      TokenKind kind = TokenKind::kName;
      if (name == "and") kind = TokenKind::kAnd;
      if (name == "or") kind = TokenKind::kOr;
      if (name == "not") kind = TokenKind::kNot;
      push(kind, length);
      return true;
    }
    switch (c) {
      case '+':
        push(TokenKind::kPlus, 1);
        return true;
      case '-':
        push(TokenKind::kMinus, 1);
        return true;
      case '*':
        push(TokenKind::kStar, 1);
        return true;
      case '/':
        push(TokenKind::kSlash, 1);
        return true;
      case '(':
        push(TokenKind::kLeftParen, 1);
        return true;
      case ')':
        push(TokenKind::kRightParen, 1);
        return true;
      case ',':
        push(TokenKind::kComma, 1);
        return true;
      case '<':
        push(next == '=' ? TokenKind::kLessEqual : TokenKind::kLess, next == '=' ? 2 : 1);
        return true;
      case '>':
        push(next == '=' ? TokenKind::kGreaterEqual : TokenKind::kGreater, next == '=' ? 2 : 1);
        return true;
      case '=':
        if (next == '=') {
          push(TokenKind::kEqual, 2);
          return true;
        }
        return reject(1, "use \"==\" to compare");
      case '!':
        if (next == '=') {
          push(TokenKind::kNotEqual, 2);
          return true;
        }
        return reject(1, "use \"not\" to negate a condition");
      case '&':
        return reject(next == '&' ? 2 : 1, "use \"and\" to combine conditions");
      case '|':
        return reject(next == '|' ? 2 : 1, "use \"or\" to combine conditions");
      case '.':
        if (is_digit(next)) {
          return reject(run_length(i_, [](char d) { return is_name_char(d) || d == '.'; }),
                        "a number starts with a digit, as in 0.5");
        }
        break;
      default:
        break;
    }
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(text_, i_);
      if (length == 0) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(byte));
        return reject(1, std::string("byte ") + hex + " is not UTF-8 text");
      }
      return reject(length, "unexpected character " + quoted(text_.substr(i_, length)) +
                                "; rules are plain ASCII (other text only in # comments)");
    }
    return reject(1, "unexpected character " + quoted(text_.substr(i_, 1)));
  }

  bool lex_number() {
    std::size_t length = run_length(i_, is_digit);
    if (i_ + length + 1 < text_.size() && text_[i_ + length] == '.' &&
        is_digit(text_[i_ + length + 1])) {
      length = run_length(i_ + length + 1, is_digit);
    }
    const std::size_t end = i_ + length;
    if (end < text_.size() && (is_name_char(text_[end]) || text_[end] == '.')) {
      const std::size_t bad = run_length(i_, [](char d) { return is_name_char(d) || d == '.'; });
      return reject(bad, quoted(text_.substr(i_, bad)) +
                             " is not a number; numbers are digits with an optional fraction, "
                             "as in 35 or 0.9");
    }
    const std::string_view digits = text_.substr(i_, length);
    double value = 0;
    const auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc() || result.ptr != digits.data() + digits.size()) {
      return reject(length, "number " + quoted(digits) + " is out of range");
    }
    Token token = make(TokenKind::kNumber, length);
    token.number = value;
    out_.tokens.push_back(token);
    advance(length);
    return true;
  }

  std::string_view text_;
  std::size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
  Lexed out_;
};

}  // namespace

Lexed lex(std::string_view text) { return Lexer(text).run(); }

}  // namespace stratus::rules
