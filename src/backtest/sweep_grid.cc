#include "backtest/sweep_grid.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <variant>

#include "domain/rules/rule.h"

namespace stratus {
namespace {

constexpr std::string_view kKnown =
    "tierN_drop, tierN_qty, monthly_share_cap, monthly_budget_per_symbol, monthly_budget_total, "
    "max_order_notional, window_sessions, filter, fill, slippage_bps";

Result<std::int64_t> whole(const std::string& name, const std::string& value, std::int64_t low,
                           std::int64_t high) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < low || n > high) {
    return Error::invalid_input(name + " = \"" + value + "\": expected a whole number from " +
                                std::to_string(low) + " to " + std::to_string(high));
  }
  return n;
}

Result<std::optional<Money>> optional_dollars(const std::string& name, const std::string& value) {
  if (value == "none") return std::optional<Money>();
  auto amount = Money::parse(value);
  if (!amount.ok() || !amount->is_positive()) {
    return Error::invalid_input(name + " = \"" + value +
                                "\": expected a positive dollar amount (e.g. \"250.00\") or "
                                "\"none\"");
  }
  return std::optional<Money>(*amount);
}

// "tier2_drop" -> {2, "drop"}; nullopt for another name.
std::optional<std::pair<std::size_t, std::string>> tier_parameter(const std::string& name) {
  if (name.rfind("tier", 0) != 0) return std::nullopt;
  const std::size_t underscore = name.find('_');
  if (underscore == std::string::npos) return std::nullopt;
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(name.data() + 4, name.data() + underscore, n);
  if (ec != std::errc() || end != name.data() + underscore || n == 0) return std::nullopt;
  const std::string field = name.substr(underscore + 1);
  if (field != "drop" && field != "qty") return std::nullopt;
  return std::make_pair(n, field);
}

// Applies one parameter to `config`. InvalidInput for a value that does not parse.
Status apply(Config& config, const std::string& name, const std::string& value) {
  if (const auto tier = tier_parameter(name)) {
    auto& tiers = config.evaluate.tiers;
    if (tier->first > tiers.size()) {
      return Error::invalid_input(name + ": the profile has " + std::to_string(tiers.size()) +
                                  " tiers");
    }
    Tier& t = tiers[tier->first - 1];
    if (tier->second == "qty") {
      STRATUS_ASSIGN_OR_RETURN(const std::int64_t qty, whole(name, value, 1, 1'000'000));
      t.qty = Quantity(qty);
      return {};
    }
    auto drop = Percent::parse(value);
    if (!drop.ok() || *drop <= Percent() || *drop >= Percent::from_whole(100)) {
      return Error::invalid_input(name + " = \"" + value +
                                  "\": expected a percentage above 0 and below 100, e.g. \"12.5\"");
    }
    t.min_drop = *drop;
    return {};
  }
  if (name == "monthly_share_cap") {
    STRATUS_ASSIGN_OR_RETURN(const std::int64_t cap, whole(name, value, 0, 1'000'000));
    config.limits.monthly_share_cap = Quantity(cap);
  } else if (name == "monthly_budget_per_symbol") {
    STRATUS_ASSIGN_OR_RETURN(config.limits.monthly_budget_per_symbol,
                             optional_dollars(name, value));
  } else if (name == "monthly_budget_total") {
    STRATUS_ASSIGN_OR_RETURN(config.limits.monthly_budget_total, optional_dollars(name, value));
  } else if (name == "max_order_notional") {
    STRATUS_ASSIGN_OR_RETURN(config.limits.max_order_notional, optional_dollars(name, value));
  } else if (name == "window_sessions") {
    STRATUS_ASSIGN_OR_RETURN(const std::int64_t window, whole(name, value, 2, 5000));
    config.evaluate.window_sessions = static_cast<int>(window);
    config.evaluate.min_sessions = std::min(config.evaluate.min_sessions, static_cast<int>(window));
  } else if (name == "filter") {
    if (value == "none") {
      config.evaluate.filter.reset();
      return {};
    }
    auto rule = rules::Rule::parse(value);
    if (const auto* error = std::get_if<rules::RuleError>(&rule)) {
      return Error::invalid_input("filter = \"" + value + "\": " + error->to_string());
    }
    config.evaluate.filter = std::get<rules::Rule>(std::move(rule));
    config.evaluate.indicator_sessions =
        std::max(config.evaluate.indicator_sessions,
                 static_cast<int>(config.evaluate.filter->sessions_needed()));
  } else if (name == "fill") {
    if (value != "close" && value != "next_open") {
      return Error::invalid_input("fill = \"" + value + "\": expected close or next_open");
    }
    config.backtest.fill = value;
  } else if (name == "slippage_bps") {
    STRATUS_ASSIGN_OR_RETURN(const std::int64_t bps, whole(name, value, 0, 1000));
    config.backtest.slippage_bps = static_cast<int>(bps);
  } else {
    return Error::invalid_input("unknown sweep parameter \"" + name + "\": expected one of " +
                                std::string(kKnown));
  }
  return {};
}

}  // namespace

Result<SweepAxis> parse_sweep_axis(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0) {
    return Error::invalid_input("--grid \"" + text +
                                "\": expected NAME=VALUES, e.g. tier1_drop=5,10,15");
  }
  SweepAxis axis{text.substr(0, equals), {}};
  const std::string values = text.substr(equals + 1);
  const char separator = values.find(';') != std::string::npos ? ';' : ',';
  std::size_t start = 0;
  while (start <= values.size()) {
    const std::size_t end = std::min(values.find(separator, start), values.size());
    std::string value = values.substr(start, end - start);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(' ') + 1);
    if (value.empty()) {
      return Error::invalid_input("--grid \"" + text + "\": an empty value");
    }
    if (std::find(axis.values.begin(), axis.values.end(), value) != axis.values.end()) {
      return Error::invalid_input("--grid \"" + text + "\": the value \"" + value +
                                  "\" is given twice");
    }
    axis.values.push_back(std::move(value));
    start = end + 1;
  }
  // Check every value against a plan with enough tiers to hold any tier index.
  Config probe;
  probe.evaluate.tiers.resize(99, Tier{Percent::from_whole(1), Quantity(1)});
  for (const std::string& value : axis.values) {
    if (const Status ok = apply(probe, axis.name, value); !ok.ok()) {
      return ok.error().within("--grid");
    }
  }
  return axis;
}

std::vector<SweepParams> sweep_combinations(const std::vector<SweepAxis>& axes) {
  std::vector<SweepParams> out(1);
  for (const SweepAxis& axis : axes) {
    std::vector<SweepParams> next;
    next.reserve(out.size() * axis.values.size());
    for (const SweepParams& partial : out) {
      for (const std::string& value : axis.values) {
        SweepParams p = partial;
        p.emplace_back(axis.name, value);
        next.push_back(std::move(p));
      }
    }
    out = std::move(next);
  }
  return out;
}

Result<Config> apply_sweep_params(const Config& base, const SweepParams& params) {
  Config config = base;
  for (const auto& [name, value] : params) STRATUS_RETURN_IF_ERROR(apply(config, name, value));
  const auto& tiers = config.evaluate.tiers;
  for (std::size_t i = 1; i < tiers.size(); ++i) {
    if (tiers[i].min_drop <= tiers[i - 1].min_drop) {
      return Error::invalid_input("tier " + std::to_string(i + 1) + "'s drop " +
                                  tiers[i].min_drop.to_string(2) + "% is not above tier " +
                                  std::to_string(i) + "'s " + tiers[i - 1].min_drop.to_string(2) +
                                  "%: the tiers' drops must increase");
    }
  }
  return config;
}

}  // namespace stratus
