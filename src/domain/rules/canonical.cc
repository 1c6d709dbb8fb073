#include "domain/rules/canonical.h"

#include <vector>

#include "domain/rules/indicator_catalog.h"

namespace stratus::rules {
namespace {

// Binding strength, loosest first.
enum Precedence : int {
  kOrLevel = 1,
  kAndLevel,
  kNotLevel,
  kComparisonLevel,
  kAdditiveLevel,
  kTermLevel,
  kUnaryLevel,
  kAtomLevel,
};

struct Piece {
  std::string text;
  int precedence = kAtomLevel;
};

int precedence_of(NodeKind kind) {
  switch (kind) {
    case NodeKind::kOr:
      return kOrLevel;
    case NodeKind::kAnd:
      return kAndLevel;
    case NodeKind::kAdd:
    case NodeKind::kSubtract:
      return kAdditiveLevel;
    case NodeKind::kMultiply:
    case NodeKind::kDivide:
      return kTermLevel;
    default:
      return kComparisonLevel;
  }
}

std::string wrapped(Piece piece, bool parenthesise) {
  return parenthesise ? "(" + std::move(piece.text) + ")" : std::move(piece.text);
}

}  // namespace

std::string canonical_text(const Syntax& syntax) {
  std::vector<Piece> stack;
  for (const Node& node : syntax.nodes) {
    switch (node.kind) {
      case NodeKind::kNumber:
        stack.push_back({format_number(node.number), kAtomLevel});
        break;
      case NodeKind::kUse:
        stack.push_back({node.use.key, kAtomLevel});
        break;
      case NodeKind::kGroup:
        break;
      case NodeKind::kNegate: {
        Piece& operand = stack.back();
        const bool parens = operand.precedence < kUnaryLevel;
        operand = {"-" + wrapped(std::move(operand), parens), kUnaryLevel};
        break;
      }
      case NodeKind::kNot: {
        Piece& operand = stack.back();
        const bool parens = operand.precedence < kNotLevel;
        operand = {"not " + wrapped(std::move(operand), parens), kNotLevel};
        break;
      }
      default: {
        Piece right = std::move(stack.back());
        stack.pop_back();
        Piece& left = stack.back();
        const int level = precedence_of(node.kind);
        // Comparisons do not chain, so a comparison operand of one needs parentheses on both
        // sides; the other operators group to the left.
        const bool left_parens =
            level == kComparisonLevel ? left.precedence <= level : left.precedence < level;
        std::string text = wrapped(std::move(left), left_parens);
        text += ' ';
        text += node.token.text;
        text += ' ';
        text += wrapped(std::move(right), right.precedence <= level);
        left = {std::move(text), level};
        break;
      }
    }
  }
  return std::move(stack.back().text);
}

}  // namespace stratus::rules
