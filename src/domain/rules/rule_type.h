// What a rule computes, and the truth of a condition.
#pragma once

namespace stratus::rules {

// A rule is a number expression ("sma(50) - sma(200)") or a condition ("rsi(14) < 35").
enum class RuleType { kNumber, kCondition };

// Kleene's three-valued logic: a comparison with a number that is NaN (an indicator still
// warming up, 0/0) is kUnknown; not kUnknown is kUnknown; kFalse and kUnknown is kFalse; kTrue or
// kUnknown is kTrue. Callers act only on kTrue.
enum class Truth { kFalse, kTrue, kUnknown };

}  // namespace stratus::rules
