#include "adapters/calendar/weekday_calendar.h"

namespace stratus {
namespace {

constexpr TimeOfDay kOpen{9 * 60 + 30};
constexpr TimeOfDay kClose{16 * 60};

}  // namespace

Result<MarketDay> WeekdayCalendar::day(Date date) const {
  const std::chrono::year_month_day ymd{date};
  if (ymd.year() < std::chrono::year{1900} || ymd.year() > std::chrono::year{2099}) {
    return Error::invalid_input("date " + format_date(date) +
                                " is outside the weekday calendar's range 1900-01-01..2099-12-31");
  }
  MarketDay day;
  day.date = date;
  if (is_weekend(date)) {
    day.closed_reason = "weekend";
    return day;
  }
  day.is_session = true;
  day.open = new_york_instant(date, kOpen);
  day.close = new_york_instant(date, kClose);
  return day;
}

}  // namespace stratus
