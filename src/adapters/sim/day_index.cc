// DayIndex: a running count of bars over every calendar day of the series' span.
#include "adapters/sim/day_index.h"

namespace stratus {

DayIndex::DayIndex(std::span<const CompactBar> bars) : total_(bars.size()) {
  if (bars.empty()) return;
  first_day_ = bars.front().day;
  counts_.resize(static_cast<std::size_t>(bars.back().day - first_day_) + 1);
  std::size_t next = 0;  // The first bar not yet counted.
  for (std::size_t d = 0; d < counts_.size(); ++d) {
    const std::int64_t day = first_day_ + static_cast<std::int64_t>(d);
    while (next < bars.size() && bars[next].day <= day) ++next;
    counts_[d] = static_cast<std::uint32_t>(next);
  }
}

}  // namespace stratus
