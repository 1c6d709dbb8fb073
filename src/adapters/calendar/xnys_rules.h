// The New York Stock Exchange's regular calendar rules for 1990-2035: which weekdays are holidays
// and which sessions close early at the regular early-close time. Pure functions of the year.
// Everything the rules do not produce (closures for mourning, weather or emergencies, ad-hoc
// early closes, late opens) is data: data/calendars/xnys-special-days.csv.
//
// The rules, as the NYSE applies them (NYSE Rule 7.2 and its published holiday lists):
// - Holidays: New Year's Day, Martin Luther King Jr. Day (third Monday of January, from 1998),
//   Washington's Birthday (third Monday of February), Good Friday, Memorial Day (last Monday of
//   May), Juneteenth National Independence Day (from 2022), Independence Day, Labor Day (first
//   Monday of September), Thanksgiving Day (fourth Thursday of November), Christmas Day.
// - A fixed-date holiday on a Saturday is observed on the Friday before and on a Sunday on the
//   Monday after, except New Year's Day: on a Saturday it is not observed at all (no Friday
//   make-up in December, the year-end accounting period).
// - Regular early closes: 14:00 New York before 1993, 13:00 from 1993 on, on
//   - the day after Thanksgiving (from 1992),
//   - Christmas Eve when it is a Monday-Thursday (a Friday Christmas Eve is the observed holiday),
//   - July 3 when it is a Monday, Tuesday or Thursday (from 1995), or a Wednesday (from 2013),
//   - July 5 when it is a Friday (1995-2012: the Thursday-Independence-Day years moved the early
//     close to the Wednesday before from 2013 on).
#pragma once

#include <string_view>
#include <vector>

#include "domain/time.h"

namespace stratus {

// The first and last years the rules (and the XNYS calendar) cover.
inline constexpr int kXnysFirstYear = 1990;
inline constexpr int kXnysLastYear = 2035;

// Easter Sunday of `year` in the Gregorian calendar. REQUIRES 1583 <= year <= 9999.
Date easter_sunday(int year);

// A weekday on which the exchange is closed for a regular holiday.
struct XnysHoliday {
  Date date;
  // "Independence Day", or "Independence Day (observed)" when moved off a weekend. Static text.
  std::string_view name;
};

// The holidays observed in `year`, in date order; every date is a Monday-Friday of `year`.
// REQUIRES kXnysFirstYear <= year <= kXnysLastYear.
std::vector<XnysHoliday> xnys_holidays(int year);

// A session that closes early by a regular rule.
struct XnysEarlyClose {
  Date date;
  TimeOfDay close;        // New York wall time: 14:00 before 1993, 13:00 from 1993.
  std::string_view name;  // "Christmas Eve", "Day after Thanksgiving", ... Static text.
};

// The regular early closes of `year`, in date order; none falls on a holiday or a weekend.
// REQUIRES kXnysFirstYear <= year <= kXnysLastYear.
std::vector<XnysEarlyClose> xnys_regular_early_closes(int year);

}  // namespace stratus
