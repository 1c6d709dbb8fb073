#include "functions/evaluate.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

#include "functions/document.h"
#include "functions/run_document.h"

namespace stratus {
namespace {

// An indicator value for people: six significant digits.
std::string format_indicator(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

using Code = SymbolVerdict::Code;

// Makes `verdict` a pass for `code` with nothing but `reason` to show.
void pass(SymbolVerdict& verdict, Code code, std::string reason) {
  verdict.code = code;
  verdict.reason = std::move(reason);
}

// Makes `verdict` the pass of a symbol whose bars could not be read.
void pass_unread(SymbolVerdict& verdict, const Error& error) {
  if (error.code == ErrorCode::kNotFound) {
    return pass(verdict, Code::kNoData, "no market data for " + verdict.symbol);
  }
  pass(verdict, Code::kDataError, error.to_string());
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

void Evaluate::evaluate_symbol(const std::string& symbol, DrawdownReader& drawdown,
                               const MarketDay& as_of, Timestamp at, SymbolVerdict& verdict) {
  verdict.symbol = symbol;
  const EvaluateConfig& rule = config_.evaluate;
  const auto window = static_cast<std::size_t>(rule.window_sessions);
  // Entry rules read the indicators' history, at least as long as the window. It is read first,
  // so that a source fetching on demand fetches the longest history once.
  if (!rules_.empty()) {
    const auto history = std::max(window, static_cast<std::size_t>(rule.indicator_sessions));
    const Status bars = data_.daily_bars_into(symbol, as_of.date, history, bars_);
    if (!bars.ok()) return pass_unread(verdict, bars.error());
  }
  const auto read = drawdown.read(as_of.date);
  if (!read.ok()) return pass_unread(verdict, read.error());
  if (read->sessions == 0) {
    return pass(verdict, Code::kNoData, "no bars on or before " + format_date(as_of.date));
  }
  DrawdownReading r = read->reading;
  if (r.price_session != as_of.date) {
    return pass(verdict, Code::kStaleData,
                "no bar for the last completed session " + format_date(as_of.date) + " (latest " +
                    format_date(r.price_session) + ")");
  }
  if (read->sessions < static_cast<std::size_t>(rule.min_sessions)) {
    verdict.code = Code::kInsufficientHistory;
    verdict.sessions = read->sessions;
    verdict.sessions_needed = static_cast<std::size_t>(rule.min_sessions);
    return;
  }

  Json& extra = verdict.extra;  // Null until a member is added.
  if (rule.price == PriceSource::kLatestTrade && r.price.is_positive() && r.high.is_positive()) {
    use_latest_trade(symbol, as_of, at, r, extra);
  }
  if (!r.price.is_positive() || !r.high.is_positive()) {
    extra = nullptr;  // A pass carries nothing but its reason.
    return pass(verdict, Code::kDataError, "non-positive price in the window");
  }
  verdict.reading = r;
  verdict.sessions = read->sessions;
  // Without rules every symbol reads the same (filter and tiers true): nothing is made for it.
  static const EntryReading kWithoutRules;
  std::optional<EntryReading> read_entry;
  const EntryReading& entry =
      rules_.empty() ? kWithoutRules : read_entry.emplace(rules_.read(bars_));
  if (!rules_.empty()) {
    extra["indicators"] = entry.values;
    if (rule.filter) {
      extra["filter"] = {{"rule", rule.filter->canonical()}, {"result", truth_name(entry.filter)}};
    }
  }
  // The highest tier the drop reaches, decided exactly (not from the rounded percent).
  std::optional<std::size_t> reached;
  for (std::size_t i = 0; i < rule.tiers.size(); ++i) {
    if (rule.tiers[i].min_drop.reached_by(r.high, r.price)) reached = i;
  }
  if (!reached) {
    verdict.code = Code::kBelowFirstTier;
    if (!rule.tiers.empty()) verdict.tier_drop = rule.tiers.front().min_drop;
    return;
  }
  if (entry.filter != rules::Truth::kTrue) {
    verdict.code = Code::kFilterNotMet;
    verdict.reason = "drop " + r.drop.to_string(2) + "% reaches tier " +
                     rule.tiers[*reached].min_drop.to_string(2) + "% but the filter " +
                     filter_outcome(*rule.filter, entry);
    return;
  }
  // Down from the reached tier, the first whose condition holds decides the quantity.
  Json examined;  // Null until a tier condition is examined; then the array of them.
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
  if (!examined.empty()) extra["tier_conditions"] = std::move(examined);
  if (!chosen) {
    verdict.code = Code::kTierConditionsNotMet;
    verdict.reason = "drop " + r.drop.to_string(2) + "% reaches tier " +
                     rule.tiers[*reached].min_drop.to_string(2) +
                     "% but the condition of every tier it reaches is false or unknown";
    return;
  }
  verdict.code = Code::kSignal;
  verdict.tier_drop = rule.tiers[*chosen].min_drop;
  verdict.qty = rule.tiers[*chosen].qty;
}

const std::vector<std::unique_ptr<DrawdownReader>>& Evaluate::drawdown_readers() {
  DrawdownReaders& made = drawdown_readers_;
  const auto window = static_cast<std::size_t>(config_.evaluate.window_sessions);
  const HighBasis basis = config_.evaluate.high_basis;
  if (made.watchlist != config_.watchlist || made.window != window || made.basis != basis) {
    made.readers.clear();
    for (const std::string& symbol : config_.watchlist) {
      made.readers.push_back(data_.drawdown_reader(symbol, window, basis));
    }
    made.watchlist = config_.watchlist;
    made.window = window;
    made.basis = basis;
  }
  return made.readers;
}

Status Evaluate::run_in_chain(RunDocument& doc) {
  const Json& fields = doc.fields();
  STRATUS_RETURN_IF_ERROR(check_envelope(fields));
  if (is_skipped(fields)) return {};
  STRATUS_ASSIGN_OR_RETURN(const Timestamp at, run_at(fields));
  if (at > clock_.now()) {
    return Error::invalid_input(
        "field /run/at = \"" + format_utc_timestamp(at) + "\": is later than the clock (" +
            format_utc_timestamp(clock_.now()) + "); evaluating it would use data from the future",
        "event");
  }
  STRATUS_ASSIGN_OR_RETURN(const MarketDay as_of, calendar_.last_completed_session(at));

  Json evaluation = {
      {"as_of_session", format_date(as_of.date)},
      {"window_sessions", config_.evaluate.window_sessions},
      {"high_basis", config_.evaluate.high_basis == HighBasis::kHigh ? "high" : "close"},
      {"price", config_.evaluate.price == PriceSource::kLatestTrade ? "latest_trade" : "close"}};
  if (!rules_.empty()) evaluation["indicator_sessions"] = config_.evaluate.indicator_sessions;
  if (config_.evaluate.filter) evaluation["filter"] = config_.evaluate.filter->canonical();
  const std::vector<std::string>& watchlist = config_.watchlist;
  const auto& readers = drawdown_readers();
  std::vector<SymbolVerdict> verdicts;
  verdicts.reserve(watchlist.size());
  for (std::size_t i = 0; i < watchlist.size(); ++i) {
    evaluate_symbol(watchlist[i], *readers[i], as_of, at, verdicts.emplace_back());
  }
  doc.fields()["evaluation"] = std::move(evaluation);
  doc.set_verdicts(std::move(verdicts));
  return {};
}

}  // namespace stratus
