#include "functions/evaluate.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include "functions/document.h"
#include "functions/json_object.h"

namespace stratus {
namespace {

// An indicator value for people: six significant digits.
std::string format_indicator(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

Json passed(const std::string& symbol, std::string_view code, std::string reason) {
  return JsonObject()
      .with("code", code)
      .with("reason", std::move(reason))
      .with("symbol", symbol)
      .take();
}

// The entry of a symbol whose bars could not be read.
Json read_failure(const std::string& symbol, const Error& error) {
  if (error.code == ErrorCode::kNotFound) {
    return passed(symbol, "no_data", "no market data for " + symbol);
  }
  return passed(symbol, "data_error", error.to_string());
}

// `"<rule>" is false (rsi(14) = 41.27)`: the filter's outcome with the values it read; for an
// unknown outcome, which of them have no value yet.
std::string filter_outcome(const rules::Rule& rule, const EntryReading& entry) {
  std::string values;
  for (const rules::IndicatorUse& use : rule.uses()) {
    if (!values.empty()) values += ", ";
    const Json& value = entry.values.at(use.key);
    values += use.key + " = " +
              (value.is_null() ? std::string("no value yet (needs ") +
                                     std::to_string(use.lookback + 1) + " sessions)"
                               : format_indicator(value.get<double>()));
  }
  return "\"" + rule.canonical() + "\" is " + std::string(truth_name(entry.filter)) + " (" +
         values + ")";
}

}  // namespace

void Evaluate::use_latest_trade(const std::string& symbol, const MarketDay& as_of, Timestamp at,
                                DrawdownReading& reading, Json& facts) {
  auto trade = data_.latest_trade(symbol);
  std::string why_not;
  if (!trade.ok()) {
    why_not = "latest trade unavailable: " + trade.error().to_string();
  } else if (!trade->has_value()) {
    why_not = "the data source has no latest trade for " + symbol;
  } else if ((*trade)->at > at) {
    why_not = "the latest trade (" + format_utc_timestamp((*trade)->at) +
              ") is later than the run; a replay judges by the close";
  } else if ((*trade)->at <= as_of.close) {
    why_not = "the latest trade (" + format_utc_timestamp((*trade)->at) +
              ") is not newer than the last close";
  } else if (!(*trade)->price.is_positive()) {
    why_not = "the latest trade's price is not positive";
  }
  if (!why_not.empty()) {
    facts["price_source"] = "close";
    facts["price_note"] = why_not;
    return;
  }
  const LatestTrade& t = **trade;
  reading.price = t.price;
  reading.price_session = new_york_date(t.at);
  if (t.price > reading.high) {  // A new high today: no drop.
    reading.high = t.price;
    reading.high_session = new_york_date(t.at);
  }
  reading.drop = Percent::drop(reading.high, reading.price);
  facts["price_source"] = "latest_trade";
  facts["price_at"] = format_utc_timestamp(t.at);
}

Json Evaluate::evaluate_symbol(const std::string& symbol, const MarketDay& as_of, Timestamp at,
                               bool& is_signal) {
  is_signal = false;
  const EvaluateConfig& rule = config_.evaluate;
  const auto window = static_cast<std::size_t>(rule.window_sessions);
  // Entry rules read the indicators' history, at least as long as the window. It is read first,
  // so that a source fetching on demand fetches the longest history once.
  if (!rules_.empty()) {
    const auto history = std::max(window, static_cast<std::size_t>(rule.indicator_sessions));
    const Status bars = data_.daily_bars_into(symbol, as_of.date, history, bars_);
    if (!bars.ok()) return read_failure(symbol, bars.error());
  }
  const auto read = data_.drawdown_window(symbol, as_of.date, window, rule.high_basis);
  if (!read.ok()) return read_failure(symbol, read.error());
  if (read->sessions == 0) {
    return passed(symbol, "no_data", "no bars on or before " + format_date(as_of.date));
  }
  DrawdownReading r = read->reading;
  if (r.price_session != as_of.date) {
    return passed(symbol, "stale_data",
                  "no bar for the last completed session " + format_date(as_of.date) + " (latest " +
                      format_date(r.price_session) + ")");
  }
  if (read->sessions < static_cast<std::size_t>(rule.min_sessions)) {
    return passed(symbol, "insufficient_history",
                  std::to_string(read->sessions) + " sessions of history, need " +
                      std::to_string(rule.min_sessions));
  }

  Json price_facts = Json::object();
  if (rule.price == PriceSource::kLatestTrade && r.price.is_positive() && r.high.is_positive()) {
    use_latest_trade(symbol, as_of, at, r, price_facts);
  }
  const std::string drop = r.drop.to_string(2);
  Json facts = JsonObject()  // In key order.
                   .with("drop_pct", drop)
                   .with("high_52w", r.high.to_string())
                   .with("high_session", format_date(r.high_session))
                   .with("price", r.price.to_string())
                   .with("price_session", format_date(r.price_session))
                   .with("sessions", read->sessions)
                   .with("symbol", symbol)
                   .take();
  facts.update(price_facts);
  if (!r.price.is_positive() || !r.high.is_positive()) {
    return passed(symbol, "data_error", "non-positive price in the window");
  }
  const EntryReading entry = rules_.empty() ? EntryReading() : rules_.read(bars_);
  if (!rules_.empty()) {
    facts["indicators"] = entry.values;
    if (rule.filter) {
      facts["filter"] = {{"rule", rule.filter->canonical()}, {"result", truth_name(entry.filter)}};
    }
  }
  // The highest tier the drop reaches, decided exactly (not from the rounded percent).
  std::optional<std::size_t> reached;
  for (std::size_t i = 0; i < rule.tiers.size(); ++i) {
    if (rule.tiers[i].min_drop.reached_by(r.high, r.price)) reached = i;
  }
  if (!reached) {
    facts["code"] = "below_first_tier";
    facts["reason"] = "drop " + drop + "% below first tier " + first_tier_pct_ + "%";
    return facts;
  }
  if (entry.filter != rules::Truth::kTrue) {
    facts["code"] = "filter_not_met";
    facts["reason"] = "drop " + drop + "% reaches tier " +
                      rule.tiers[*reached].min_drop.to_string(2) + "% but the filter " +
                      filter_outcome(*rule.filter, entry);
    return facts;
  }
  // Down from the reached tier, the first whose condition holds decides the quantity.
  Json examined = Json::array();
  std::optional<std::size_t> chosen;
  for (std::size_t i = *reached + 1; i-- > 0;) {
    const rules::Rule* when = rule.tier_condition(i);
    if (when == nullptr) {
      chosen = i;
      break;
    }
    examined.push_back({{"tier_drop_pct", rule.tiers[i].min_drop.to_string(2)},
                        {"when", when->canonical()},
                        {"result", truth_name(entry.tiers[i])}});
    if (entry.tiers[i] == rules::Truth::kTrue) {
      chosen = i;
      break;
    }
  }
  if (!examined.empty()) facts["tier_conditions"] = examined;
  if (!chosen) {
    facts["code"] = "tier_conditions_not_met";
    facts["reason"] = "drop " + drop + "% reaches tier " +
                      rule.tiers[*reached].min_drop.to_string(2) +
                      "% but the condition of every tier it reaches is false or unknown";
    return facts;
  }
  is_signal = true;
  facts["tier_drop_pct"] = rule.tiers[*chosen].min_drop.to_string(2);
  facts["qty"] = rule.tiers[*chosen].qty.shares();
  return facts;
}

Result<Json> Evaluate::run(const Json& doc) { return run(Json(doc)); }

Result<Json> Evaluate::run(Json&& doc) {
  STRATUS_RETURN_IF_ERROR(check_envelope(doc));
  if (is_skipped(doc)) return std::move(doc);
  STRATUS_ASSIGN_OR_RETURN(const Timestamp at, run_at(doc));
  if (at > clock_.now()) {
    return Error::invalid_input(
        "field /run/at = \"" + format_utc_timestamp(at) + "\": is later than the clock (" +
            format_utc_timestamp(clock_.now()) + "); evaluating it would use data from the future",
        "event");
  }
  STRATUS_ASSIGN_OR_RETURN(const MarketDay as_of, calendar_.last_completed_session(at));

  Json out = std::move(doc);
  out["evaluation"] = {
      {"as_of_session", format_date(as_of.date)},
      {"window_sessions", config_.evaluate.window_sessions},
      {"high_basis", config_.evaluate.high_basis == HighBasis::kHigh ? "high" : "close"},
      {"price", config_.evaluate.price == PriceSource::kLatestTrade ? "latest_trade" : "close"}};
  if (!rules_.empty())
    out["evaluation"]["indicator_sessions"] = config_.evaluate.indicator_sessions;
  if (config_.evaluate.filter) out["evaluation"]["filter"] = config_.evaluate.filter->canonical();
  Json signals = Json::array();
  Json passes = Json::array();
  for (const std::string& symbol : config_.watchlist) {
    bool is_signal = false;
    Json entry = evaluate_symbol(symbol, as_of, at, is_signal);
    (is_signal ? signals : passes).push_back(std::move(entry));
  }
  out["signals"] = std::move(signals);
  out["passed"] = std::move(passes);
  return out;
}

}  // namespace stratus
