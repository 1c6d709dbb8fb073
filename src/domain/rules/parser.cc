#include "domain/rules/parser.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "domain/rules/indicator_catalog.h"

namespace stratus::rules {
namespace {

constexpr std::string_view kOperandExpected = "a number, bar field, indicator or \"(\"";

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string describe(const Token& token) {
  return token.kind == TokenKind::kEnd ? std::string(kEndOfRule) : quoted(token.text);
}

std::optional<NodeKind> comparison_kind(TokenKind kind) {
  switch (kind) {
    case TokenKind::kLess:
      return NodeKind::kLess;
    case TokenKind::kLessEqual:
      return NodeKind::kLessEqual;
    case TokenKind::kGreater:
      return NodeKind::kGreater;
    case TokenKind::kGreaterEqual:
      return NodeKind::kGreaterEqual;
    case TokenKind::kEqual:
      return NodeKind::kEqual;
    case TokenKind::kNotEqual:
      return NodeKind::kNotEqual;
    default:
      return std::nullopt;
  }
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
// adjacent characters.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::vector<std::string_view> known_names() {
  std::vector<std::string_view> names;
  for (const IndicatorSpec& spec : indicator_specs()) names.push_back(spec.name);
  for (std::string_view field : {"open", "high", "low", "close", "volume"}) names.push_back(field);
  for (std::string_view keyword : {"and", "or", "not"}) names.push_back(keyword);
  return names;
}

std::string unknown_name_message(std::string_view name) {
  std::string message = "unknown indicator or field " + quoted(name);
  const std::string_view suggestion = suggest_name(name);
  if (!suggestion.empty()) return message + "; did you mean " + quoted(suggestion) + "?";
  message += " (indicators:";
  for (const IndicatorSpec& spec : indicator_specs()) {
    message += ' ';
    message += spec.name;
  }
  return message + "; fields: open high low close volume)";
}

class Parser {
 public:
  Parser(std::string_view text, const Lexed& lexed) : text_(text), lexed_(lexed) {}

  std::variant<Syntax, RuleError> run() {
    if (peek().kind == TokenKind::kEnd) {
      fail(peek(), "empty rule; write a condition such as rsi(14) < 35");
      return *error_;
    }
    if (!parse_or()) return *error_;
    const Token& rest = peek();
    if (rest.kind != TokenKind::kEnd) {
      if (rest.kind == TokenKind::kRightParen) {
        fail(rest, "unexpected \")\" without a matching \"(\"");
      } else {
        fail_unexpected(
            rest, "unexpected " + describe(rest) +
                      " after a complete expression; expected an operator or the end of the rule");
      }
      return *error_;
    }
    return std::move(syntax_);
  }

 private:
  const Token& peek() const { return lexed_.tokens[pos_]; }
  const Token& advance() {
    const Token& token = lexed_.tokens[pos_];
    if (token.kind != TokenKind::kEnd && token.kind != TokenKind::kError) ++pos_;
    return token;
  }

  bool fail(const Token& at, std::string message) {
    if (at.kind == TokenKind::kError && lexed_.error) {
      error_ = *lexed_.error;
    } else {
      error_ =
          RuleError{at.line, at.column,
                    at.kind == TokenKind::kEnd ? std::string(kEndOfRule) : std::string(at.text),
                    std::move(message)};
    }
    return false;
  }

  // An unexpected token; an unknown name is reported as such ("AND" for "and").
  bool fail_unexpected(const Token& at, std::string message) {
    if (at.kind == TokenKind::kName && !find_field(at.text) && find_indicator(at.text) == nullptr) {
      return fail(at, unknown_name_message(at.text));
    }
    return fail(at, std::move(message));
  }

  bool fail_operand(const Token& at) {
    if (at.kind == TokenKind::kEnd) {
      return fail(at, "unexpected end of rule; expected " + std::string(kOperandExpected));
    }
    return fail(at, "expected " + std::string(kOperandExpected) + "; got " + describe(at));
  }

  bool enter(const Token& at) {
    if (++depth_ > kMaxNesting) {
      return fail(at, "the rule nests more than " + std::to_string(kMaxNesting) +
                          " levels deep (parentheses, calls, \"not\" and \"-\")");
    }
    return true;
  }
  void leave() { --depth_; }

  void push(NodeKind kind, const Token& token) {
    Node node;
    node.kind = kind;
    node.token = token;
    syntax_.nodes.push_back(std::move(node));
  }

  bool parse_or() {
    if (!parse_and()) return false;
    while (peek().kind == TokenKind::kOr) {
      const Token op = advance();
      if (!parse_and()) return false;
      push(NodeKind::kOr, op);
    }
    return true;
  }

  bool parse_and() {
    if (!parse_not()) return false;
    while (peek().kind == TokenKind::kAnd) {
      const Token op = advance();
      if (!parse_not()) return false;
      push(NodeKind::kAnd, op);
    }
    return true;
  }

  bool parse_not() {
    if (peek().kind != TokenKind::kNot) return parse_comparison();
    const Token op = advance();
    if (!enter(op) || !parse_not()) return false;
    leave();
    push(NodeKind::kNot, op);
    return true;
  }

  bool parse_comparison() {
    if (!parse_additive()) return false;
    const std::optional<NodeKind> kind = comparison_kind(peek().kind);
    if (!kind) return true;
    const Token op = advance();
    if (!parse_additive()) return false;
    push(*kind, op);
    if (comparison_kind(peek().kind)) {
      return fail(peek(),
                  "comparisons cannot be chained (as in a < b < c); join them with \"and\", as "
                  "in a < b and b < c");
    }
    return true;
  }

  bool parse_additive() {
    if (!parse_term()) return false;
    while (peek().kind == TokenKind::kPlus || peek().kind == TokenKind::kMinus) {
      const Token op = advance();
      if (!parse_term()) return false;
      push(op.kind == TokenKind::kPlus ? NodeKind::kAdd : NodeKind::kSubtract, op);
    }
    return true;
  }

  bool parse_term() {
    if (!parse_unary()) return false;
    while (peek().kind == TokenKind::kStar || peek().kind == TokenKind::kSlash) {
      const Token op = advance();
      if (!parse_unary()) return false;
      push(op.kind == TokenKind::kStar ? NodeKind::kMultiply : NodeKind::kDivide, op);
    }
    return true;
  }

  bool parse_unary() {
    if (peek().kind != TokenKind::kMinus) return parse_primary();
    const Token op = advance();
    if (!enter(op) || !parse_unary()) return false;
    leave();
    push(NodeKind::kNegate, op);
    return true;
  }

  bool parse_primary() {
    const Token& token = peek();
    switch (token.kind) {
      case TokenKind::kNumber: {
        advance();
        push(NodeKind::kNumber, token);
        syntax_.nodes.back().number = token.number;
        return true;
      }
      case TokenKind::kName:
        return parse_name();
      case TokenKind::kLeftParen: {
        const Token open = advance();
        if (!enter(open) || !parse_or()) return false;
        leave();
        if (peek().kind != TokenKind::kRightParen) {
          const std::string where = "the \"(\" at line " + std::to_string(open.line) + ", column " +
                                    std::to_string(open.column);
          if (peek().kind == TokenKind::kEnd)
            return fail(peek(), "missing \")\" to close " + where);
          return fail_unexpected(peek(),
                                 "expected \")\" to close " + where + "; got " + describe(peek()));
        }
        advance();
        push(NodeKind::kGroup, open);
        return true;
      }
      default:
        return fail_operand(token);
    }
  }

  bool parse_name() {
    const Token name = advance();
    if (const std::optional<Field> field = find_field(name.text)) {
      if (peek().kind == TokenKind::kLeftParen) {
        return fail(peek(), std::string(name.text) + " is a bar field and takes no arguments");
      }
      push(NodeKind::kUse, name);
      IndicatorUse& use = syntax_.nodes.back().use;
      use.kind = IndicatorKind::kField;
      use.field = *field;
      complete_use(use);
      return true;
    }
    const IndicatorSpec* spec = find_indicator(name.text);
    if (spec == nullptr) return fail(name, unknown_name_message(name.text));
    if (peek().kind != TokenKind::kLeftParen) {
      return fail(name, std::string(name.text) +
                            " is an indicator and needs arguments: " + signature(*spec));
    }
    return parse_call(name, *spec);
  }

  struct Argument {
    std::size_t first_node = 0;
    std::size_t end_node = 0;
    Token first;
    std::string_view source;  // The argument's text, first to last token.
  };

  bool parse_call(const Token& name, const IndicatorSpec& spec) {
    if (!enter(name)) return false;
    advance();  // "("
    const std::size_t base = syntax_.nodes.size();
    std::vector<Argument> arguments;
    if (peek().kind == TokenKind::kRightParen) {
      advance();
    } else {
      while (true) {
        Argument argument;
        argument.first_node = syntax_.nodes.size();
        argument.first = peek();
        if (!parse_additive()) return false;
        argument.end_node = syntax_.nodes.size();
        const Token& last = lexed_.tokens[pos_ - 1];
        argument.source = text_.substr(argument.first.offset,
                                       last.offset + last.text.size() - argument.first.offset);
        arguments.push_back(argument);
        if (peek().kind == TokenKind::kComma) {
          advance();
          continue;
        }
        if (peek().kind == TokenKind::kRightParen) {
          advance();
          break;
        }
        const std::string expected = "expected \",\" or \")\" after argument " +
                                     std::to_string(arguments.size()) + " of " +
                                     std::string(spec.name);
        if (peek().kind == TokenKind::kEnd) return fail(peek(), "missing \")\": " + expected);
        return fail_unexpected(peek(), expected + "; got " + describe(peek()));
      }
    }
    leave();
    IndicatorUse use;
    if (!check_arguments(name, spec, arguments, use)) return false;
    syntax_.nodes.resize(base);
    push(NodeKind::kUse, name);
    syntax_.nodes.back().use = std::move(use);
    return true;
  }

  // The argument's only node, or null when it is an expression of several.
  const Node* single_node(const Argument& argument) const {
    if (argument.end_node - argument.first_node != 1) return nullptr;
    return &syntax_.nodes[argument.first_node];
  }

  std::string got(const Argument& argument) const {
    const Node* node = single_node(argument);
    if (node != nullptr && node->kind == NodeKind::kUse &&
        node->use.kind == IndicatorKind::kField) {
      return "the bar field " + std::string(argument.source);
    }
    return std::string(argument.source);
  }

  bool check_arguments(const Token& name, const IndicatorSpec& spec,
                       const std::vector<Argument>& arguments, IndicatorUse& use) {
    const std::size_t required = spec.params.size();
    const std::size_t count = arguments.size();
    if (count != required && !(spec.has_field && count == required + 1)) {
      const std::string full = signature(spec);
      return fail(name, std::string(spec.name) + " takes " + full.substr(spec.name.size()) +
                            "; got " + std::to_string(count) +
                            (count == 1 ? " argument" : " arguments"));
    }
    const std::string prefix = std::string(spec.name) + ": ";
    use.kind = spec.kind;
    use.field = spec.default_field;
    for (std::size_t i = 0; i < required; ++i) {
      const ParamSpec& param = spec.params[i];
      const Argument& argument = arguments[i];
      const Node* node = single_node(argument);
      const bool number = node != nullptr && node->kind == NodeKind::kNumber;
      if (param.kind == ParamKind::kPositive) {
        if (!number || !(node->number > 0)) {
          return fail(argument.first, prefix + std::string(param.name) +
                                          " must be a positive number, as in 2 or 2.5; got " +
                                          got(argument));
        }
        use.k = node->number;
        continue;
      }
      const bool whole = number && node->token.text.find('.') == std::string_view::npos &&
                         node->number >= param.min && node->number <= param.max;
      if (!whole) {
        return fail(argument.first, prefix + std::string(param.name) +
                                        " must be a whole number from " +
                                        std::to_string(param.min) + " to " +
                                        std::to_string(param.max) + "; got " + got(argument));
      }
      use.params[i] = static_cast<int>(node->number);
    }
    if (count > required) {
      const Argument& argument = arguments[required];
      const Node* node = single_node(argument);
      const bool field = node != nullptr && node->kind == NodeKind::kUse &&
                         node->use.kind == IndicatorKind::kField;
      if (!field) {
        return fail(argument.first,
                    prefix + "field must be a bar field (open, high, low, close or volume); got " +
                        got(argument));
      }
      if (spec.high_or_close_only && node->use.field != Field::kHigh &&
          node->use.field != Field::kClose) {
        return fail(argument.first, prefix + "field must be high or close; got " + got(argument));
      }
      use.field = node->use.field;
    }
    const bool macd = spec.kind == IndicatorKind::kMacd ||
                      spec.kind == IndicatorKind::kMacdSignal ||
                      spec.kind == IndicatorKind::kMacdHist;
    if (macd && use.params[0] >= use.params[1]) {
      return fail(arguments[0].first, prefix + "fast must be less than slow; got fast " +
                                          std::to_string(use.params[0]) + " and slow " +
                                          std::to_string(use.params[1]));
    }
    complete_use(use);
    return true;
  }

  std::string_view text_;
  const Lexed& lexed_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  Syntax syntax_;
  std::optional<RuleError> error_;
};

}  // namespace

int operand_count(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNumber:
    case NodeKind::kUse:
      return 0;
    case NodeKind::kGroup:
    case NodeKind::kNegate:
    case NodeKind::kNot:
      return 1;
    default:
      return 2;
  }
}

std::string_view suggest_name(std::string_view unknown) {
  static const std::vector<std::string_view> names = known_names();
  const std::string key = lower(unknown);
  std::string_view best;
  std::size_t best_distance = 0;
  for (std::string_view name : names) {
    const std::size_t distance = edit_distance(key, name);
    if (best.empty() || distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  }
  const std::size_t allowed = std::max<std::size_t>(1, key.size() / 3);
  if (!best.empty() && best_distance <= allowed && best_distance < key.size()) return best;
  // A known name that starts the unknown one or is started by it ("macd_histogram").
  std::string_view prefix;
  for (std::string_view name : names) {
    const bool related =
        key.size() >= 3 && name.size() >= 3 && (key.starts_with(name) || name.starts_with(key));
    if (related && name.size() > prefix.size()) prefix = name;
  }
  return prefix;
}

std::variant<Syntax, RuleError> parse_syntax(std::string_view text, const Lexed& lexed) {
  return Parser(text, lexed).run();
}

}  // namespace stratus::rules
