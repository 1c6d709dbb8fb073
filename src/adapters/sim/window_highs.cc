// WindowHighs: prefix and suffix maxima per block of W bars give every window's answer, kept.
#include "adapters/sim/window_highs.h"

#include <algorithm>

namespace stratus {

WindowHighs::WindowHighs(std::span<const CompactBar> bars, std::size_t window, HighBasis basis)
    : window_(window), basis_(basis), highest_(bars.size()) {
  const auto price = [&](std::size_t i) { return high_candidate(bars[i], basis); };
  const std::size_t n = bars.size();
  std::vector<std::uint32_t> prefix(n);  // Highest in [block start, i], latest on ties.
  std::vector<std::uint32_t> suffix(n);  // Highest in [i, block end], latest on ties.
  // Block by block (no division per bar): going forward a later bar wins a tie; going backward
  // the later bar, already chosen, keeps it.
  for (std::size_t start = 0; start < n; start += window_) {
    const std::size_t stop = std::min(n, start + window_);
    prefix[start] = static_cast<std::uint32_t>(start);
    for (std::size_t i = start + 1; i < stop; ++i) {
      prefix[i] = price(i) >= price(prefix[i - 1]) ? static_cast<std::uint32_t>(i) : prefix[i - 1];
    }
    suffix[stop - 1] = static_cast<std::uint32_t>(stop - 1);
    for (std::size_t i = stop - 1; i-- > start;) {
      suffix[i] = price(i) > price(suffix[i + 1]) ? static_cast<std::uint32_t>(i) : suffix[i + 1];
    }
  }
  for (std::size_t last = 0; last < n; ++last) {
    if (last + 1 <= window_) {  // [0, last] lies in the first block.
      highest_[last] = prefix[last];
      continue;
    }
    const std::size_t first = last + 1 - window_;
    if (first % window_ == 0) {  // Exactly one block.
      highest_[last] = prefix[last];
      continue;
    }
    // [first, last] spans the end of first's block and the start of last's: the later part
    // wins a tie.
    const std::uint32_t early = suffix[first];
    const std::uint32_t late = prefix[last];
    highest_[last] = price(late) >= price(early) ? late : early;
  }
}

}  // namespace stratus
