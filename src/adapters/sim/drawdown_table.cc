// DrawdownTable: a column is written in one pass over the calendar, the symbol's day index
// saying how many of its bars each day has seen.
#include "adapters/sim/drawdown_table.h"

#include <algorithm>

#include "adapters/sim/window_highs.h"

namespace stratus {

static_assert(sizeof(DrawdownCell) == 40);

DrawdownTable::DrawdownTable(std::span<const std::int64_t> calendar, std::size_t columns,
                             std::size_t window, HighBasis basis)
    : calendar_(calendar), window_(window), basis_(basis), cells_(calendar.size(), columns) {}

const DrawdownCell* DrawdownTable::column(std::size_t column, std::span<const CompactBar> bars,
                                          const DayIndex& days) {
  return cells_.column(column, [&](DrawdownCell* cells) { fill(cells, bars, days); });
}

void DrawdownTable::fill(DrawdownCell* column, std::span<const CompactBar> bars,
                         const DayIndex& days) const {
  if (bars.empty()) return;  // Every cell stays empty.
  const WindowHighs highs(bars, window_, basis_);
  for (std::size_t row = 0; row < calendar_.size(); ++row) {
    const std::size_t available = days.count_through(calendar_[row]);
    if (available == 0) continue;
    const CompactBar& last = bars[available - 1];
    const CompactBar& top = bars[highs.highest(available - 1)];
    DrawdownCell& cell = column[row * stride()];
    cell.price = last.close;
    cell.high = high_candidate(top, basis_);
    cell.drop = Percent::drop(Money::from_units(cell.high), Money::from_units(cell.price)).units();
    cell.price_day = static_cast<std::int32_t>(last.day);
    cell.high_day = static_cast<std::int32_t>(top.day);
    cell.sessions = static_cast<std::uint32_t>(std::min(window_, available));
  }
}

}  // namespace stratus
