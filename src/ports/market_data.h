// MarketData port: daily bars per symbol, as known at some point in time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/bar.h"
#include "domain/drawdown.h"
#include "domain/money.h"
#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

// One trade as a data source reports it: its price, and when it happened (to the second; finer
// fractions are truncated).
struct LatestTrade {
  Money price;
  Timestamp at;
};

// What the drawdown rule reads of one symbol on one day: the latest bars through that day, at
// most a window's worth, and the drawdown over them.
struct DrawdownWindow {
  std::size_t sessions = 0;  // How many bars the window holds: min(window, bars through the day).
  DrawdownReading reading;   // read_drawdown over those bars; meaningful only when sessions > 0.
};

// Reads one symbol's drawdown over one (window, basis), session after session: what evaluate asks
// of every watched symbol in every run. Made by MarketData::drawdown_reader; it must not outlive
// the source that made it.
class DrawdownReader {
 public:
  virtual ~DrawdownReader() = default;
  // Equal to the source's drawdown_window(symbol, through, window, basis), errors included.
  virtual Result<DrawdownWindow> read(Date through) = 0;
};

// Reads one symbol's latest close on or before a day, day after day: what a backtest asks of
// every holding at every close. Made by MarketData::close_reader; it must not outlive the source
// that made it.
class CloseReader {
 public:
  virtual ~CloseReader() = default;
  // The close of the symbol's latest bar whose session is on or before `through`: that of
  // daily_bars(symbol, through, 1), nullopt when there is none. Errors as for daily_bars.
  virtual Result<std::optional<Money>> read(Date through) = 0;
};

class MarketData {
 public:
  virtual ~MarketData() = default;

  // The last (at most) `count` bars of `symbol` whose session is on or before `through`, in
  // ascending session order. Fewer when the history is shorter; empty when there is none.
  // NotFound when the source has never heard of `symbol`.
  virtual Result<std::vector<DailyBar>> daily_bars(std::string_view symbol, Date through,
                                                   std::size_t count) = 0;

  // The same bars as daily_bars(symbol, through, count), written into `out`: its previous
  // contents are replaced and its capacity is reused, so a caller that keeps `out` from one call
  // to the next stops allocating once it is large enough. Errors as for daily_bars; `out` holds
  // no meaningful bars after an error. The default delegates to daily_bars; a source that holds
  // its bars in memory overrides it to write them without allocating.
  virtual Status daily_bars_into(std::string_view symbol, Date through, std::size_t count,
                                 std::vector<DailyBar>& out) {
    auto bars = daily_bars(symbol, through, count);
    if (!bars.ok()) return bars.error();
    out = std::move(bars).value();
    return {};
  }

  // The drawdown over the last (at most) `window` bars of `symbol` through `through`: equal to
  // read_drawdown(daily_bars(symbol, through, window), basis) with its bar count. Errors as for
  // daily_bars. The default reads the bars and scans them; a source that holds its bars in
  // memory overrides it to answer without copying or scanning the window.
  virtual Result<DrawdownWindow> drawdown_window(std::string_view symbol, Date through,
                                                 std::size_t window, HighBasis basis);

  // A reader of drawdown_window for (symbol, window, basis). The default asks drawdown_window by
  // name at every read; a source that can resolve the symbol once overrides it, so that a
  // backtest does not look the name up again in every session. Never null; errors (an unknown
  // symbol included) come from read(), as from drawdown_window.
  virtual std::unique_ptr<DrawdownReader> drawdown_reader(std::string_view symbol,
                                                          std::size_t window, HighBasis basis);

  // A reader of the latest close of `symbol`. The default asks daily_bars_into by name at every
  // read; a source that can resolve the symbol once overrides it. Never null; errors (an unknown
  // symbol included) come from read(), as from daily_bars.
  virtual std::unique_ptr<CloseReader> close_reader(std::string_view symbol);

  // The first bar of `symbol` whose session is strictly after `after`, if the source has one.
  virtual Result<std::optional<DailyBar>> first_bar_after(std::string_view symbol, Date after) = 0;

  // The most recent trade of `symbol` known to the source: nullopt when the source has none (a
  // source of daily bars only). Errors as for daily_bars.
  virtual Result<std::optional<LatestTrade>> latest_trade(std::string_view symbol) {
    (void)symbol;
    return std::optional<LatestTrade>{};
  }
};

}  // namespace stratus
