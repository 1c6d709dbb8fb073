// EntryRules: the evaluate step's entry filter and tier conditions (config evaluate.filter and
// tiers[].when), prepared once per config. The indicators all of them use are computed once per
// symbol, together, at the symbol's last completed session (streaming over its history).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "config/config.h"
#include "domain/bar.h"
#include "domain/rules/rule.h"
#include "functions/step.h"

namespace stratus {

// The rules read at one symbol's last bar.
struct EntryReading {
  rules::Truth filter = rules::Truth::kTrue;  // kTrue when there is no filter.
  // One per tier: the truth of its condition; kTrue for a tier without one. Empty when there are
  // no rules (every tier is true).
  std::vector<rules::Truth> tiers;
  // Every indicator and bar field the rules read, by canonical text ("rsi(14)", "close"), with
  // its value; null while it has no value yet (warm-up: too little history). Null itself when
  // there are no rules.
  Json values;
  // The uses without a value yet (warm-up), as "sma(200) (needs 200 sessions)".
  std::vector<std::string> warming_up;
};

class EntryRules {
 public:
  explicit EntryRules(const EvaluateConfig& config);

  // True when neither a filter nor any tier condition is configured.
  bool empty() const { return uses_.empty(); }

  // REQUIRES: `bars` ascending, completed sessions, non-empty. The value of each rule at the last
  // bar, with the indicators computed over all of `bars`.
  EntryReading read(std::span<const DailyBar> bars) const;

 private:
  const EvaluateConfig& config_;
  std::vector<rules::IndicatorUse> uses_;  // Of every rule, deduplicated.
};

// "true", "false" or "unknown".
std::string_view truth_name(rules::Truth truth);

}  // namespace stratus
