// Time in Stratus: UTC instants (sys_seconds) inside, exchange-local time only through the tz
// database (America/New_York). Never a fixed offset, never the host's zone.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

using Timestamp = std::chrono::sys_seconds;  // A UTC instant, second precision.
using Date = std::chrono::sys_days;          // A calendar date (no zone attached).

// A wall-clock time of day in some zone, minutes since midnight (e.g. 15:45 -> 945).
struct TimeOfDay {
  int minutes = 0;
  constexpr auto operator<=>(const TimeOfDay&) const = default;
};

// Parses "2015-08-24T19:45:00Z" (also fractional seconds, truncated, and "+00:00").
// Fails with InvalidInput naming the text when it is not an ISO-8601 UTC instant.
Result<Timestamp> parse_utc_timestamp(std::string_view text);
// "2015-08-24T19:45:00Z".
std::string format_utc_timestamp(Timestamp t);

// Parses "2015-08-24"; rejects impossible dates such as 2015-02-30.
Result<Date> parse_date(std::string_view text);
// "2015-08-24".
std::string format_date(Date d);

// Parses "HH:MM" (24-hour).
Result<TimeOfDay> parse_time_of_day(std::string_view text);
std::string format_time_of_day(TimeOfDay t);

// Parses "YYYY-MM" into the first day of that month.
Result<Date> parse_month(std::string_view text);
// "2015-08" for any date in August 2015.
std::string format_month(Date d);
// Whether `text` is format_month(d), decided without building that string (the ledgers check
// every reservation's month against its session).
bool is_month_of(std::string_view text, Date d);

// The exchange's zone. All conversions below go through the tz database's file for it, read
// from the zoneinfo directory (domain/zoneinfo.h) at the first conversion; they throw
// std::runtime_error naming the file when it is missing or bad.
inline constexpr std::string_view kNewYorkZone = "America/New_York";

// The New York calendar date of instant `t`.
Date new_york_date(Timestamp t);
// The New York wall-clock time of `t`, in minutes since midnight.
TimeOfDay new_york_time_of_day(Timestamp t);
// The UTC instant of wall-clock `time` on `date` in New York. A wall time that does not exist
// (spring-forward gap) maps to the instant after the gap; an ambiguous one (fall-back) to the
// earlier instant.
Timestamp new_york_instant(Date date, TimeOfDay time);
// "2015-08" for the New York month containing `t` (used for monthly caps).
std::string new_york_month(Timestamp t);

// ISO weekday: Monday = 1 ... Sunday = 7.
unsigned iso_weekday(Date d);
bool is_weekend(Date d);

}  // namespace stratus
