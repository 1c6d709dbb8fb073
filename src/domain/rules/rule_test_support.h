// Test helpers: a small bar series whose indicator values can be worked out by hand, and parsing
// that fails the test on error.
#pragma once

#include <gtest/gtest.h>

#include <string_view>
#include <variant>

#include "domain/indicators/bar_columns.h"
#include "domain/rules/rule.h"

namespace stratus::rules::testing {

// `count` bars: close = 1, 2, ..., count; high = close + 1; low = close - 2; open = close - 0.5;
// volume = 100 * close.
inline indicators::BarColumns linear_bars(int count) {
  indicators::BarColumns bars;
  for (int i = 1; i <= count; ++i) {
    const double close = i;
    bars.open.push_back(close - 0.5);
    bars.high.push_back(close + 1);
    bars.low.push_back(close - 2);
    bars.close.push_back(close);
    bars.volume.push_back(100 * close);
  }
  bars.sessions.resize(bars.close.size());
  return bars;
}

// The rule `text`; an error fails the test (and a default rule "0" stands in).
inline Rule parse_ok(std::string_view text) {
  auto parsed = Rule::parse(text);
  if (auto* error = std::get_if<RuleError>(&parsed)) {
    ADD_FAILURE() << "rule \"" << text << "\" did not parse: " << error->to_string();
    return std::get<Rule>(Rule::parse("0"));
  }
  return std::get<Rule>(std::move(parsed));
}

}  // namespace stratus::rules::testing
