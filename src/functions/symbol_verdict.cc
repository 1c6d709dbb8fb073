#include "functions/symbol_verdict.h"

#include <algorithm>

#include "functions/json_object.h"

namespace stratus {

std::size_t count_signals(const std::vector<SymbolVerdict>& verdicts) {
  return static_cast<std::size_t>(std::count_if(
      verdicts.begin(), verdicts.end(), [](const SymbolVerdict& v) { return v.is_signal(); }));
}

std::string_view verdict_code_name(SymbolVerdict::Code code) {
  switch (code) {
    case SymbolVerdict::Code::kSignal:
      return "signal";
    case SymbolVerdict::Code::kBelowFirstTier:
      return "below_first_tier";
    case SymbolVerdict::Code::kFilterNotMet:
      return "filter_not_met";
    case SymbolVerdict::Code::kTierConditionsNotMet:
      return "tier_conditions_not_met";
    case SymbolVerdict::Code::kNoData:
      return "no_data";
    case SymbolVerdict::Code::kStaleData:
      return "stale_data";
    case SymbolVerdict::Code::kInsufficientHistory:
      return "insufficient_history";
    case SymbolVerdict::Code::kDataError:
      return "data_error";
  }
  return "unknown";
}

nlohmann::json SymbolVerdict::to_json() const {
  JsonObject entry;  // In key order.
  const bool signal = is_signal();
  if (!signal) entry.with("code", verdict_code_name(code));
  std::string why = reason;
  if (reading) {
    const std::string drop = reading->drop.to_string(2);
    if (code == Code::kBelowFirstTier) {
      why = "drop " + drop + "% below first tier " + tier_drop.to_string(2) + "%";
    }
    entry.with("drop_pct", drop)
        .with("high_52w", reading->high.to_string())
        .with("high_session", format_date(reading->high_session))
        .with("price", reading->price.to_string())
        .with("price_session", format_date(reading->price_session));
    if (signal) entry.with("qty", qty.shares());
    if (!signal) entry.with("reason", std::move(why));
    entry.with("sessions", sessions).with("symbol", symbol);
    if (signal) entry.with("tier_drop_pct", tier_drop.to_string(2));
  } else {
    if (code == Code::kInsufficientHistory) {
      why = std::to_string(sessions) + " sessions of history, need " +
            std::to_string(sessions_needed);
    }
    entry.with("reason", std::move(why)).with("symbol", symbol);
  }
  nlohmann::json out = entry.take();
  if (extra.is_object()) out.update(extra);
  return out;
}

}  // namespace stratus
