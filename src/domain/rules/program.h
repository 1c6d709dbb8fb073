// A checked rule compiled to postfix code over slots: slot i is the rule's i-th use. Conditions
// are computed as 1.0 (true), 0.0 (false) and NaN (unknown), with Kleene's logic.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "domain/rules/indicator_use.h"
#include "domain/rules/syntax.h"

namespace stratus::rules {

enum class Op : std::uint8_t {
  kConstant,
  kLoad,
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

struct Instruction {
  Op op = Op::kConstant;
  std::uint32_t slot = 0;  // kLoad
  double constant = 0;     // kConstant
};

class Program {
 public:
  // The code of `syntax`; `uses` receives its distinct uses, in order of first appearance, which
  // the slots index. REQUIRES: `syntax` type-checked.
  static Program compile(const Syntax& syntax, std::vector<IndicatorUse>& uses);

  // Stack entries run() needs.
  std::size_t stack_size() const { return stack_size_; }

  // The value at `row`, where columns[slot] is the column of the slot's use.
  // REQUIRES: columns.size() covers every slot, each column has `row`, stack.size() >=
  // stack_size().
  double run(std::span<const double* const> columns, std::size_t row,
             std::span<double> stack) const;

 private:
  std::vector<Instruction> code_;
  std::size_t stack_size_ = 0;
};

}  // namespace stratus::rules
