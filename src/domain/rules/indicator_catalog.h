// The rule language's names: every indicator's signature, parameter ranges and lookback, and the
// bar fields. The single source of truth for what a rule may call.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "domain/rules/indicator_use.h"

namespace stratus::rules {

enum class ParamKind {
  kWhole,     // An integer literal within [min, max].
  kPositive,  // A number literal greater than 0 (Bollinger k).
};

struct ParamSpec {
  std::string_view name;  // "period", "fast", "k".
  ParamKind kind = ParamKind::kWhole;
  int min = 0;
  int max = 0;
};

struct IndicatorSpec {
  std::string_view name;  // Lower case, as written in rules.
  IndicatorKind kind = IndicatorKind::kSma;
  std::span<const ParamSpec> params;  // Required, in order.
  bool has_field = false;             // Takes an optional last argument, a bar field.
  Field default_field = Field::kClose;
  bool high_or_close_only = false;  // The field argument may only be high or close (drop).
};

// The indicator called `name` (exact, lower case), or null.
const IndicatorSpec* find_indicator(std::string_view name);
// Every indicator, in a fixed order.
std::span<const IndicatorSpec> indicator_specs();
// The bar field called `name` (exact, lower case).
std::optional<Field> find_field(std::string_view name);

// "rsi(period[, field])", "atr(period)", "macd(fast, slow, signal[, field])".
std::string signature(const IndicatorSpec& spec);

// Fills `use.key` and `use.lookback` from its kind, parameters and field. REQUIRES: parameters
// checked against the spec.
void complete_use(IndicatorUse& use);

// A number as canonical text: the shortest fixed-point form that reads back as the same double
// ("35", "0.9", "2.5").
std::string format_number(double value);

}  // namespace stratus::rules
