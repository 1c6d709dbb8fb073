// The type checker: operands of "and", "or" and "not" are conditions; operands of arithmetic and
// comparisons are numbers.
#pragma once

#include <variant>

#include "domain/rules/rule_error.h"
#include "domain/rules/rule_type.h"
#include "domain/rules/syntax.h"

namespace stratus::rules {

// The type of the whole rule, or the first operand (in evaluation order) of the wrong type, at
// the operand's first token. REQUIRES: `syntax` as the parser made it (non-empty, well formed).
std::variant<RuleType, RuleError> check_types(const Syntax& syntax);

}  // namespace stratus::rules
