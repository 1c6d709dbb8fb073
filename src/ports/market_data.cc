// MarketData's defaults: a drawdown window reads the bars, then scans them; a drawdown reader asks
// for the window by name.
#include "ports/market_data.h"

#include <string>

namespace stratus {

Result<DrawdownWindow> MarketData::drawdown_window(std::string_view symbol, Date through,
                                                   std::size_t window, HighBasis basis) {
  STRATUS_ASSIGN_OR_RETURN(const std::vector<DailyBar> bars, daily_bars(symbol, through, window));
  DrawdownWindow out;
  out.sessions = bars.size();
  if (!bars.empty()) out.reading = read_drawdown(bars, basis);
  return out;
}

namespace {

// Asks the source by name at every read.
class ByNameDrawdownReader final : public DrawdownReader {
 public:
  ByNameDrawdownReader(MarketData& data, std::string_view symbol, std::size_t window,
                       HighBasis basis)
      : data_(data), symbol_(symbol), window_(window), basis_(basis) {}

  Result<DrawdownWindow> read(Date through) override {
    return data_.drawdown_window(symbol_, through, window_, basis_);
  }

 private:
  MarketData& data_;
  const std::string symbol_;
  const std::size_t window_;
  const HighBasis basis_;
};

}  // namespace

std::unique_ptr<DrawdownReader> MarketData::drawdown_reader(std::string_view symbol,
                                                            std::size_t window, HighBasis basis) {
  return std::make_unique<ByNameDrawdownReader>(*this, symbol, window, basis);
}

}  // namespace stratus
