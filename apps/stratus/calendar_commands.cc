// `stratus calendar sessions` and `stratus calendar status` (see calendar_commands.h).
#include "apps/stratus/calendar_commands.h"

#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "adapters/calendar/xnys_calendar.h"
#include "apps/stratus/cli_context.h"

namespace stratus {
namespace {

std::string ny_hours(const MarketDay& day) {
  return format_time_of_day(new_york_time_of_day(day.open)) + "-" +
         format_time_of_day(new_york_time_of_day(day.close));
}

// "2024-07-05 open 2024-07-05T13:30:00Z close 2024-07-05T20:00:00Z (09:30-16:00 New York)".
std::string session_line(const MarketDay& day) {
  return fmt::format("{} open {} close {} ({} New York)", format_date(day.date),
                     format_utc_timestamp(day.open), format_utc_timestamp(day.close),
                     ny_hours(day));
}

Result<Date> parse_range_date(const std::string& text, const char* flag) {
  auto date = parse_date(text);
  if (!date.ok()) return date.error().within(flag);
  if (*date < XnysCalendar::kFirstDate || *date > XnysCalendar::kLastDate) {
    return Error::invalid_input(
        std::string(flag) + " " + text + " is outside the XNYS calendar's supported range " +
        format_date(XnysCalendar::kFirstDate) + ".." + format_date(XnysCalendar::kLastDate));
  }
  return *date;
}

}  // namespace

int calendar_sessions_command(const std::string& from_text, const std::string& to_text,
                              const std::string& format_text) {
  const std::string format = format_text.empty() ? "csv" : format_text;
  if (format != "csv" && format != "json" && format != "table") {
    return report_error(
        Error::invalid_input("--format \"" + format_text + "\": expected csv, json or table"));
  }
  auto from = parse_range_date(from_text, "--from");
  if (!from.ok()) return report_error(from.error());
  auto to = parse_range_date(to_text, "--to");
  if (!to.ok()) return report_error(to.error());
  if (*from > *to) {
    return report_error(Error::invalid_input("--from " + from_text + " is after --to " + to_text));
  }

  const XnysCalendar calendar;
  auto sessions = calendar.sessions(*from, *to);
  if (!sessions.ok()) return report_error(sessions.error());

  if (format == "csv") {
    std::string out = "session,open,close\n";
    for (const MarketDay& s : *sessions) {
      out += fmt::format("{},{},{}\n", format_date(s.date), format_utc_timestamp(s.open),
                         format_utc_timestamp(s.close));
    }
    fmt::print("{}", out);
    return kExitOk;
  }
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const MarketDay& s : *sessions) {
      nlohmann::ordered_json j = {{"session", format_date(s.date)},
                                  {"open", format_utc_timestamp(s.open)},
                                  {"close", format_utc_timestamp(s.close)},
                                  {"early_close", s.early_close}};
      const std::string note = calendar.hours_note(s.date);
      if (!note.empty()) j["note"] = note;
      list.push_back(std::move(j));
    }
    fmt::print("{}\n", list.dump(2));
    return kExitOk;
  }
  auto print_row = [](std::string_view a, std::string_view b, std::string_view c,
                      std::string_view d, std::string_view e) {
    std::string row = fmt::format("{:<10}  {:<20}  {:<20}  {:<11}  {}", a, b, c, d, e);
    row.erase(row.find_last_not_of(' ') + 1);
    fmt::print("{}\n", row);
  };
  print_row("session", "open (UTC)", "close (UTC)", "New York", "note");
  for (const MarketDay& s : *sessions) {
    print_row(format_date(s.date), format_utc_timestamp(s.open), format_utc_timestamp(s.close),
              ny_hours(s), calendar.hours_note(s.date));
  }
  fmt::print("{} session(s), {} to {}\n", sessions->size(), from_text, to_text);
  return kExitOk;
}

int calendar_status_command(const std::string& at_text, const Clock& clock) {
  Timestamp at = clock.now();
  if (!at_text.empty()) {
    auto parsed = parse_utc_timestamp(at_text);
    if (!parsed.ok()) return report_error(parsed.error().within("--at"));
    at = *parsed;
  }
  const XnysCalendar calendar;
  const Date local_date = new_york_date(at);
  auto today = calendar.day(local_date);
  if (!today.ok()) return report_error(today.error().within("--at " + format_utc_timestamp(at)));

  fmt::print("market   XNYS (New York Stock Exchange)\n");
  fmt::print("at       {} ({} {} New York)\n", format_utc_timestamp(at), format_date(local_date),
             format_time_of_day(new_york_time_of_day(at)));

  const MarketDay& day = *today;
  const std::string note = calendar.hours_note(day.date);
  if (day.is_session && day.open <= at && at < day.close) {
    fmt::print("status   open\n");
    if (!note.empty()) fmt::print("note     {}\n", note);
    fmt::print("session  {}\n", session_line(day));
    return kExitOk;
  }

  fmt::print("status   closed\n");
  if (!day.is_session) {
    fmt::print("reason   {}\n", day.closed_reason);
  } else if (at < day.open) {
    fmt::print("reason   before the open\n");
    if (!note.empty()) fmt::print("note     {}\n", note);
    fmt::print("session  {}\n", session_line(day));
    return kExitOk;
  } else if (day.early_close) {
    fmt::print("reason   after the close ({})\n", note);
  } else {
    fmt::print("reason   after the close\n");
  }
  auto next = calendar.next_session(local_date);
  if (!next.ok()) {
    fmt::print("next     none through {} (the end of the supported range)\n",
               format_date(XnysCalendar::kLastDate));
    return kExitOk;
  }
  fmt::print("next     {}\n", session_line(*next));
  const std::string next_note = calendar.hours_note(next->date);
  if (!next_note.empty()) fmt::print("note     {}\n", next_note);
  return kExitOk;
}

}  // namespace stratus
