// SymbolVerdict: what evaluate decided about one watched symbol, as a value. Inside one process
// the chain hands these from step to step; the JSON entry of "signals" or "passed" is made from
// a verdict only when the document leaves the process (or a step reads it as JSON), and is then
// exactly the entry evaluate documents (functions/evaluate.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/drawdown.h"
#include "domain/percent.h"
#include "domain/quantity.h"
#include "domain/time.h"

namespace stratus {

struct SymbolVerdict {
  // The entry's "code"; kSignal is an entry of "signals", every other one of "passed".
  enum class Code {
    kSignal,
    kBelowFirstTier,
    kFilterNotMet,
    kTierConditionsNotMet,
    kNoData,
    kStaleData,
    kInsufficientHistory,
    kDataError,
  };

  Code code = Code::kNoData;
  std::string symbol;
  // The drawdown facts (drop_pct, high_52w, high_session, price, price_session, sessions) the
  // entry carries; none for an entry that is only {code, reason, symbol}.
  std::optional<DrawdownReading> reading;
  std::size_t sessions = 0;  // With `reading`: the sessions in the window.
  // kSignal: the chosen tier's drop and its quantity. kBelowFirstTier: the first tier's drop.
  Percent tier_drop;
  Quantity qty;
  // kInsufficientHistory: the sessions the window needs.
  std::size_t sessions_needed = 0;
  // The reason, for the codes whose reason is not made from the fields above: every code but
  // kSignal, kBelowFirstTier and kInsufficientHistory.
  std::string reason;
  // Further members of an entry with `reading` (price_source, price_at, price_note, indicators,
  // filter, tier_conditions); null when there are none.
  nlohmann::json extra;

  bool is_signal() const { return code == Code::kSignal; }
  // The entry of "signals" or "passed", members in key order.
  nlohmann::json to_json() const;
};

// How many of `verdicts` are signals.
std::size_t count_signals(const std::vector<SymbolVerdict>& verdicts);

// The code as the entry shows it ("signal" for kSignal, which has no code member).
std::string_view verdict_code_name(SymbolVerdict::Code code);

}  // namespace stratus
