// WindowHighs: prefix and suffix maxima per block of W bars; a window is two lookups.
#include "adapters/sim/window_highs.h"

#include <algorithm>

namespace stratus {

WindowHighs::WindowHighs(std::span<const CompactBar> bars, std::size_t window, HighBasis basis)
    : bars_(bars), window_(window), basis_(basis), prefix_(bars.size()), suffix_(bars.size()) {
  const std::size_t n = bars.size();
  // Block by block (no division per bar): going forward a later bar wins a tie; going backward
  // the later bar, already chosen, keeps it.
  for (std::size_t start = 0; start < n; start += window_) {
    const std::size_t stop = std::min(n, start + window_);
    prefix_[start] = static_cast<std::uint32_t>(start);
    for (std::size_t i = start + 1; i < stop; ++i) {
      prefix_[i] =
          price(i) >= price(prefix_[i - 1]) ? static_cast<std::uint32_t>(i) : prefix_[i - 1];
    }
    suffix_[stop - 1] = static_cast<std::uint32_t>(stop - 1);
    for (std::size_t i = stop - 1; i-- > start;) {
      suffix_[i] =
          price(i) > price(suffix_[i + 1]) ? static_cast<std::uint32_t>(i) : suffix_[i + 1];
    }
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
