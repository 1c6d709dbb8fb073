// DayIndex: a running count of listed days over every calendar day of their span.
#include "adapters/sim/day_index.h"

namespace stratus {

template <typename DayOf>
void DayIndex::count(std::size_t n, DayOf day_of) {
  total_ = n;
  if (n == 0) return;
  first_day_ = day_of(0);
  counts_.resize(static_cast<std::size_t>(day_of(n - 1) - first_day_) + 1);
  std::size_t next = 0;  // The first listed day not yet counted.
  for (std::size_t d = 0; d < counts_.size(); ++d) {
    const std::int64_t day = first_day_ + static_cast<std::int64_t>(d);
    while (next < n && day_of(next) <= day) ++next;
    counts_[d] = static_cast<std::uint32_t>(next);
  }
}

DayIndex::DayIndex(std::span<const CompactBar> bars) {
  count(bars.size(), [bars](std::size_t i) { return bars[i].day; });
}

DayIndex::DayIndex(std::span<const std::int64_t> days) {
  count(days.size(), [days](std::size_t i) { return days[i]; });
}

}  // namespace stratus
