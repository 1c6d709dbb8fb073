#include "functions/evaluate.h"

#include "functions/document.h"

namespace stratus {
namespace {

Json passed(const std::string& symbol, std::string_view code, std::string reason) {
  return {{"symbol", symbol}, {"code", code}, {"reason", std::move(reason)}};
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
  auto bars = data_.daily_bars(symbol, as_of.date, static_cast<std::size_t>(rule.window_sessions));
  if (!bars.ok()) {
    if (bars.error().code == ErrorCode::kNotFound) {
      return passed(symbol, "no_data", "no market data for " + symbol);
    }
    return passed(symbol, "data_error", bars.error().to_string());
  }
  if (bars->empty()) {
    return passed(symbol, "no_data", "no bars on or before " + format_date(as_of.date));
  }
  if (bars->back().session != as_of.date) {
    return passed(symbol, "stale_data",
                  "no bar for the last completed session " + format_date(as_of.date) + " (latest " +
                      format_date(bars->back().session) + ")");
  }
  if (bars->size() < static_cast<std::size_t>(rule.min_sessions)) {
    return passed(symbol, "insufficient_history",
                  std::to_string(bars->size()) + " sessions of history, need " +
                      std::to_string(rule.min_sessions));
  }

  DrawdownReading r = read_drawdown(*bars, rule.high_basis);
  Json price_facts = Json::object();
  if (rule.price == PriceSource::kLatestTrade && r.price.is_positive() && r.high.is_positive()) {
    use_latest_trade(symbol, as_of, at, r, price_facts);
  }
  Json facts = {{"symbol", symbol},
                {"price", r.price.to_string()},
                {"price_session", format_date(r.price_session)},
                {"high_52w", r.high.to_string()},
                {"high_session", format_date(r.high_session)},
                {"drop_pct", r.drop.to_string(2)},
                {"sessions", bars->size()}};
  facts.update(price_facts);
  if (!r.price.is_positive() || !r.high.is_positive()) {
    return passed(symbol, "data_error", "non-positive price in the window");
  }
  const auto tier = reached_tier(rule.tiers, r.high, r.price);
  if (!tier) {
    facts["code"] = "below_first_tier";
    facts["reason"] = "drop " + r.drop.to_string(2) + "% below first tier " +
                      rule.tiers.front().min_drop.to_string(2) + "%";
    return facts;
  }
  is_signal = true;
  facts["tier_drop_pct"] = tier->min_drop.to_string(2);
  facts["qty"] = tier->qty.shares();
  return facts;
}

Result<Json> Evaluate::run(const Json& doc) {
  STRATUS_RETURN_IF_ERROR(check_envelope(doc));
  if (is_skipped(doc)) return doc;
  STRATUS_ASSIGN_OR_RETURN(const Timestamp at, run_at(doc));
  if (at > clock_.now()) {
    return Error::invalid_input(
        "field /run/at = \"" + format_utc_timestamp(at) + "\": is later than the clock (" +
            format_utc_timestamp(clock_.now()) + "); evaluating it would use data from the future",
        "event");
  }
  STRATUS_ASSIGN_OR_RETURN(const MarketDay as_of, calendar_.last_completed_session(at));

  Json out = doc;
  out["evaluation"] = {
      {"as_of_session", format_date(as_of.date)},
      {"window_sessions", config_.evaluate.window_sessions},
      {"high_basis", config_.evaluate.high_basis == HighBasis::kHigh ? "high" : "close"},
      {"price", config_.evaluate.price == PriceSource::kLatestTrade ? "latest_trade" : "close"}};
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
