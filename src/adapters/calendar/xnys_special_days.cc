#include "adapters/calendar/xnys_special_days.h"

#include <algorithm>
#include <map>
#include <utility>

namespace stratus {
namespace {

constexpr std::string_view kHeader = "date,kind,time,reason,source";
constexpr TimeOfDay kRegularOpen{9 * 60 + 30};
constexpr TimeOfDay kRegularClose{16 * 60};

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = line.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(line.substr(start));
      return out;
    }
    out.push_back(line.substr(start, pos - start));
    start = pos + 1;
  }
}

std::string_view trim_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

Error bad(std::size_t line_no, std::string message) {
  return Error::invalid_input(std::move(message),
                              "xnys-special-days.csv:" + std::to_string(line_no));
}

Result<XnysSpecialDay> parse_row(std::string_view line, std::size_t line_no) {
  const std::vector<std::string_view> f = split(line, ',');
  if (f.size() != 5) {
    return bad(line_no, "expected 5 fields (" + std::string(kHeader) + "), got " +
                            std::to_string(f.size()) + " in \"" + std::string(line) + "\"");
  }
  XnysSpecialDay day;
  auto date = parse_date(f[0]);
  if (!date.ok()) return bad(line_no, "date: " + date.error().message);
  day.date = *date;
  const std::chrono::year_month_day ymd{day.date};
  if (ymd.year() < std::chrono::year{1990} || ymd.year() > std::chrono::year{2035}) {
    return bad(line_no, "date " + std::string(f[0]) + " is outside 1990-01-01..2035-12-31");
  }
  if (is_weekend(day.date)) {
    return bad(line_no,
               "date " + std::string(f[0]) + " is a weekend day; expected a Monday-Friday");
  }

  if (f[1] == "closed") {
    day.kind = XnysSpecialDay::Kind::kClosed;
  } else if (f[1] == "early_close") {
    day.kind = XnysSpecialDay::Kind::kEarlyClose;
  } else if (f[1] == "late_open") {
    day.kind = XnysSpecialDay::Kind::kLateOpen;
  } else {
    return bad(line_no,
               "kind \"" + std::string(f[1]) + "\": expected closed, early_close or late_open");
  }

  if (day.kind == XnysSpecialDay::Kind::kClosed) {
    if (!f[2].empty()) {
      return bad(line_no, "time \"" + std::string(f[2]) + "\": expected empty for kind closed");
    }
  } else {
    auto time = parse_time_of_day(f[2]);
    if (!time.ok()) return bad(line_no, "time: " + time.error().message);
    if (*time <= kRegularOpen || *time >= kRegularClose) {
      return bad(line_no, "time " + std::string(f[2]) + " for kind " + std::string(f[1]) +
                              ": expected strictly between 09:30 and 16:00");
    }
    day.time = *time;
  }

  if (f[3].empty()) return bad(line_no, "reason is empty; every special day needs one");
  day.reason = std::string(f[3]);
  if (!f[4].starts_with("https://") && !f[4].starts_with("http://")) {
    return bad(line_no, "source \"" + std::string(f[4]) + "\": expected an http(s) URL");
  }
  day.source = std::string(f[4]);
  return day;
}

}  // namespace

std::string_view xnys_special_day_kind_name(XnysSpecialDay::Kind kind) {
  switch (kind) {
    case XnysSpecialDay::Kind::kClosed:
      return "closed";
    case XnysSpecialDay::Kind::kEarlyClose:
      return "early_close";
    case XnysSpecialDay::Kind::kLateOpen:
      return "late_open";
  }
  return "closed";
}

Result<std::vector<XnysSpecialDay>> parse_xnys_special_days(std::string_view csv) {
  std::vector<XnysSpecialDay> out;
  // Per date: the kinds seen so far, with the line they came from.
  std::map<Date, std::vector<std::pair<XnysSpecialDay::Kind, std::size_t>>> seen;
  bool header_seen = false;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < csv.size()) {
    const std::size_t end = std::min(csv.find('\n', pos), csv.size());
    const std::string_view line = trim_cr(csv.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      if (line != kHeader) {
        return bad(line_no, "expected the header \"" + std::string(kHeader) + "\", got \"" +
                                std::string(line) + "\"");
      }
      header_seen = true;
      continue;
    }
    STRATUS_ASSIGN_OR_RETURN(XnysSpecialDay day, parse_row(line, line_no));
    auto& kinds = seen[day.date];
    for (const auto& [kind, other_line] : kinds) {
      const bool clash = kind == day.kind || kind == XnysSpecialDay::Kind::kClosed ||
                         day.kind == XnysSpecialDay::Kind::kClosed;
      if (clash) {
        return bad(line_no,
                   format_date(day.date) + " " + std::string(xnys_special_day_kind_name(day.kind)) +
                       " conflicts with the " + std::string(xnys_special_day_kind_name(kind)) +
                       " row on line " + std::to_string(other_line));
      }
    }
    kinds.emplace_back(day.kind, line_no);
    out.push_back(std::move(day));
  }
  if (!header_seen) {
    return Error::invalid_input("no header \"" + std::string(kHeader) + "\" found",
                                "xnys-special-days.csv");
  }
  // A late open must come before an early close on the same date.
  for (const XnysSpecialDay& open : out) {
    if (open.kind != XnysSpecialDay::Kind::kLateOpen) continue;
    for (const XnysSpecialDay& close : out) {
      if (close.kind == XnysSpecialDay::Kind::kEarlyClose && close.date == open.date &&
          close.time <= open.time) {
        return Error::invalid_input(
            format_date(open.date) + ": late open " + format_time_of_day(open.time) +
                " is not before early close " + format_time_of_day(close.time),
            "xnys-special-days.csv");
      }
    }
  }
  return out;
}

}  // namespace stratus
