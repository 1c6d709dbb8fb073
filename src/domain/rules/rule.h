// Rules: the small expression language of entry filters and tier conditions, e.g.
// "rsi(14) < 35 and close > sma(200) * 0.9". A rule is parsed and fully checked once, when the
// config loads (syntax, names, argument counts and ranges, types), then evaluated against
// indicator tables without further checks.
//
// The language:
//  - numbers: digits with an optional fraction (35, 0.9); bar fields open, high, low, close,
//    volume (at the current bar); indicators as listed in indicator_catalog.cc, whose integer
//    parameters are integer literals within range and whose optional last argument is a field;
//  - + - * / and unary -, comparisons < <= > >= == != (they do not chain), and, or, not,
//    parentheses; precedence lowest to highest: or, and, not, comparison, + -, * /, unary -;
//  - `#` starts a comment to the end of the line; rules may span lines;
//  - at most 4096 characters and 64 levels of nesting.
// Operands of and/or/not are conditions; operands of arithmetic and comparisons are numbers.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/rules/indicator_table.h"
#include "domain/rules/indicator_use.h"
#include "domain/rules/program.h"
#include "domain/rules/rule_error.h"
#include "domain/rules/rule_type.h"

namespace stratus::rules {

inline constexpr int kMaxRuleCharacters = 4096;

struct NamedValue {
  std::string key;   // The use's canonical text.
  double value = 0;  // NaN while warming up.
};

// A rule's value at one row.
struct RuleReading {
  RuleType type = RuleType::kCondition;
  // The value: for a condition 1.0 (true), 0.0 (false) or NaN (unknown).
  double number = 0;
  // For a condition, its truth; kUnknown for a number rule.
  Truth truth = Truth::kUnknown;
  // Every use of the rule, in order of first appearance, with its value at the row.
  std::vector<NamedValue> values;
};

class Rule {
 public:
  // Parses and checks `text`. Columns count characters from 1; lines from 1.
  static std::variant<Rule, RuleError> parse(std::string_view text);

  RuleType type() const { return type_; }
  const std::string& text() const { return text_; }
  // The normalised text, e.g. "rsi(14) < 35 and close > sma(200) * 0.9": single spaces around
  // operators, needed parentheses only, default fields omitted, shortest numbers, no comments.
  std::string canonical() const { return canonical_; }
  // The indicators and fields the rule reads, deduplicated, in order of first appearance.
  const std::vector<IndicatorUse>& uses() const { return uses_; }
  // Bars needed for every use to have a value at the last bar: the largest lookback + 1
  // (1 for a rule without uses).
  int sessions_needed() const { return sessions_needed_; }

  // The value at `row`. REQUIRES: `table` has every use of the rule and row < table.rows()
  // (aborts with a message otherwise).
  RuleReading evaluate(const IndicatorTable& table, std::size_t row) const;
  // The value at every row of `table`: numbers as they are, conditions as 1.0 / 0.0 / NaN.
  // REQUIRES: `table` has every use, out.size() == table.rows() (aborts otherwise).
  void evaluate_series(const IndicatorTable& table, std::span<double> out) const;

 private:
  Rule() = default;
  // The columns of the rule's uses, in slot order.
  std::vector<const double*> bind(const IndicatorTable& table) const;

  std::string text_;
  RuleType type_ = RuleType::kCondition;
  std::string canonical_;
  std::vector<IndicatorUse> uses_;
  Program program_;
  int sessions_needed_ = 1;
};

// The uses of several rules together, deduplicated, in order of first appearance (so a filter
// and tier conditions share computations). Null entries are skipped.
std::vector<IndicatorUse> collect_uses(std::span<const Rule* const> rules);

// The truth a condition's value stands for: 1.0 true, 0.0 false, NaN unknown.
Truth truth_of(double condition_value);

}  // namespace stratus::rules
