#include "domain/rules/program.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace stratus::rules {
namespace {

constexpr double kTrue = 1.0;
constexpr double kFalse = 0.0;
constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

double compare(double a, double b, bool holds) {
  if (std::isnan(a) || std::isnan(b)) return kUnknown;
  return holds ? kTrue : kFalse;
}

double kleene_not(double a) { return std::isnan(a) ? kUnknown : (a == kTrue ? kFalse : kTrue); }

double kleene_and(double a, double b) {
  if (a == kFalse || b == kFalse) return kFalse;
  return std::isnan(a) || std::isnan(b) ? kUnknown : kTrue;
}

double kleene_or(double a, double b) {
  if (a == kTrue || b == kTrue) return kTrue;
  return std::isnan(a) || std::isnan(b) ? kUnknown : kFalse;
}

// out[i] = f(a[i], b[i]) for the n rows of a block.
template <typename F>
void binary(double* a, const double* b, std::size_t n, F f) {
  for (std::size_t i = 0; i < n; ++i) a[i] = f(a[i], b[i]);
}

constexpr std::size_t kBlockRows = 256;

}  // namespace

Program Program::compile(const Syntax& syntax, std::vector<IndicatorUse>& uses) {
  Program program;
  std::size_t depth = 0;
  for (const Node& node : syntax.nodes) {
    if (node.kind == NodeKind::kGroup) continue;
    Instruction instruction;
    instruction.op = node.kind;
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
      case NodeKind::kNumber:
        stack[top++] = in.constant;
        continue;
      case NodeKind::kUse:
        stack[top++] = columns[in.slot][row];
        continue;
      case NodeKind::kNegate:
        stack[top - 1] = -stack[top - 1];
        continue;
      case NodeKind::kNot:
        stack[top - 1] = kleene_not(stack[top - 1]);
        continue;
      default:
        break;
    }
    const double b = stack[--top];
    const double a = stack[top - 1];
    double& out = stack[top - 1];
    switch (in.op) {
      case NodeKind::kAdd:
        out = a + b;
        break;
      case NodeKind::kSubtract:
        out = a - b;
        break;
      case NodeKind::kMultiply:
        out = a * b;
        break;
      case NodeKind::kDivide:
        out = a / b;
        break;
      case NodeKind::kLess:
        out = compare(a, b, a < b);
        break;
      case NodeKind::kLessEqual:
        out = compare(a, b, a <= b);
        break;
      case NodeKind::kGreater:
        out = compare(a, b, a > b);
        break;
      case NodeKind::kGreaterEqual:
        out = compare(a, b, a >= b);
        break;
      case NodeKind::kEqual:
        out = compare(a, b, a == b);
        break;
      case NodeKind::kNotEqual:
        out = compare(a, b, a != b);
        break;
      case NodeKind::kAnd:
        out = kleene_and(a, b);
        break;
      case NodeKind::kOr:
        out = kleene_or(a, b);
        break;
      default:
        break;
    }
  }
  return stack[0];
}

void Program::run_series(std::span<const double* const> columns, std::span<double> out) const {
  // One block of rows per stack entry.
  std::vector<double> stack(std::max<std::size_t>(stack_size_, 1) * kBlockRows);
  for (std::size_t first = 0; first < out.size(); first += kBlockRows) {
    const std::size_t n = std::min(kBlockRows, out.size() - first);
    std::size_t top = 0;  // Entries in use.
    for (const Instruction& in : code_) {
      double* const a = stack.data() + (top - (top > 0 ? 1 : 0)) * kBlockRows;
      switch (in.op) {
        case NodeKind::kNumber: {
          double* const to = stack.data() + top++ * kBlockRows;
          std::fill(to, to + n, in.constant);
          continue;
        }
        case NodeKind::kUse: {
          double* const to = stack.data() + top++ * kBlockRows;
          const double* from = columns[in.slot] + first;
          std::copy(from, from + n, to);
          continue;
        }
        case NodeKind::kNegate:
          for (std::size_t i = 0; i < n; ++i) a[i] = -a[i];
          continue;
        case NodeKind::kNot:
          for (std::size_t i = 0; i < n; ++i) a[i] = kleene_not(a[i]);
          continue;
        default:
          break;
      }
      --top;
      double* const left = stack.data() + (top - 1) * kBlockRows;
      const double* const right = stack.data() + top * kBlockRows;
      switch (in.op) {
        case NodeKind::kAdd:
          binary(left, right, n, [](double x, double y) { return x + y; });
          break;
        case NodeKind::kSubtract:
          binary(left, right, n, [](double x, double y) { return x - y; });
          break;
        case NodeKind::kMultiply:
          binary(left, right, n, [](double x, double y) { return x * y; });
          break;
        case NodeKind::kDivide:
          binary(left, right, n, [](double x, double y) { return x / y; });
          break;
        case NodeKind::kLess:
          binary(left, right, n, [](double x, double y) { return compare(x, y, x < y); });
          break;
        case NodeKind::kLessEqual:
          binary(left, right, n, [](double x, double y) { return compare(x, y, x <= y); });
          break;
        case NodeKind::kGreater:
          binary(left, right, n, [](double x, double y) { return compare(x, y, x > y); });
          break;
        case NodeKind::kGreaterEqual:
          binary(left, right, n, [](double x, double y) { return compare(x, y, x >= y); });
          break;
        case NodeKind::kEqual:
          binary(left, right, n, [](double x, double y) { return compare(x, y, x == y); });
          break;
        case NodeKind::kNotEqual:
          binary(left, right, n, [](double x, double y) { return compare(x, y, x != y); });
          break;
        case NodeKind::kAnd:
          binary(left, right, n, kleene_and);
          break;
        case NodeKind::kOr:
          binary(left, right, n, kleene_or);
          break;
        default:
          break;
      }
    }
    std::copy(stack.data(), stack.data() + n, out.data() + first);
  }
}

}  // namespace stratus::rules
