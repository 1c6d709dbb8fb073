// The canonical text of a rule: one space around binary operators, none inside calls but after
// commas, parentheses only where precedence needs them, uses by their keys (default fields
// omitted), numbers in their shortest form, no comments. It parses back to the same rule.
#pragma once

#include <string>

#include "domain/rules/syntax.h"

namespace stratus::rules {

// REQUIRES: `syntax` as the parser made it (non-empty, well formed).
std::string canonical_text(const Syntax& syntax);

}  // namespace stratus::rules
