// WindowHighs: for one series of bars, one window length W and one high basis, where the highest
// price of the W bars ending at each bar lies: one lookup per query.
//
// Built in O(n) with the van Herk / Gil-Werman scheme: the series is cut into blocks of W bars;
// for each bar, the highest bar from its block's start up to it (prefix) and from it to its
// block's end (suffix). A window of W bars spans at most two blocks, so its highest bar is the
// higher of the suffix at its first bar and the prefix at its last; that answer is kept for
// every bar, so a query reads one number (4 bytes per bar) and no price. A backtest asks for one
// window per symbol and session, so this replaces a scan of W bars (252 for a 52-week high).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "adapters/sim/compact_bar.h"
#include "domain/drawdown.h"

namespace stratus {

// The price a bar contributes to the high: its close, or with kHigh its high when present and
// above the close (read_drawdown's rule).
inline std::int64_t high_candidate(const CompactBar& bar, HighBasis basis) {
  return basis == HighBasis::kHigh && bar.high > bar.close ? bar.high : bar.close;
}

class WindowHighs {
 public:
  // REQUIRES: window >= 1; fewer than 2^32 bars. `bars` is read only here.
  WindowHighs(std::span<const CompactBar> bars, std::size_t window, HighBasis basis);

  // The index of the highest bar among bars [max(0, last + 1 - W), last], the latest of them
  // when several share the highest price (as read_drawdown picks).
  // REQUIRES: last < the series' size.
  std::size_t highest(std::size_t last) const { return highest_[last]; }

  std::size_t window() const { return window_; }
  HighBasis basis() const { return basis_; }

 private:
  std::size_t window_;
  HighBasis basis_;
  std::vector<std::uint32_t> highest_;  // highest_[last]: the answer for the window ending there.
};

}  // namespace stratus
