#include "domain/time.h"

#include <cstdio>
#include <string>

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

TEST(Time, FormatsEveryDateAsYearMonthDay) {
  using std::chrono::year_month_day;
  // Every day of 1899-2101 against the date's own fields, and back through parse_date.
  for (Date day = d("1899-01-01"); day <= d("2101-12-31"); day += days{1}) {
    const year_month_day ymd{day};
    char expected[16];
    std::snprintf(expected, sizeof expected, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    const std::string text = format_date(day);
    ASSERT_EQ(text, expected);
    ASSERT_EQ(*parse_date(text), day) << text;
  }
  // The edges of four-digit years, and beyond them.
  const auto date = [](int y, unsigned m, unsigned dd) {
    return Date{year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{dd}}};
  };
  EXPECT_EQ(format_date(date(0, 1, 1)), "0000-01-01");
  EXPECT_EQ(format_date(date(9, 3, 7)), "0009-03-07");
  EXPECT_EQ(format_date(date(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(format_date(date(10000, 1, 1)), "10000-01-01");
  EXPECT_EQ(format_date(date(-1, 12, 31)), "-001-12-31");
}

TEST(Time, IsMonthOfAgreesWithFormatMonth) {
  using std::chrono::year_month_day;
  for (Date day = d("1999-12-01"); day <= d("2001-01-31"); day += days{1}) {
    const std::string month = format_month(day);
    ASSERT_TRUE(is_month_of(month, day)) << month;
    std::string next = month;
    next[6] = next[6] == '9' ? '0' : static_cast<char>(next[6] + 1);
    ASSERT_FALSE(is_month_of(next, day)) << next;
    ASSERT_FALSE(is_month_of(format_date(day), day));
    ASSERT_FALSE(is_month_of(month.substr(0, 6), day));
  }
  const Date far{
      year_month_day{std::chrono::year{10000}, std::chrono::month{2}, std::chrono::day{3}}};
  EXPECT_EQ(format_month(far), "10000-02");
  EXPECT_TRUE(is_month_of("10000-02", far));
  EXPECT_FALSE(is_month_of("0000-02", far));
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
