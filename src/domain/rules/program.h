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

// One step of the code: the operation of a syntax node (never kGroup).
struct Instruction {
  NodeKind op = NodeKind::kNumber;
  std::uint32_t slot = 0;  // kUse
  double constant = 0;     // kNumber
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

  // The value at every row 0..out.size()-1, equal to run() at each row (the same operations on
  // the same values), computed a block of rows per instruction so that the dispatch is paid once
  // per block and the arithmetic runs in tight loops.
  // REQUIRES: columns.size() covers every slot, each column has out.size() rows.
  void run_series(std::span<const double* const> columns, std::span<double> out) const;

 private:
  std::vector<Instruction> code_;
  std::size_t stack_size_ = 0;
};

}  // namespace stratus::rules
