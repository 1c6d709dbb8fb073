#include "domain/rules/program.h"

#include <cmath>
#include <limits>

namespace stratus::rules {
namespace {

constexpr double kTrue = 1.0;
constexpr double kFalse = 0.0;
constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

Op op_of(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNumber:
    case NodeKind::kGroup:
      return Op::kConstant;
    case NodeKind::kUse:
      return Op::kLoad;
    case NodeKind::kNegate:
      return Op::kNegate;
    case NodeKind::kNot:
      return Op::kNot;
    case NodeKind::kAdd:
      return Op::kAdd;
    case NodeKind::kSubtract:
      return Op::kSubtract;
    case NodeKind::kMultiply:
      return Op::kMultiply;
    case NodeKind::kDivide:
      return Op::kDivide;
    case NodeKind::kLess:
      return Op::kLess;
    case NodeKind::kLessEqual:
      return Op::kLessEqual;
    case NodeKind::kGreater:
      return Op::kGreater;
    case NodeKind::kGreaterEqual:
      return Op::kGreaterEqual;
    case NodeKind::kEqual:
      return Op::kEqual;
    case NodeKind::kNotEqual:
      return Op::kNotEqual;
    case NodeKind::kAnd:
      return Op::kAnd;
    case NodeKind::kOr:
      return Op::kOr;
  }
  return Op::kConstant;
}

double compare(double a, double b, bool holds) {
  if (std::isnan(a) || std::isnan(b)) return kUnknown;
  return holds ? kTrue : kFalse;
}

}  // namespace

Program Program::compile(const Syntax& syntax, std::vector<IndicatorUse>& uses) {
  Program program;
  std::size_t depth = 0;
  for (const Node& node : syntax.nodes) {
    if (node.kind == NodeKind::kGroup) continue;
    Instruction instruction;
    instruction.op = op_of(node.kind);
    if (node.kind == NodeKind::kNumber) instruction.constant = node.number;
    if (node.kind == NodeKind::kUse) {
      std::size_t slot = 0;
      while (slot < uses.size() && uses[slot].key != node.use.key) ++slot;
      if (slot == uses.size()) uses.push_back(node.use);
      instruction.slot = static_cast<std::uint32_t>(slot);
    }
    const int operands = operand_count(node.kind);
    if (operands == 0) {
      ++depth;
    } else if (operands == 2) {
      --depth;
    }
    if (depth > program.stack_size_) program.stack_size_ = depth;
    program.code_.push_back(instruction);
  }
  return program;
}

double Program::run(std::span<const double* const> columns, std::size_t row,
                    std::span<double> stack) const {
  std::size_t top = 0;  // Entries in use.
  for (const Instruction& in : code_) {
    switch (in.op) {
      case Op::kConstant:
        stack[top++] = in.constant;
        continue;
      case Op::kLoad:
        stack[top++] = columns[in.slot][row];
        continue;
      case Op::kNegate:
        stack[top - 1] = -stack[top - 1];
        continue;
      case Op::kNot: {
        const double a = stack[top - 1];
        stack[top - 1] = std::isnan(a) ? kUnknown : (a == kTrue ? kFalse : kTrue);
        continue;
      }
      default:
        break;
    }
    const double b = stack[--top];
    const double a = stack[top - 1];
    double& out = stack[top - 1];
    switch (in.op) {
      case Op::kAdd:
        out = a + b;
        break;
      case Op::kSubtract:
        out = a - b;
        break;
      case Op::kMultiply:
        out = a * b;
        break;
      case Op::kDivide:
        out = a / b;
        break;
      case Op::kLess:
        out = compare(a, b, a < b);
        break;
      case Op::kLessEqual:
        out = compare(a, b, a <= b);
        break;
      case Op::kGreater:
        out = compare(a, b, a > b);
        break;
      case Op::kGreaterEqual:
        out = compare(a, b, a >= b);
        break;
      case Op::kEqual:
        out = compare(a, b, a == b);
        break;
      case Op::kNotEqual:
        out = compare(a, b, a != b);
        break;
      case Op::kAnd:
        if (a == kFalse || b == kFalse) {
          out = kFalse;
        } else {
          out = std::isnan(a) || std::isnan(b) ? kUnknown : kTrue;
        }
        break;
      case Op::kOr:
        if (a == kTrue || b == kTrue) {
          out = kTrue;
        } else {
          out = std::isnan(a) || std::isnan(b) ? kUnknown : kFalse;
        }
        break;
      default:
        break;
    }
  }
  return stack[0];
}

}  // namespace stratus::rules
