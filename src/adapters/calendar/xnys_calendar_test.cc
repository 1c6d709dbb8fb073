// Tests of the XNYS calendar against the exchange's published facts, not against its own output:
// - tests/fixtures/calendars/ (see SOURCE.md there): every weekday without a session and every
//   session with irregular hours, 1990-2028, from the exchange_calendars XNYS session list, NYSE's
//   closings history and NYSE's holiday announcements;
// - the holiday names and early closes NYSE announced for 2022-2028 (tables below);
// - the S&P 500 daily-bar data set in ../shared/data/sp500-5yr (its dates are NYSE sessions);
// plus DST, range ends, Saturday New Year's Days, is_open boundaries and whole-range properties.
#include "adapters/calendar/xnys_calendar.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace stratus {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;

Date d(const char* s) { return *parse_date(s); }
Timestamp t(const char* s) { return *parse_utc_timestamp(s); }
std::string ny_time(Timestamp ts) { return format_time_of_day(new_york_time_of_day(ts)); }

const XnysCalendar& calendar() {
  static const XnysCalendar cal;
  return cal;
}

MarketDay day_of(const char* date) {
  auto r = calendar().day(d(date));
  EXPECT_TRUE(r.ok()) << date;
  return r.ok() ? *r : MarketDay{};
}

std::vector<std::vector<std::string>> read_csv(const std::string& relative) {
  std::ifstream in(std::string(STRATUS_SOURCE_DIR) + "/" + relative);
  EXPECT_TRUE(in.good()) << relative;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.starts_with(prefix); }

// --- Rules ---------------------------------------------------------------------------------

TEST(XnysRules, EasterMatchesPublishedTables) {
  // Easter Sunday, Gregorian, from published Easter tables.
  const std::map<int, const char*> easter = {
      {1990, "1990-04-15"}, {1994, "1994-04-03"}, {2000, "2000-04-23"}, {2008, "2008-03-23"},
      {2011, "2011-04-24"}, {2019, "2019-04-21"}, {2024, "2024-03-31"}, {2025, "2025-04-20"},
      {2029, "2029-04-01"}, {2030, "2030-04-21"}, {2031, "2031-04-13"}, {2032, "2032-03-28"},
      {2033, "2033-04-17"}, {2034, "2034-04-09"}, {2035, "2035-03-25"}};
  for (const auto& [year, date] : easter) EXPECT_EQ(format_date(easter_sunday(year)), date) << year;
}

TEST(XnysRules, GoodFridayIsClosedThroughTheEndOfTheRange) {
  for (const char* date : {"2029-03-30", "2030-04-19", "2031-04-11", "2032-03-26", "2033-04-15",
                           "2034-04-07", "2035-03-23"}) {
    EXPECT_EQ(day_of(date).closed_reason, "holiday: Good Friday") << date;
  }
}

// NYSE's announced holidays (press releases "NYSE Group Announces 2022, 2023 and 2024 ...",
// "... 2025, 2026 and 2027 ...", "... 2026, 2027 and 2028 Holiday and Early Closings Calendar").
TEST(XnysCalendar, HolidayNamesMatchNyseAnnouncements2022To2028) {
  const std::vector<std::pair<const char*, const char*>> announced = {
      {"2022-01-17", "Martin Luther King Jr. Day"},
      {"2022-02-21", "Washington's Birthday"},
      {"2022-04-15", "Good Friday"},
      {"2022-05-30", "Memorial Day"},
      {"2022-06-20", "Juneteenth National Independence Day (observed)"},
      {"2022-07-04", "Independence Day"},
      {"2022-09-05", "Labor Day"},
      {"2022-11-24", "Thanksgiving Day"},
      {"2022-12-26", "Christmas Day (observed)"},
      {"2023-01-02", "New Year's Day (observed)"},
      {"2023-01-16", "Martin Luther King Jr. Day"},
      {"2023-02-20", "Washington's Birthday"},
      {"2023-04-07", "Good Friday"},
      {"2023-05-29", "Memorial Day"},
      {"2023-06-19", "Juneteenth National Independence Day"},
      {"2023-07-04", "Independence Day"},
      {"2023-09-04", "Labor Day"},
      {"2023-11-23", "Thanksgiving Day"},
      {"2023-12-25", "Christmas Day"},
      {"2024-01-01", "New Year's Day"},
      {"2024-01-15", "Martin Luther King Jr. Day"},
      {"2024-02-19", "Washington's Birthday"},
      {"2024-03-29", "Good Friday"},
      {"2024-05-27", "Memorial Day"},
      {"2024-06-19", "Juneteenth National Independence Day"},
      {"2024-07-04", "Independence Day"},
      {"2024-09-02", "Labor Day"},
      {"2024-11-28", "Thanksgiving Day"},
      {"2024-12-25", "Christmas Day"},
      {"2025-01-01", "New Year's Day"},
      {"2025-01-20", "Martin Luther King Jr. Day"},
      {"2025-02-17", "Washington's Birthday"},
      {"2025-04-18", "Good Friday"},
      {"2025-05-26", "Memorial Day"},
      {"2025-06-19", "Juneteenth National Independence Day"},
      {"2025-07-04", "Independence Day"},
      {"2025-09-01", "Labor Day"},
      {"2025-11-27", "Thanksgiving Day"},
      {"2025-12-25", "Christmas Day"},
      {"2026-01-01", "New Year's Day"},
      {"2026-01-19", "Martin Luther King Jr. Day"},
      {"2026-02-16", "Washington's Birthday"},
      {"2026-04-03", "Good Friday"},
      {"2026-05-25", "Memorial Day"},
      {"2026-06-19", "Juneteenth National Independence Day"},
      {"2026-07-03", "Independence Day (observed)"},
      {"2026-09-07", "Labor Day"},
      {"2026-11-26", "Thanksgiving Day"},
      {"2026-12-25", "Christmas Day"},
      {"2027-01-01", "New Year's Day"},
      {"2027-01-18", "Martin Luther King Jr. Day"},
      {"2027-02-15", "Washington's Birthday"},
      {"2027-03-26", "Good Friday"},
      {"2027-05-31", "Memorial Day"},
      {"2027-06-18", "Juneteenth National Independence Day (observed)"},
      {"2027-07-05", "Independence Day (observed)"},
      {"2027-09-06", "Labor Day"},
      {"2027-11-25", "Thanksgiving Day"},
      {"2027-12-24", "Christmas Day (observed)"},
      {"2028-01-17", "Martin Luther King Jr. Day"},
      {"2028-02-21", "Washington's Birthday"},
      {"2028-04-14", "Good Friday"},
      {"2028-05-29", "Memorial Day"},
      {"2028-06-19", "Juneteenth National Independence Day"},
      {"2028-07-04", "Independence Day"},
      {"2028-09-04", "Labor Day"},
      {"2028-11-23", "Thanksgiving Day"},
      {"2028-12-25", "Christmas Day"},
  };
  std::set<Date> listed;
  for (const auto& [date, name] : announced) {
    EXPECT_EQ(day_of(date).closed_reason, std::string("holiday: ") + name) << date;
    listed.insert(d(date));
  }
  // And no other weekday of 2022-2028 is a holiday (2025-01-09 was the Carter closure).
  for (Date x = d("2022-01-01"); x <= d("2028-12-31"); x += days{1}) {
    auto day = calendar().day(x);
    ASSERT_TRUE(day.ok());
    if (starts_with(day->closed_reason, "holiday: ")) {
      EXPECT_TRUE(listed.count(x)) << format_date(x) << " " << day->closed_reason;
    }
  }
  EXPECT_EQ(day_of("2025-01-09").closed_reason,
            "closed: National day of mourning for former President Jimmy Carter");
}

TEST(XnysCalendar, EarlyClosesMatchNyseAnnouncements2022To2028) {
  // Every 13:00 early close NYSE announced for 2022-2028, with the rule that names it.
  const std::vector<std::pair<const char*, const char*>> announced = {
      {"2022-11-25", "Day after Thanksgiving"},
      {"2023-07-03", "Day before Independence Day"},
      {"2023-11-24", "Day after Thanksgiving"},
      {"2024-07-03", "Day before Independence Day"},
      {"2024-11-29", "Day after Thanksgiving"},
      {"2024-12-24", "Christmas Eve"},
      {"2025-07-03", "Day before Independence Day"},
      {"2025-11-28", "Day after Thanksgiving"},
      {"2025-12-24", "Christmas Eve"},
      {"2026-11-27", "Day after Thanksgiving"},
      {"2026-12-24", "Christmas Eve"},
      {"2027-11-26", "Day after Thanksgiving"},
      {"2028-07-03", "Day before Independence Day"},
      {"2028-11-24", "Day after Thanksgiving"},
  };
  std::set<Date> listed;
  for (const auto& [date, name] : announced) {
    const MarketDay day = day_of(date);
    ASSERT_TRUE(day.is_session) << date;
    EXPECT_TRUE(day.early_close) << date;
    EXPECT_EQ(ny_time(day.close), "13:00") << date;
    EXPECT_EQ(calendar().hours_note(d(date)), std::string("early close 13:00: ") + name) << date;
    listed.insert(d(date));
  }
  auto sessions = calendar().sessions(d("2022-01-01"), d("2028-12-31"));
  ASSERT_TRUE(sessions.ok());
  for (const MarketDay& s : *sessions) {
    if (s.early_close) {
      EXPECT_TRUE(listed.count(s.date)) << format_date(s.date);
    }
  }
}

TEST(XnysCalendar, HistoricalExceptionsToTheEarlyCloseRules) {
  // July 3 early closes began in 1995.
  EXPECT_FALSE(day_of("1990-07-03").early_close);
  EXPECT_FALSE(day_of("1991-07-03").early_close);
  EXPECT_TRUE(day_of("1995-07-03").early_close);
  // Until 2012 a Thursday Independence Day moved the early close to Friday July 5; since 2013 it
  // is Wednesday July 3.
  EXPECT_FALSE(day_of("2002-07-03").early_close);
  EXPECT_TRUE(day_of("2002-07-05").early_close);
  EXPECT_TRUE(day_of("2013-07-03").early_close);
  EXPECT_FALSE(day_of("2013-07-05").early_close);
  EXPECT_TRUE(day_of("2019-07-03").early_close);
  // The day after Thanksgiving became an early close in 1992 (at 14:00), 13:00 from 1993.
  EXPECT_FALSE(day_of("1990-11-23").early_close);
  EXPECT_FALSE(day_of("1991-11-29").early_close);
  EXPECT_EQ(ny_time(day_of("1992-11-27").close), "14:00");
  EXPECT_EQ(ny_time(day_of("1993-11-26").close), "13:00");
  // Christmas Eve closed at 14:00 until 1992, at 13:00 since; a Friday Christmas Eve is the
  // observed Christmas holiday.
  EXPECT_EQ(ny_time(day_of("1990-12-24").close), "14:00");
  EXPECT_EQ(ny_time(day_of("1992-12-24").close), "14:00");
  EXPECT_EQ(day_of("1993-12-24").closed_reason, "holiday: Christmas Day (observed)");
  EXPECT_EQ(ny_time(day_of("1996-12-24").close), "13:00");
  // The day after a Thursday Christmas is a full day unless NYSE said otherwise.
  EXPECT_EQ(ny_time(day_of("1997-12-26").close), "13:00");
  EXPECT_EQ(ny_time(day_of("2003-12-26").close), "13:00");
  EXPECT_EQ(ny_time(day_of("2008-12-26").close), "16:00");
  EXPECT_EQ(ny_time(day_of("2014-12-26").close), "16:00");
  EXPECT_EQ(ny_time(day_of("2025-12-26").close), "16:00");
  // MLK Day from 1998, Juneteenth from 2022.
  EXPECT_TRUE(day_of("1997-01-20").is_session);
  EXPECT_EQ(day_of("1998-01-19").closed_reason, "holiday: Martin Luther King Jr. Day");
  EXPECT_TRUE(day_of("2021-06-18").is_session);
  EXPECT_EQ(day_of("2022-06-20").closed_reason,
            "holiday: Juneteenth National Independence Day (observed)");
}

TEST(XnysCalendar, SaturdayNewYearsDayHasNoFridayMakeUp) {
  for (int year : {1994, 2000, 2005, 2011, 2022, 2028}) {
    const Date jan1 = Date{std::chrono::year{year} / 1 / 1};
    ASSERT_EQ(iso_weekday(jan1), 6u) << year;
    auto dec31 = calendar().day(jan1 - days{1});
    ASSERT_TRUE(dec31.ok());
    EXPECT_TRUE(dec31->is_session) << year;
    EXPECT_EQ(ny_time(dec31->open), "09:30") << year;
    // 1999-12-31 closed at 13:00 for the Y2K changeover (a special day, not a make-up holiday).
    EXPECT_EQ(ny_time(dec31->close), year == 2000 ? "13:00" : "16:00") << year;
    EXPECT_EQ(calendar().day(jan1)->closed_reason, "weekend");
    EXPECT_TRUE(calendar().day(jan1 + days{2})->is_session) << year;  // Monday January 3.
  }
  EXPECT_EQ(calendar().hours_note(d("1999-12-31")),
            "early close 13:00: Year 2000 (Y2K) changeover");
}

// --- Published session lists ----------------------------------------------------------------

TEST(XnysCalendar, ClosedWeekdaysMatchPublishedLists1990To2028) {
  std::map<Date, std::string> expected;
  for (const auto& row : read_csv("tests/fixtures/calendars/xnys-closed-weekdays-1990-2028.csv")) {
    ASSERT_EQ(row.size(), 2u);
    expected[d(row[0].c_str())] = row[1];
  }
  EXPECT_EQ(expected.size(), 355u);
  int mismatches = 0;
  for (Date x = d("1990-01-01"); x <= d("2028-12-31"); x += days{1}) {
    if (is_weekend(x)) continue;
    auto day = calendar().day(x);
    ASSERT_TRUE(day.ok());
    auto it = expected.find(x);
    if (it == expected.end()) {
      if (!day->is_session) {
        ADD_FAILURE() << format_date(x) << " is closed (" << day->closed_reason
                      << ") but the published lists have a session";
        ++mismatches;
      }
      continue;
    }
    if (day->is_session) {
      ADD_FAILURE() << format_date(x) << " is a session but the published lists say closed";
      ++mismatches;
      continue;
    }
    const std::string prefix = it->second == "holiday" ? "holiday: " : "closed: ";
    EXPECT_TRUE(starts_with(day->closed_reason, prefix))
        << format_date(x) << ": " << day->closed_reason << ", expected " << it->second;
  }
  EXPECT_EQ(mismatches, 0);
}

TEST(XnysCalendar, SessionHoursMatchPublishedLists1990To2028) {
  std::map<Date, std::pair<std::string, std::string>> irregular;
  for (const auto& row : read_csv("tests/fixtures/calendars/xnys-irregular-hours-1990-2028.csv")) {
    ASSERT_EQ(row.size(), 3u);
    irregular[d(row[0].c_str())] = {row[1], row[2]};
  }
  auto sessions = calendar().sessions(d("1990-01-01"), d("2028-12-31"));
  ASSERT_TRUE(sessions.ok());
  std::size_t irregular_seen = 0;
  for (const MarketDay& s : *sessions) {
    std::pair<std::string, std::string> want{"09:30", "16:00"};
    if (auto it = irregular.find(s.date); it != irregular.end()) {
      want = it->second;
      ++irregular_seen;
    }
    EXPECT_EQ(ny_time(s.open), want.first) << format_date(s.date);
    EXPECT_EQ(ny_time(s.close), want.second) << format_date(s.date);
    EXPECT_EQ(s.early_close, want.second != "16:00") << format_date(s.date);
  }
  EXPECT_EQ(irregular_seen, irregular.size()) << "an irregular-hours date is not a session";
}

TEST(XnysCalendar, SessionsEqualTheSp500DataSetDates) {
  const std::string path =
      std::string(STRATUS_SOURCE_DIR) + "/../shared/data/sp500-5yr/all_stocks_5yr.csv.gz";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent";
  gzFile file = gzopen(path.c_str(), "rb");
  ASSERT_NE(file, nullptr) << path;
  std::set<std::string> dates;
  char buf[512];
  bool header = true;
  while (gzgets(file, buf, sizeof buf) != nullptr) {
    if (header) {
      header = false;
      continue;
    }
    const std::string line(buf);
    dates.insert(line.substr(0, line.find(',')));
  }
  gzclose(file);
  ASSERT_EQ(dates.size(), 1259u);
  ASSERT_EQ(*dates.begin(), "2013-02-08");
  ASSERT_EQ(*dates.rbegin(), "2018-02-07");
  auto sessions = calendar().sessions(d("2013-02-08"), d("2018-02-07"));
  ASSERT_TRUE(sessions.ok());
  std::set<std::string> ours;
  for (const MarketDay& s : *sessions) ours.insert(format_date(s.date));
  EXPECT_EQ(ours, dates);
}

// --- Special days from the data file --------------------------------------------------------

TEST(XnysCalendar, EverySpecialDayTakesEffectWithItsReason) {
  const auto& specials = calendar().special_days();
  ASSERT_GE(specials.size(), 29u);
  for (const XnysSpecialDay& s : specials) {
    const std::string date = format_date(s.date);
    EXPECT_TRUE(starts_with(s.source, "http")) << date;
    auto day = calendar().day(s.date);
    ASSERT_TRUE(day.ok());
    switch (s.kind) {
      case XnysSpecialDay::Kind::kClosed:
        EXPECT_FALSE(day->is_session) << date;
        EXPECT_EQ(day->closed_reason, "closed: " + s.reason) << date;
        break;
      case XnysSpecialDay::Kind::kEarlyClose:
        ASSERT_TRUE(day->is_session) << date;
        EXPECT_TRUE(day->early_close) << date;
        EXPECT_EQ(ny_time(day->close), format_time_of_day(s.time)) << date;
        EXPECT_NE(calendar().hours_note(s.date).find("early close " + format_time_of_day(s.time) +
                                                     ": " + s.reason),
                  std::string::npos)
            << date;
        break;
      case XnysSpecialDay::Kind::kLateOpen:
        ASSERT_TRUE(day->is_session) << date;
        EXPECT_EQ(ny_time(day->open), format_time_of_day(s.time)) << date;
        EXPECT_NE(calendar().hours_note(s.date).find("late open " + format_time_of_day(s.time) +
                                                     ": " + s.reason),
                  std::string::npos)
            << date;
        break;
    }
  }
  EXPECT_EQ(day_of("2012-10-29").closed_reason, "closed: Hurricane Sandy");
  EXPECT_EQ(day_of("2001-09-14").closed_reason, "closed: September 11 attacks");
  EXPECT_EQ(calendar().hours_note(d("1996-01-08")),
            "late open 11:00: Blizzard of 1996; early close 14:00: Blizzard of 1996");
  EXPECT_EQ(calendar().hours_note(d("2024-07-02")), "");
  EXPECT_EQ(calendar().hours_note(d("2024-07-04")), "");
  EXPECT_EQ(calendar().hours_note(d("2036-01-02")), "");
}

TEST(XnysCalendar, EmbeddedDataIsTheDataFile) {
  std::ifstream in(std::string(STRATUS_SOURCE_DIR) + "/data/calendars/xnys-special-days.csv",
                   std::ios::binary);
  ASSERT_TRUE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(embedded_xnys_special_days_csv(), text.str());
  EXPECT_TRUE(calendar().status().ok());
}

TEST(XnysSpecialDays, RejectsMalformedDataNamingLineAndValue) {
  const std::string header = "# comment\ndate,kind,time,reason,source\n";
  struct Case {
    std::string text;
    std::string expect;  // A fragment of the message or context.
  };
  const std::vector<Case> cases = {
      {"date,kind,reason\n", "expected the header"},
      {"", "no header"},
      {header + "2012-10-29,closed,,Sandy\n", "expected 5 fields"},
      {header + "2012-10-32,closed,,Sandy,https://x\n", "2012-10-32"},
      {header + "2012-10-28,closed,,Sandy,https://x\n", "weekend"},
      {header + "1989-12-29,closed,,Old,https://x\n", "outside 1990-01-01..2035-12-31"},
      {header + "2036-01-02,closed,,Future,https://x\n", "outside"},
      {header + "2012-10-29,shut,,Sandy,https://x\n", "kind \"shut\""},
      {header + "2012-10-29,closed,10:00,Sandy,https://x\n", "expected empty"},
      {header + "2012-10-29,early_close,,Sandy,https://x\n", "time"},
      {header + "2012-10-29,early_close,16:30,Late,https://x\n", "strictly between"},
      {header + "2012-10-29,late_open,09:30,Same,https://x\n", "strictly between"},
      {header + "2012-10-29,closed,,,https://x\n", "reason is empty"},
      {header + "2012-10-29,closed,,Sandy,somewhere\n", "source \"somewhere\""},
      {header + "2012-10-29,closed,,Sandy,https://x\n2012-10-29,closed,,Again,https://x\n",
       "conflicts with the closed row on line 3"},
      {header + "2012-10-29,closed,,Sandy,https://x\n2012-10-29,early_close,13:00,X,https://x\n",
       "conflicts"},
      {header + "1996-01-08,late_open,14:00,Snow,https://x\n"
                "1996-01-08,early_close,13:00,Snow,https://x\n",
       "is not before early close"},
  };
  for (const Case& c : cases) {
    auto r = parse_xnys_special_days(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().to_string().find(c.expect), std::string::npos)
        << r.error().to_string() << "\nfor:\n"
        << c.text;
  }
  auto good = parse_xnys_special_days(header + "\r\n2012-10-29,closed,,Sandy,https://x\r\n");
  ASSERT_TRUE(good.ok()) << good.error().to_string();
  ASSERT_EQ(good->size(), 1u);
  EXPECT_EQ((*good)[0].reason, "Sandy");
}

TEST(XnysCalendar, DataContradictingTheRulesMakesEveryQueryFail) {
  XnysCalendar bad("date,kind,time,reason,source\n2024-12-25,closed,,Twice,https://x\n");
  ASSERT_FALSE(bad.status().ok());
  EXPECT_NE(bad.status().error().message.find("rule holiday Christmas Day"), std::string::npos);
  auto r = bad.day(d("2024-07-01"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInternal);
  EXPECT_FALSE(bad.is_open(t("2024-07-01T15:00:00Z")));
  XnysCalendar unparsable("nonsense");
  EXPECT_FALSE(unparsable.status().ok());
  EXPECT_FALSE(unparsable.day(d("2024-07-01")).ok());
}

// --- Time: DST, boundaries, is_open ----------------------------------------------------------

TEST(XnysCalendar, OpenAndCloseInUtcOnBothSidesOfEveryKindOfDstChange) {
  struct Case {
    const char* date;
    const char* open;
    const char* close;
  };
  const std::vector<Case> cases = {
      // 1990: DST from the first Sunday of April (1990-04-01) to the last Sunday of October.
      {"1990-03-30", "1990-03-30T14:30:00Z", "1990-03-30T21:00:00Z"},
      {"1990-04-02", "1990-04-02T13:30:00Z", "1990-04-02T20:00:00Z"},
      {"1990-10-26", "1990-10-26T13:30:00Z", "1990-10-26T20:00:00Z"},
      {"1990-10-29", "1990-10-29T14:30:00Z", "1990-10-29T21:00:00Z"},
      // 2006: the last year of the April/October rule.
      {"2006-03-31", "2006-03-31T14:30:00Z", "2006-03-31T21:00:00Z"},
      {"2006-04-03", "2006-04-03T13:30:00Z", "2006-04-03T20:00:00Z"},
      {"2006-10-27", "2006-10-27T13:30:00Z", "2006-10-27T20:00:00Z"},
      {"2006-10-30", "2006-10-30T14:30:00Z", "2006-10-30T21:00:00Z"},
      // 2015: second Sunday of March, first Sunday of November.
      {"2015-03-06", "2015-03-06T14:30:00Z", "2015-03-06T21:00:00Z"},
      {"2015-03-09", "2015-03-09T13:30:00Z", "2015-03-09T20:00:00Z"},
      {"2015-10-30", "2015-10-30T13:30:00Z", "2015-10-30T20:00:00Z"},
      {"2015-11-02", "2015-11-02T14:30:00Z", "2015-11-02T21:00:00Z"},
      // 2035, the last year: 2035-03-11 and 2035-11-04.
      {"2035-03-09", "2035-03-09T14:30:00Z", "2035-03-09T21:00:00Z"},
      {"2035-03-12", "2035-03-12T13:30:00Z", "2035-03-12T20:00:00Z"},
      {"2035-11-02", "2035-11-02T13:30:00Z", "2035-11-02T20:00:00Z"},
      {"2035-11-05", "2035-11-05T14:30:00Z", "2035-11-05T21:00:00Z"},
      // Early closes in summer and winter time (the CSV example is the first).
      {"2024-07-03", "2024-07-03T13:30:00Z", "2024-07-03T17:00:00Z"},
      {"2024-11-29", "2024-11-29T14:30:00Z", "2024-11-29T18:00:00Z"},
      {"2024-12-24", "2024-12-24T14:30:00Z", "2024-12-24T18:00:00Z"},
  };
  for (const Case& c : cases) {
    const MarketDay day = day_of(c.date);
    ASSERT_TRUE(day.is_session) << c.date;
    EXPECT_EQ(format_utc_timestamp(day.open), c.open) << c.date;
    EXPECT_EQ(format_utc_timestamp(day.close), c.close) << c.date;
  }
  EXPECT_EQ(day_of("2015-03-08").closed_reason, "weekend");  // The change itself is a Sunday.
  EXPECT_EQ(day_of("2015-11-01").closed_reason, "weekend");
}

TEST(XnysCalendar, IsOpenIsHalfOpenOnRegularEarlyAndLateDays) {
  const XnysCalendar& cal = calendar();
  // Regular winter day.
  EXPECT_FALSE(cal.is_open(t("2015-11-02T14:29:59Z")));
  EXPECT_TRUE(cal.is_open(t("2015-11-02T14:30:00Z")));
  EXPECT_TRUE(cal.is_open(t("2015-11-02T20:59:59Z")));
  EXPECT_FALSE(cal.is_open(t("2015-11-02T21:00:00Z")));
  // Early close at 13:00 EDT.
  EXPECT_TRUE(cal.is_open(t("2024-07-03T16:59:59Z")));
  EXPECT_FALSE(cal.is_open(t("2024-07-03T17:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("2024-07-03T19:45:00Z")));
  // Late open 11:00 and early close 14:00 EST (blizzard of 1996).
  EXPECT_FALSE(cal.is_open(t("1996-01-08T15:59:59Z")));
  EXPECT_TRUE(cal.is_open(t("1996-01-08T16:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("1996-01-08T19:00:00Z")));
  // Holiday, special closure, weekend, night, out of range.
  EXPECT_FALSE(cal.is_open(t("2024-07-04T15:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("2012-10-29T15:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("2024-07-06T15:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("2024-07-02T03:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("1989-12-29T15:00:00Z")));
  EXPECT_FALSE(cal.is_open(t("2036-01-02T15:00:00Z")));
  EXPECT_TRUE(cal.is_open(t("1990-01-02T15:00:00Z")));
  EXPECT_TRUE(cal.is_open(t("2035-12-31T15:00:00Z")));
}

TEST(XnysCalendar, IsOpenAgreesWithTheDayDefinitionOnRandomInstants) {
  const XnysCalendar& cal = calendar();
  const auto first = Timestamp{XnysCalendar::kFirstDate}.time_since_epoch().count();
  const auto last = Timestamp{XnysCalendar::kLastDate + days{1}}.time_since_epoch().count() - 1;
  std::mt19937_64 rng(20240703);
  std::uniform_int_distribution<std::int64_t> pick(first, last);
  int open_count = 0;
  for (int i = 0; i < 200000; ++i) {
    const Timestamp ts{seconds{pick(rng)}};
    // The first hours of 1990-01-01 UTC are still 1989-12-31 in New York: outside, never open.
    auto day = cal.day(new_york_date(ts));
    const bool want = day.ok() && day->is_session && day->open <= ts && ts < day->close;
    ASSERT_EQ(cal.is_open(ts), want) << format_utc_timestamp(ts);
    open_count += want ? 1 : 0;
  }
  // About 6.5 h of 24 on ~69% of days: roughly 18% of instants.
  EXPECT_GT(open_count, 30000);
  EXPECT_LT(open_count, 42000);
}

// --- Range ends and the port's helpers ------------------------------------------------------

TEST(XnysCalendar, RangeEndsAndOutOfRangeErrors) {
  const XnysCalendar& cal = calendar();
  EXPECT_EQ(cal.name(), "XNYS");
  EXPECT_TRUE(cal.knows_holidays());
  EXPECT_EQ(day_of("1990-01-01").closed_reason, "holiday: New Year's Day");
  EXPECT_TRUE(day_of("1990-01-02").is_session);
  EXPECT_TRUE(day_of("2035-12-31").is_session);
  EXPECT_EQ(day_of("2035-12-25").closed_reason, "holiday: Christmas Day");
  for (const char* outside : {"1989-12-31", "2036-01-01", "1900-01-01"}) {
    auto r = cal.day(d(outside));
    ASSERT_FALSE(r.ok()) << outside;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message.find(outside), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("1990-01-01..2035-12-31"), std::string::npos)
        << r.error().message;
  }
  // Navigation stops at the ends with the range error, never a guess.
  auto before_first = cal.previous_session(d("1990-01-02"));
  ASSERT_FALSE(before_first.ok());
  EXPECT_EQ(before_first.error().code, ErrorCode::kInvalidInput);
  auto after_last = cal.next_session(d("2035-12-31"));
  ASSERT_FALSE(after_last.ok());
  EXPECT_EQ(after_last.error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(cal.sessions(d("2035-12-01"), d("2036-01-31")).ok());
}

TEST(XnysCalendar, NavigatesAcrossClosures) {
  const XnysCalendar& cal = calendar();
  EXPECT_EQ(format_date(cal.next_session(d("2001-09-10"))->date), "2001-09-17");
  EXPECT_EQ(format_date(cal.previous_session(d("2012-10-31"))->date), "2012-10-26");
  EXPECT_EQ(format_date(cal.next_session(d("2027-12-23"))->date), "2027-12-27");
  EXPECT_EQ(format_date(cal.previous_session(d("2028-01-03"))->date), "2027-12-31");
  // On an early-close day the session is complete from 13:00 New York.
  EXPECT_EQ(format_date(cal.last_completed_session(t("2024-07-03T16:59:59Z"))->date), "2024-07-02");
  EXPECT_EQ(format_date(cal.last_completed_session(t("2024-07-03T17:00:00Z"))->date), "2024-07-03");
  EXPECT_EQ(cal.sessions(d("2024-01-01"), d("2024-12-31"))->size(), 252u);
  EXPECT_EQ(cal.sessions(d("2001-09-01"), d("2001-09-30"))->size(), 15u);
}

TEST(XnysCalendar, PropertiesHoldOverTheWholeRange) {
  const XnysCalendar& cal = calendar();
  std::set<Date> special_early;
  for (const XnysSpecialDay& s : cal.special_days()) {
    if (s.kind == XnysSpecialDay::Kind::kEarlyClose) special_early.insert(s.date);
  }
  std::size_t session_count = 0;
  Date previous_date{};
  Timestamp previous_close{};
  for (Date x = XnysCalendar::kFirstDate; x <= XnysCalendar::kLastDate; x += days{1}) {
    auto r = cal.day(x);
    ASSERT_TRUE(r.ok()) << format_date(x);
    const MarketDay& day = *r;
    const std::string date = format_date(x);
    ASSERT_EQ(day.date, x);
    if (!day.is_session) {
      ASSERT_FALSE(day.closed_reason.empty()) << date;
      if (is_weekend(x)) {
        EXPECT_EQ(day.closed_reason, "weekend") << date;
      } else {
        EXPECT_TRUE(starts_with(day.closed_reason, "holiday: ") ||
                    starts_with(day.closed_reason, "closed: "))
            << date << " " << day.closed_reason;
      }
      continue;
    }
    ++session_count;
    EXPECT_FALSE(is_weekend(x)) << date;
    EXPECT_TRUE(day.closed_reason.empty()) << date;
    EXPECT_LT(day.open, day.close) << date;
    EXPECT_LE(day.close - day.open, hours{6} + std::chrono::minutes{30}) << date;
    if (session_count > 1) {
      EXPECT_LT(previous_date, x);
      EXPECT_LT(previous_close, day.open) << date;
    }
    // Each session lies within its own UTC day (is_open relies on it) and its New York day.
    EXPECT_EQ(std::chrono::floor<days>(day.open), x) << date;
    EXPECT_EQ(std::chrono::floor<days>(day.close - seconds{1}), x) << date;
    EXPECT_EQ(new_york_date(day.open), x) << date;
    if (day.early_close) {
      const int year = static_cast<int>(std::chrono::year_month_day{x}.year());
      const std::string want = special_early.count(x) ? ny_time(day.close)
                               : year < 1993          ? "14:00"
                                                      : "13:00";
      EXPECT_EQ(ny_time(day.close), want) << date;
      EXPECT_FALSE(cal.hours_note(x).empty()) << date;
    } else {
      EXPECT_EQ(ny_time(day.close), "16:00") << date;
    }
    previous_date = x;
    previous_close = day.close;
  }
  auto all = cal.sessions(XnysCalendar::kFirstDate, XnysCalendar::kLastDate);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), session_count);
  EXPECT_EQ(format_date(all->front().date), "1990-01-02");
  EXPECT_EQ(format_date(all->back().date), "2035-12-31");
}

TEST(XnysCalendar, ConcurrentFirstUseBuildsEachYearOnce) {
  const XnysCalendar cal;  // Fresh: no year built yet.
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(8);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    threads.emplace_back(
        [&, i] { counts[i] = cal.sessions(d("2000-01-01"), d("2009-12-31"))->size(); });
  }
  for (auto& th : threads) th.join();
  for (std::size_t c : counts) EXPECT_EQ(c, counts[0]);
  EXPECT_EQ(counts[0], calendar().sessions(d("2000-01-01"), d("2009-12-31"))->size());
}

}  // namespace
}  // namespace stratus
