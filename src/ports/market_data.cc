// MarketData's defaults: a drawdown window reads the bars, then scans them; a drawdown reader asks
// for the window by name, and a close reader for the last bar by name.
#include "ports/market_data.h"

#include <string>
#include <vector>

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

// Asks the source for the last bar by name at every read.
class ByNameCloseReader final : public CloseReader {
 public:
  ByNameCloseReader(MarketData& data, std::string_view symbol) : data_(data), symbol_(symbol) {}

  Result<std::optional<Money>> read(Date through) override {
    STRATUS_RETURN_IF_ERROR(data_.daily_bars_into(symbol_, through, 1, last_));
    return last_.empty() ? std::optional<Money>() : std::optional<Money>(last_.back().close);
  }

 private:
  MarketData& data_;
  const std::string symbol_;
  std::vector<DailyBar> last_;  // Kept from read to read: no allocation after the first.
};

}  // namespace

std::unique_ptr<DrawdownReader> MarketData::drawdown_reader(std::string_view symbol,
                                                            std::size_t window, HighBasis basis) {
  return std::make_unique<ByNameDrawdownReader>(*this, symbol, window, basis);
}

std::unique_ptr<CloseReader> MarketData::close_reader(std::string_view symbol) {
  return std::make_unique<ByNameCloseReader>(*this, symbol);
}

}  // namespace stratus
