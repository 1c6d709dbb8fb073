// CompactBar: how CsvMarketData holds a DailyBar in memory: 48 bytes of plain integers instead of
// DailyBar's 72 (three std::optional<Money>), so that half a million bars take fewer pages. Bars
// are converted to DailyBar only when a query returns them.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

#include "domain/bar.h"

namespace stratus {

struct CompactBar {
  std::int64_t day = 0;     // The session, as days since 1970-01-01 (Date's count).
  std::int64_t open = 0;    // Money units; 0 when missing (a present price is always positive).
  std::int64_t high = 0;    // As open.
  std::int64_t low = 0;     // As open.
  std::int64_t close = 0;   // Money units.
  std::int64_t volume = 0;  // Shares.

  bool operator==(const CompactBar&) const = default;
};
static_assert(sizeof(CompactBar) == 48);

inline Date compact_day_to_date(std::int64_t day) { return Date{std::chrono::days{day}}; }
inline std::int64_t date_to_compact_day(Date date) { return date.time_since_epoch().count(); }

// Guarantees: `out` is the DailyBar the record stands for (a 0 open/high/low becomes nullopt).
// Writes the fields in place: building a DailyBar elsewhere and copying it costs several times
// more (its optionals' one-byte flags defeat store-to-load forwarding).
inline void to_daily_bar(const CompactBar& bar, DailyBar& out) {
  const auto set_price = [](std::int64_t units, std::optional<Money>& price) {
    if (units == 0) {
      price.reset();
    } else {
      price.emplace(Money::from_units(units));
    }
  };
  out.session = compact_day_to_date(bar.day);
  set_price(bar.open, out.open);
  set_price(bar.high, out.high);
  set_price(bar.low, out.low);
  out.close = Money::from_units(bar.close);
  out.volume = bar.volume;
}

// REQUIRES: a present open, high or low is not zero (else it would read back as missing).
inline CompactBar to_compact_bar(const DailyBar& bar) {
  const auto units = [](const std::optional<Money>& price) {
    return price.has_value() ? price->units() : std::int64_t{0};
  };
  return CompactBar{date_to_compact_day(bar.session),
                    units(bar.open),
                    units(bar.high),
                    units(bar.low),
                    bar.close.units(),
                    bar.volume};
}

}  // namespace stratus
