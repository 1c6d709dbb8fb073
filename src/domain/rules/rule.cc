#include "domain/rules/rule.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "domain/rules/canonical.h"
#include "domain/rules/lexer.h"
#include "domain/rules/parser.h"
#include "domain/rules/type_check.h"
#include "domain/rules/utf8.h"

namespace stratus::rules {
namespace {

// The error for text beyond kMaxRuleCharacters, at its first character past the limit.
RuleError too_long(std::string_view text, int characters) {
  RuleError error;
  int seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!starts_character(text[i])) continue;
    if (++seen > kMaxRuleCharacters) {
      const std::size_t length = std::max<std::size_t>(1, utf8_sequence_length(text, i));
      error.token = std::string(text.substr(i, length));
      break;
    }
    if (text[i] == '\n') {
      ++error.line;
      error.column = 1;
    } else {
      ++error.column;
    }
  }
  error.message = "the rule is longer than " + std::to_string(kMaxRuleCharacters) +
                  " characters (it has " + std::to_string(characters) + ")";
  return error;
}

}  // namespace

std::variant<Rule, RuleError> Rule::parse(std::string_view text) {
  const int characters = character_count(text);
  if (characters > kMaxRuleCharacters) return too_long(text, characters);
  const Lexed lexed = lex(text);
  std::variant<Syntax, RuleError> parsed = parse_syntax(text, lexed);
  if (auto* error = std::get_if<RuleError>(&parsed)) return std::move(*error);
  const Syntax& syntax = std::get<Syntax>(parsed);
  std::variant<RuleType, RuleError> type = check_types(syntax);
  if (auto* error = std::get_if<RuleError>(&type)) return std::move(*error);

  Rule rule;
  rule.text_ = std::string(text);
  rule.type_ = std::get<RuleType>(type);
  rule.canonical_ = canonical_text(syntax);
  rule.program_ = Program::compile(syntax, rule.uses_);
  for (const IndicatorUse& use : rule.uses_) {
    rule.sessions_needed_ = std::max(rule.sessions_needed_, use.lookback + 1);
  }
  return rule;
}

std::vector<const double*> Rule::bind(const IndicatorTable& table) const {
  std::vector<const double*> columns;
  columns.reserve(uses_.size());
  for (const IndicatorUse& use : uses_) {
    if (!table.has(use.key)) {
      std::fprintf(stderr, "stratus::rules: rule \"%s\" evaluated over a table without \"%s\"\n",
                   canonical_.c_str(), use.key.c_str());
      std::abort();
    }
    columns.push_back(table.column(use.key).data());
  }
  return columns;
}

RuleReading Rule::evaluate(const IndicatorTable& table, std::size_t row) const {
  if (row >= table.rows()) {
    std::fprintf(stderr, "stratus::rules: row %zu of a table of %zu rows\n", row, table.rows());
    std::abort();
  }
  const std::vector<const double*> columns = bind(table);
  std::vector<double> stack(program_.stack_size());
  RuleReading reading;
  reading.type = type_;
  reading.number = program_.run(columns, row, stack);
  reading.truth = type_ == RuleType::kCondition ? truth_of(reading.number) : Truth::kUnknown;
  reading.values.reserve(uses_.size());
  for (std::size_t slot = 0; slot < uses_.size(); ++slot) {
    reading.values.push_back({uses_[slot].key, columns[slot][row]});
  }
  return reading;
}

void Rule::evaluate_series(const IndicatorTable& table, std::span<double> out) const {
  if (out.size() != table.rows()) {
    std::fprintf(stderr, "stratus::rules: %zu outputs for a table of %zu rows\n", out.size(),
                 table.rows());
    std::abort();
  }
  program_.run_series(bind(table), out);
}

std::vector<IndicatorUse> collect_uses(std::span<const Rule* const> rules) {
  std::vector<IndicatorUse> all;
  for (const Rule* rule : rules) {
    if (rule == nullptr) continue;
    for (const IndicatorUse& use : rule->uses()) {
      const bool seen = std::any_of(
          all.begin(), all.end(), [&](const IndicatorUse& other) { return other.key == use.key; });
      if (!seen) all.push_back(use);
    }
  }
  return all;
}

Truth truth_of(double condition_value) {
  if (std::isnan(condition_value)) return Truth::kUnknown;
  return condition_value != 0 ? Truth::kTrue : Truth::kFalse;
}

}  // namespace stratus::rules
