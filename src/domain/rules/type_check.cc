#include "domain/rules/type_check.h"

#include <string>
#include <vector>

namespace stratus::rules {
namespace {

constexpr std::string_view kConditionExpected =
    "expected a condition (a comparison such as rsi(14) < 35), got a number";
constexpr std::string_view kNumberExpected =
    "expected a number, got a condition (a comparison or and/or/not)";

struct Operand {
  RuleType type = RuleType::kNumber;
  const Token* first = nullptr;  // The operand's first token.
};

RuleType wanted(NodeKind kind) {
  return kind == NodeKind::kAnd || kind == NodeKind::kOr || kind == NodeKind::kNot
             ? RuleType::kCondition
             : RuleType::kNumber;
}

RuleType result(NodeKind kind) {
  switch (kind) {
    case NodeKind::kLess:
    case NodeKind::kLessEqual:
    case NodeKind::kGreater:
    case NodeKind::kGreaterEqual:
    case NodeKind::kEqual:
    case NodeKind::kNotEqual:
    case NodeKind::kAnd:
    case NodeKind::kOr:
    case NodeKind::kNot:
      return RuleType::kCondition;
    default:
      return RuleType::kNumber;
  }
}

RuleError wrong_type(const Operand& operand, const std::string& role) {
  const std::string_view what =
      operand.type == RuleType::kNumber ? kConditionExpected : kNumberExpected;
  return RuleError{operand.first->line, operand.first->column, std::string(operand.first->text),
                   role + ": " + std::string(what)};
}

}  // namespace

std::variant<RuleType, RuleError> check_types(const Syntax& syntax) {
  std::vector<Operand> stack;
  for (const Node& node : syntax.nodes) {
    const int operands = operand_count(node.kind);
    const std::string op = "\"" + std::string(node.token.text) + "\"";
    if (operands == 0) {
      stack.push_back({RuleType::kNumber, &node.token});
    } else if (operands == 1) {
      Operand& operand = stack.back();
      if (node.kind == NodeKind::kGroup) {
        operand.first = &node.token;
        continue;
      }
      if (operand.type != wanted(node.kind)) return wrong_type(operand, "after " + op);
      operand = {result(node.kind), &node.token};
    } else {
      const Operand right = stack.back();
      stack.pop_back();
      Operand& left = stack.back();
      if (left.type != wanted(node.kind)) return wrong_type(left, "left of " + op);
      if (right.type != wanted(node.kind)) return wrong_type(right, "right of " + op);
      left.type = result(node.kind);
    }
  }
  return stack.back().type;
}

}  // namespace stratus::rules
