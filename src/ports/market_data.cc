// MarketData's default drawdown window: read the bars, then scan them.
#include "ports/market_data.h"

namespace stratus {

Result<DrawdownWindow> MarketData::drawdown_window(std::string_view symbol, Date through,
                                                   std::size_t window, HighBasis basis) {
  STRATUS_ASSIGN_OR_RETURN(const std::vector<DailyBar> bars, daily_bars(symbol, through, window));
  DrawdownWindow out;
  out.sessions = bars.size();
  if (!bars.empty()) out.reading = read_drawdown(bars, basis);
  return out;
}

}  // namespace stratus
