#include "domain/time.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

using std::chrono::days;

Date d(const char* s) { return *parse_date(s); }
Timestamp t(const char* s) { return *parse_utc_timestamp(s); }

TEST(Time, ParsesAndFormatsUtc) {
  EXPECT_EQ(format_utc_timestamp(t("2015-08-24T19:45:00Z")), "2015-08-24T19:45:00Z");
  EXPECT_EQ(format_utc_timestamp(t("2015-08-24T19:45:00.987Z")), "2015-08-24T19:45:00Z");
  EXPECT_EQ(format_utc_timestamp(t("2015-08-24T19:45:00+00:00")), "2015-08-24T19:45:00Z");
  for (const char* bad : {"2015-08-24", "2015-08-24T19:45:00", "2015-08-24T19:45:00-04:00",
                          "2015-08-24T25:00:00Z", "2015-02-30T10:00:00Z", "yesterday"}) {
    auto r = parse_utc_timestamp(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
  }
}

TEST(Time, ParsesDatesMonthsAndTimesOfDay) {
  EXPECT_EQ(format_date(d("2016-02-29")), "2016-02-29");
  EXPECT_FALSE(parse_date("2015-02-29").ok());
  EXPECT_FALSE(parse_date("2015-8-24").ok());
  EXPECT_EQ(format_month(*parse_month("2015-08")), "2015-08");
  EXPECT_FALSE(parse_month("2015-13").ok());
  EXPECT_EQ(parse_time_of_day("15:45")->minutes, 945);
  EXPECT_FALSE(parse_time_of_day("24:00").ok());
  EXPECT_EQ(format_time_of_day(TimeOfDay{570}), "09:30");
}

TEST(Time, NewYorkFollowsDaylightSaving) {
  // EDT (UTC-4) in August, EST (UTC-5) in January.
  EXPECT_EQ(format_utc_timestamp(new_york_instant(d("2015-08-24"), TimeOfDay{945})),
            "2015-08-24T19:45:00Z");
  EXPECT_EQ(format_utc_timestamp(new_york_instant(d("2016-01-04"), TimeOfDay{945})),
            "2016-01-04T20:45:00Z");
  // 2016-03-13: clocks jump 02:00 -> 03:00. 09:30 that day is EDT.
  EXPECT_EQ(format_utc_timestamp(new_york_instant(d("2016-03-13"), TimeOfDay{570})),
            "2016-03-13T13:30:00Z");
  EXPECT_EQ(format_utc_timestamp(new_york_instant(d("2016-03-11"), TimeOfDay{570})),
            "2016-03-11T14:30:00Z");
  // A wall time inside the gap maps to the end of the gap.
  EXPECT_EQ(format_utc_timestamp(new_york_instant(d("2016-03-13"), TimeOfDay{150})),
            "2016-03-13T07:00:00Z");
  // 2016-11-06 01:30 happens twice; the earlier (EDT) instant is chosen.
  EXPECT_EQ(format_utc_timestamp(new_york_instant(d("2016-11-06"), TimeOfDay{90})),
            "2016-11-06T05:30:00Z");
}

TEST(Time, NewYorkDateAndMonthAroundMidnightUtc) {
  // 2015-09-01T02:00Z is still August 31 in New York.
  EXPECT_EQ(format_date(new_york_date(t("2015-09-01T02:00:00Z"))), "2015-08-31");
  EXPECT_EQ(new_york_month(t("2015-09-01T02:00:00Z")), "2015-08");
  EXPECT_EQ(new_york_month(t("2015-09-01T04:00:00Z")), "2015-09");
  EXPECT_EQ(new_york_time_of_day(t("2015-08-24T19:45:00Z")).minutes, 945);
}

TEST(Time, Weekdays) {
  EXPECT_EQ(iso_weekday(d("2015-08-24")), 1u);  // Monday
  EXPECT_TRUE(is_weekend(d("2015-08-22")));
  EXPECT_TRUE(is_weekend(d("2015-08-23")));
  EXPECT_FALSE(is_weekend(d("2015-08-21")));
  EXPECT_EQ(d("2015-08-24") + days{7}, d("2015-08-31"));
}

}  // namespace
}  // namespace stratus
