// DrawdownTable: the drawdown reading of every symbol of a market over one (window, basis), on
// every day of the market's calendar (the days on which at least one symbol has a bar), in a
// CalendarTable: one session's readings of all symbols are neighbours, where reading them from
// the bars meant four scattered loads per symbol (its day index, its window highs, its last bar
// and its highest bar). A symbol's column is computed from its bars and a WindowHighs, dropped
// after. 40 bytes per day and symbol: the S&P 500 five-year set (1,259 days x 505 symbols) takes
// 25 MB per (window, basis).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "adapters/sim/calendar_table.h"
#include "adapters/sim/compact_bar.h"
#include "adapters/sim/day_index.h"
#include "domain/drawdown.h"
#include "ports/market_data.h"

namespace stratus {

// One symbol's reading through one calendar day: DrawdownWindow's fields, in integers.
// All zero (sessions == 0) when the symbol has no bar on or before the day.
struct DrawdownCell {
  std::int64_t price = 0;      // Money units of the latest close.
  std::int64_t high = 0;       // Money units of the highest price in the window.
  std::int64_t drop = 0;       // Percent units of the drop from high to price.
  std::int32_t price_day = 0;  // Days since 1970-01-01 of the latest close.
  std::int32_t high_day = 0;   // Days since 1970-01-01 of the (latest) highest bar.
  std::uint32_t sessions = 0;  // min(window, the symbol's bars through the day).

  // The DrawdownWindow this cell holds.
  DrawdownWindow to_window() const {
    DrawdownWindow out;
    out.sessions = sessions;
    if (sessions == 0) return out;
    DrawdownReading& r = out.reading;
    r.price = Money::from_units(price);
    r.price_session = compact_day_to_date(price_day);
    r.high = Money::from_units(high);
    r.high_session = compact_day_to_date(high_day);
    r.drop = Percent::from_units(drop);
    return out;
  }
};

class DrawdownTable {
 public:
  // An empty table over `calendar` (ascending days since 1970-01-01, none repeated) for `columns`
  // symbols. REQUIRES: window >= 1; `calendar` outlives the table.
  DrawdownTable(std::span<const std::int64_t> calendar, std::size_t columns, std::size_t window,
                HighBasis basis);

  // The cells of `column` (the calendar's i-th day at [i * stride()]), computed from `bars`
  // (ascending, days unique, every day in the calendar) and their day index on the first call for
  // the column. Safe to call from several threads. REQUIRES: column < columns; the same bars at
  // every call for one column, and `days` made from them.
  const DrawdownCell* column(std::size_t column, std::span<const CompactBar> bars,
                             const DayIndex& days);

  std::size_t stride() const { return cells_.stride(); }
  // The memory reserved for the cells.
  std::size_t bytes() const { return cells_.rows() * cells_.stride() * sizeof(DrawdownCell); }
  std::size_t window() const { return window_; }
  HighBasis basis() const { return basis_; }

 private:
  void fill(DrawdownCell* column, std::span<const CompactBar> bars, const DayIndex& days) const;

  std::span<const std::int64_t> calendar_;
  std::size_t window_;
  HighBasis basis_;
  CalendarTable<DrawdownCell> cells_;
};

}  // namespace stratus
