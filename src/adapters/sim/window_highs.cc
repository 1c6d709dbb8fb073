// WindowHighs: prefix and suffix maxima per block of W bars; a window is two lookups.
#include "adapters/sim/window_highs.h"

namespace stratus {

WindowHighs::WindowHighs(std::span<const CompactBar> bars, std::size_t window, HighBasis basis)
    : bars_(bars), window_(window), basis_(basis), prefix_(bars.size()), suffix_(bars.size()) {
  const std::size_t n = bars.size();
  for (std::size_t i = 0; i < n; ++i) {
    // Going forward, a later bar wins a tie.
    const bool block_start = i % window_ == 0;
    prefix_[i] = block_start || price(i) >= price(prefix_[i - 1]) ? static_cast<std::uint32_t>(i)
                                                                  : prefix_[i - 1];
  }
  for (std::size_t i = n; i-- > 0;) {
    // Going backward, the later bar (already chosen) keeps a tie.
    const bool block_end = i + 1 == n || (i + 1) % window_ == 0;
    suffix_[i] = block_end || price(i) > price(suffix_[i + 1]) ? static_cast<std::uint32_t>(i)
                                                               : suffix_[i + 1];
  }
}

std::size_t WindowHighs::highest(std::size_t last) const {
  if (last + 1 <= window_) return prefix_[last];  // [0, last] lies in the first block.
  const std::size_t first = last + 1 - window_;
  if (first % window_ == 0) return prefix_[last];  // Exactly one block.
  // [first, last] spans the end of first's block and the start of last's: the later part wins
  // a tie.
  const std::size_t early = suffix_[first];
  const std::size_t late = prefix_[last];
  return price(late) >= price(early) ? late : early;
}

}  // namespace stratus
