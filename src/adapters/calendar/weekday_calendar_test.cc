#include "adapters/calendar/weekday_calendar.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

Date d(const char* s) { return *parse_date(s); }

TEST(WeekdayCalendar, WeekendsAreClosedWeekdaysAreSessions) {
  WeekdayCalendar cal;
  EXPECT_FALSE(cal.knows_holidays());
  auto sat = cal.day(d("2015-08-22"));
  ASSERT_TRUE(sat.ok());
  EXPECT_FALSE(sat->is_session);
  EXPECT_EQ(sat->closed_reason, "weekend");
  auto mon = cal.day(d("2015-08-24"));
  ASSERT_TRUE(mon->is_session);
  EXPECT_EQ(format_utc_timestamp(mon->open), "2015-08-24T13:30:00Z");
  EXPECT_EQ(format_utc_timestamp(mon->close), "2015-08-24T20:00:00Z");
}

TEST(WeekdayCalendar, HoursFollowDaylightSaving) {
  WeekdayCalendar cal;
  EXPECT_EQ(format_utc_timestamp(cal.day(d("2015-11-02"))->open), "2015-11-02T14:30:00Z");
  EXPECT_EQ(format_utc_timestamp(cal.day(d("2015-10-30"))->close), "2015-10-30T20:00:00Z");
  EXPECT_EQ(format_utc_timestamp(cal.day(d("2015-11-02"))->close), "2015-11-02T21:00:00Z");
}

TEST(WeekdayCalendar, NavigatesSessions) {
  WeekdayCalendar cal;
  EXPECT_EQ(format_date(cal.previous_session(d("2015-08-24"))->date), "2015-08-21");
  EXPECT_EQ(format_date(cal.next_session(d("2015-08-21"))->date), "2015-08-24");
  EXPECT_EQ(cal.sessions(d("2015-08-01"), d("2015-08-31"))->size(), 21u);
  // Before the close the last completed session is the previous one.
  auto t = *parse_utc_timestamp("2015-08-24T19:45:00Z");
  EXPECT_EQ(format_date(cal.last_completed_session(t)->date), "2015-08-21");
  t = *parse_utc_timestamp("2015-08-24T20:00:00Z");
  EXPECT_EQ(format_date(cal.last_completed_session(t)->date), "2015-08-24");
}

TEST(WeekdayCalendar, RejectsDatesOutsideItsRange) {
  WeekdayCalendar cal;
  auto r = cal.day(d("2100-01-04"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace stratus
