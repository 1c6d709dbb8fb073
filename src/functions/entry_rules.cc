#include "functions/entry_rules.h"

#include <cmath>

#include "domain/indicators/bar_columns.h"

namespace stratus {
namespace {

std::vector<const rules::Rule*> rules_of(const EvaluateConfig& config) {
  std::vector<const rules::Rule*> all;
  if (config.filter) all.push_back(&*config.filter);
  for (std::size_t i = 0; i < config.tiers.size(); ++i) {
    if (const rules::Rule* when = config.tier_condition(i)) all.push_back(when);
  }
  return all;
}

}  // namespace

std::string_view truth_name(rules::Truth truth) {
  switch (truth) {
    case rules::Truth::kTrue:
      return "true";
    case rules::Truth::kFalse:
      return "false";
    case rules::Truth::kUnknown:
      break;
  }
  return "unknown";
}

EntryRules::EntryRules(const EvaluateConfig& config) : config_(config) {
  const std::vector<const rules::Rule*> all = rules_of(config);
  uses_ = rules::collect_uses(all);
}

EntryReading EntryRules::read(std::span<const DailyBar> bars) const {
  EntryReading reading;
  reading.tiers.assign(config_.tiers.size(), rules::Truth::kTrue);
  if (empty()) return reading;
  reading.values = Json::object();
  const indicators::BarColumns columns = indicators::to_columns(bars);
  const rules::IndicatorTable table = rules::IndicatorTable::last_row(uses_, columns);
  const std::size_t row = table.rows() - 1;
  for (const rules::IndicatorUse& use : uses_) {
    const double value = table.value(use.key, row);
    if (std::isnan(value)) {
      reading.values[use.key] = nullptr;
      reading.warming_up.push_back(use.key + " (needs " + std::to_string(use.lookback + 1) +
                                   " sessions)");
    } else {
      reading.values[use.key] = value;
    }
  }
  if (config_.filter) reading.filter = config_.filter->evaluate(table, row).truth;
  for (std::size_t i = 0; i < config_.tiers.size(); ++i) {
    if (const rules::Rule* when = config_.tier_condition(i)) {
      reading.tiers[i] = when->evaluate(table, row).truth;
    }
  }
  return reading;
}

}  // namespace stratus
