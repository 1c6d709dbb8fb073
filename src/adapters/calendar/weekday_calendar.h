// WeekdayCalendar: every Monday-Friday is a session, 09:30-16:00 America/New_York.
// It knows weekends and daylight saving but no holidays (knows_holidays() is false), so
// market-check reports that holidays were not checked rather than pretending to know them.
#pragma once

#include "ports/market_calendar.h"

namespace stratus {

class WeekdayCalendar final : public MarketCalendar {
 public:
  std::string_view name() const override { return "weekdays"; }
  bool knows_holidays() const override { return false; }
  // Any date from 1900-01-01 to 2099-12-31; InvalidInput outside.
  Result<MarketDay> day(Date date) const override;
};

}  // namespace stratus
