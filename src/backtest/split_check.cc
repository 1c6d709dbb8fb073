#include "backtest/split_check.h"

#include <cstdio>

namespace stratus {

Result<std::vector<DataWarning>> suspicious_moves(MarketData& data,
                                                  const std::vector<std::string>& symbols,
                                                  Date from, Date to) {
  std::vector<DataWarning> warnings;
  // Every bar through `to`: the store returns at most what it holds.
  const auto days = static_cast<std::size_t>((to - from).count()) + 2;
  for (const std::string& symbol : symbols) {
    STRATUS_ASSIGN_OR_RETURN(const std::vector<DailyBar> bars, data.daily_bars(symbol, to, days));
    for (std::size_t i = 1; i < bars.size(); ++i) {
      if (bars[i].session < from) continue;
      const double ratio = static_cast<double>(bars[i].close.units()) /
                           static_cast<double>(bars[i - 1].close.units());
      if (ratio >= kSuspiciousFall && ratio <= kSuspiciousRise) continue;
      DataWarning w{symbol, bars[i].session, bars[i - 1].close, bars[i].close, ratio - 1, ""};
      char change[32];
      std::snprintf(change, sizeof change, "%.2f%%", std::abs(w.change) * 100);
      w.message = symbol + " closed " + change + (w.change < 0 ? " lower" : " higher") + " on " +
                  format_date(w.session) + " than the session before (" +
                  w.previous_close.to_string() + " -> " + w.close.to_string() +
                  "): a split in unadjusted data? Dips measured across it are not real.";
      warnings.push_back(std::move(w));
    }
  }
  return warnings;
}

}  // namespace stratus
