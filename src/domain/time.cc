#include "domain/time.h"

#include <charconv>
#include <cstdio>

#include "domain/zoneinfo.h"

namespace stratus {
namespace {

bool parse_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && ptr == text.data() + pos + len;
}

Result<Date> parse_date_prefix(std::string_view text, std::string_view what) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || !parse_int(text, 0, 4, y) || text[4] != '-' ||
      !parse_int(text, 5, 2, m) || text[7] != '-' || !parse_int(text, 8, 2, d)) {
    return Error::invalid_input("expected " + std::string(what) + ", got \"" + std::string(text) +
                                "\"");
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return Error::invalid_input("not a calendar date: \"" + std::string(text) + "\"");
  }
  return Date{ymd};
}

// The zone every conversion below uses; see zoneinfo.h for where it comes from.
const TzifZone& new_york() { return new_york_zone(); }

}  // namespace

Result<Timestamp> parse_utc_timestamp(std::string_view text) {
  const std::string expected =
      "a UTC time like 2015-08-24T19:45:00Z, got \"" + std::string(text) + "\"";
  auto date = parse_date_prefix(text, "a UTC time like 2015-08-24T19:45:00Z");
  if (!date.ok()) return date.error();
  int hh = 0, mm = 0, ss = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || !parse_int(text, 11, 2, hh) ||
      text[13] != ':' || !parse_int(text, 14, 2, mm) || text[16] != ':' ||
      !parse_int(text, 17, 2, ss) || hh > 23 || mm > 59 || ss > 59) {
    return Error::invalid_input("expected " + expected);
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    const std::size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == digits_start) return Error::invalid_input("expected " + expected);
  }
  const std::string_view zone = text.substr(pos);
  if (zone != "Z" && zone != "z" && zone != "+00:00") {
    return Error::invalid_input("expected " + expected + " (the time must be UTC, ending in Z)");
  }
  return Timestamp{*date} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
         std::chrono::seconds{ss};
}

std::string format_utc_timestamp(Timestamp t) {
  const Date day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::hh_mm_ss hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", format_date(day).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

Result<Date> parse_date(std::string_view text) {
  if (text.size() != 10) {
    return Error::invalid_input("expected a date like 2015-08-24, got \"" + std::string(text) +
                                "\"");
  }
  return parse_date_prefix(text, "a date like 2015-08-24");
}

std::string format_date(Date d) {
  const std::chrono::year_month_day ymd{d};
  const int year = static_cast<int>(ymd.year());
  if (year >= 0 && year <= 9999) {  // The common case, written digit by digit (no snprintf).
    const auto month = static_cast<unsigned>(ymd.month());
    const auto day = static_cast<unsigned>(ymd.day());
    std::string out = "0000-00-00";  // Fits the small-string buffer: no allocation.
    out[0] = static_cast<char>('0' + year / 1000);
    out[1] = static_cast<char>('0' + year / 100 % 10);
    out[2] = static_cast<char>('0' + year / 10 % 10);
    out[3] = static_cast<char>('0' + year % 10);
    out[5] = static_cast<char>('0' + month / 10);
    out[6] = static_cast<char>('0' + month % 10);
    out[8] = static_cast<char>('0' + day / 10);
    out[9] = static_cast<char>('0' + day % 10);
    return out;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Result<TimeOfDay> parse_time_of_day(std::string_view text) {
  int hh = 0, mm = 0;
  if (text.size() != 5 || !parse_int(text, 0, 2, hh) || text[2] != ':' ||
      !parse_int(text, 3, 2, mm) || hh > 23 || mm > 59) {
    return Error::invalid_input("expected a time of day like 15:45, got \"" + std::string(text) +
                                "\"");
  }
  return TimeOfDay{hh * 60 + mm};
}

std::string format_time_of_day(TimeOfDay t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.minutes / 60, t.minutes % 60);
  return buf;
}

Result<Date> parse_month(std::string_view text) {
  if (text.size() != 7) {
    return Error::invalid_input("expected a month like 2015-08, got \"" + std::string(text) + "\"");
  }
  return parse_date_prefix(std::string(text) + "-01", "a month like 2015-08");
}

std::string format_month(Date d) {
  std::string month = format_date(d);
  month.resize(month.size() - 3);  // "YYYY-MM" of "YYYY-MM-DD" (any year), in place.
  return month;
}

bool is_month_of(std::string_view text, Date d) {
  const std::chrono::year_month_day ymd{d};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return text == format_month(d);
  const auto month = static_cast<unsigned>(ymd.month());
  const char expected[7] = {static_cast<char>('0' + year / 1000),
                            static_cast<char>('0' + year / 100 % 10),
                            static_cast<char>('0' + year / 10 % 10),
                            static_cast<char>('0' + year % 10),
                            '-',
                            static_cast<char>('0' + month / 10),
                            static_cast<char>('0' + month % 10)};
  return text == std::string_view(expected, sizeof expected);
}

Date new_york_date(Timestamp t) {
  const auto local = new_york().to_local(t);
  return Date{std::chrono::floor<std::chrono::days>(local).time_since_epoch()};
}

TimeOfDay new_york_time_of_day(Timestamp t) {
  const auto local = new_york().to_local(t);
  const auto since_midnight = local - std::chrono::floor<std::chrono::days>(local);
  return TimeOfDay{
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count())};
}

Timestamp new_york_instant(Date date, TimeOfDay time) {
  const date::local_seconds local{date.time_since_epoch() + std::chrono::minutes{time.minutes}};
  const auto info = new_york().get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      return Timestamp{local.time_since_epoch() - info.first.offset};
    case date::local_info::ambiguous:
      return Timestamp{local.time_since_epoch() - info.first.offset};
    case date::local_info::nonexistent:
    default:
      // The gap ends at info.second.begin, the first instant of the new offset.
      return std::chrono::floor<std::chrono::seconds>(info.second.begin);
  }
}

std::string new_york_month(Timestamp t) { return format_month(new_york_date(t)); }

unsigned iso_weekday(Date d) { return std::chrono::weekday{d}.iso_encoding(); }

bool is_weekend(Date d) { return iso_weekday(d) >= 6; }

}  // namespace stratus
