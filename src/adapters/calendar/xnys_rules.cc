#include "adapters/calendar/xnys_rules.h"

#include <algorithm>

namespace stratus {
namespace {

using std::chrono::days;
using std::chrono::Friday;
using std::chrono::last;
using std::chrono::Monday;
using std::chrono::Saturday;
using std::chrono::Sunday;
using std::chrono::Thursday;
using std::chrono::Tuesday;
using std::chrono::Wednesday;
using std::chrono::weekday;

constexpr TimeOfDay k1300{13 * 60};
constexpr TimeOfDay k1400{14 * 60};

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// The `n`th `wd` of month `m` in year `y` (n >= 1).
Date nth_weekday(int y, unsigned m, weekday wd, unsigned n) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / wd[n]};
}

Date last_weekday(int y, unsigned m, weekday wd) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / wd[last]};
}

// A fixed-date holiday moved off the weekend: Saturday -> Friday before, Sunday -> Monday after.
void add_observed(std::vector<XnysHoliday>& out, Date actual, std::string_view name,
                  std::string_view observed_name) {
  const weekday wd{actual};
  if (wd == Saturday) {
    out.push_back({actual - days{1}, observed_name});
  } else if (wd == Sunday) {
    out.push_back({actual + days{1}, observed_name});
  } else {
    out.push_back({actual, name});
  }
}

}  // namespace

Date easter_sunday(int year) {
  // The anonymous Gregorian computus (Meeus, Astronomical Algorithms, ch. 8).
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<XnysHoliday> xnys_holidays(int year) {
  std::vector<XnysHoliday> out;
  out.reserve(11);

  // New Year's Day: Sunday -> Monday; Saturday -> not observed (NYSE Rule 7.2).
  const Date new_year = ymd(year, 1, 1);
  if (weekday{new_year} == Sunday) {
    out.push_back({new_year + days{1}, "New Year's Day (observed)"});
  } else if (weekday{new_year} != Saturday) {
    out.push_back({new_year, "New Year's Day"});
  }
  if (year >= 1998) out.push_back({nth_weekday(year, 1, Monday, 3), "Martin Luther King Jr. Day"});
  out.push_back({nth_weekday(year, 2, Monday, 3), "Washington's Birthday"});
  out.push_back({easter_sunday(year) - days{2}, "Good Friday"});
  out.push_back({last_weekday(year, 5, Monday), "Memorial Day"});
  if (year >= 2022) {
    add_observed(out, ymd(year, 6, 19), "Juneteenth National Independence Day",
                 "Juneteenth National Independence Day (observed)");
  }
  add_observed(out, ymd(year, 7, 4), "Independence Day", "Independence Day (observed)");
  out.push_back({nth_weekday(year, 9, Monday, 1), "Labor Day"});
  out.push_back({nth_weekday(year, 11, Thursday, 4), "Thanksgiving Day"});
  add_observed(out, ymd(year, 12, 25), "Christmas Day", "Christmas Day (observed)");

  std::sort(out.begin(), out.end(),
            [](const XnysHoliday& x, const XnysHoliday& y) { return x.date < y.date; });
  return out;
}

std::vector<XnysEarlyClose> xnys_regular_early_closes(int year) {
  std::vector<XnysEarlyClose> out;
  const TimeOfDay close = year < 1993 ? k1400 : k1300;

  if (year >= 1995) {
    const Date july3 = ymd(year, 7, 3);
    const weekday wd{july3};
    if (wd == Monday || wd == Tuesday || wd == Thursday || (wd == Wednesday && year >= 2013)) {
      out.push_back({july3, close, "Day before Independence Day"});
    }
    const Date july5 = ymd(year, 7, 5);
    if (year <= 2012 && weekday{july5} == Friday) {
      out.push_back({july5, close, "Day after Independence Day"});
    }
  }
  if (year >= 1992) {
    out.push_back({nth_weekday(year, 11, Thursday, 4) + days{1}, close, "Day after Thanksgiving"});
  }
  const Date christmas_eve = ymd(year, 12, 24);
  const unsigned iso = weekday{christmas_eve}.iso_encoding();
  if (iso >= 1 && iso <= 4) out.push_back({christmas_eve, close, "Christmas Eve"});
  return out;
}

}  // namespace stratus
