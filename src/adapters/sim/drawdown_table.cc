// DrawdownTable: a column is written in one pass over the calendar, walking the symbol's bars
// alongside.
#include "adapters/sim/drawdown_table.h"

#include <algorithm>

#include "adapters/sim/window_highs.h"

namespace stratus {

static_assert(sizeof(DrawdownCell) == 40);

DrawdownTable::DrawdownTable(std::span<const std::int64_t> calendar, std::size_t columns,
                             std::size_t window, HighBasis basis)
    : calendar_(calendar), window_(window), basis_(basis), cells_(calendar.size(), columns) {}

const DrawdownCell* DrawdownTable::column(std::size_t column, std::span<const CompactBar> bars) {
  return cells_.column(column, [&](DrawdownCell* cells) { fill(cells, bars); });
}

void DrawdownTable::fill(DrawdownCell* column, std::span<const CompactBar> bars) const {
  if (bars.empty()) return;  // Every cell stays empty.
  const WindowHighs highs(bars, window_, basis_);
  std::size_t available = 0;  // The symbol's bars on or before the row's day.
  for (std::size_t row = 0; row < calendar_.size(); ++row) {
    while (available < bars.size() && bars[available].day <= calendar_[row]) ++available;
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
