// A parsed rule as a sequence of nodes in post-order (every node after its operands), which is
// also the order of evaluation. Types are not yet checked.
#pragma once

#include <vector>

#include "domain/rules/indicator_use.h"
#include "domain/rules/token.h"

namespace stratus::rules {

enum class NodeKind {
  kNumber,  // Pushes `number`.
  kUse,     // Pushes the value of `use`.
  kGroup,   // Parentheses around the operand; no effect on the value.
  kNegate,
  kNot,
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kEqual,
  kNotEqual,
  kAnd,
  kOr,
};

int operand_count(NodeKind kind);  // 0, 1 or 2.

struct Node {
  NodeKind kind = NodeKind::kNumber;
  // For leaves, kGroup ("(") and the unary operators: the first token of the expression. For
  // binary operators: the operator.
  Token token;
  double number = 0;  // kNumber
  IndicatorUse use;   // kUse, complete (key and lookback set).
};

struct Syntax {
  std::vector<Node> nodes;  // Post-order; the last node is the root.
};

}  // namespace stratus::rules
