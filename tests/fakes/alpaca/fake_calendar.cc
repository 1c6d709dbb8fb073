#include "fakes/alpaca/fake_calendar.h"

#include <fstream>
#include <sstream>

namespace stratus::fakes {
namespace {

// Calls `row(fields, line_number)` for each line after the header of a small CSV file.
template <typename RowFn>
Status for_each_row(const std::string& path, RowFn row) {
  std::ifstream in(path);
  if (!in) return Error::invalid_input("cannot open " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    if (++number == 1 || line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
    if (Status done = row(fields); !done.ok()) {
      return done.error().within(path + ":" + std::to_string(number));
    }
  }
  return {};
}

}  // namespace

Status FakeCalendar::load(const std::string& closed_csv, const std::string& hours_csv) {
  std::map<Date, std::optional<FakeSession>> loaded;
  STRATUS_RETURN_IF_ERROR(
      for_each_row(closed_csv, [&](const std::vector<std::string>& f) -> Status {
        if (f.empty()) return Error::invalid_input("empty row");
        STRATUS_ASSIGN_OR_RETURN(const Date d, parse_date(f[0]));
        loaded[d] = std::nullopt;
        return Status{};
      }));
  STRATUS_RETURN_IF_ERROR(for_each_row(hours_csv, [&](const std::vector<std::string>& f) -> Status {
    if (f.size() != 3) return Error::invalid_input("expected date,open,close");
    STRATUS_ASSIGN_OR_RETURN(const Date d, parse_date(f[0]));
    STRATUS_ASSIGN_OR_RETURN(const TimeOfDay open, parse_time_of_day(f[1]));
    STRATUS_ASSIGN_OR_RETURN(const TimeOfDay close, parse_time_of_day(f[2]));
    loaded[d] = FakeSession{d, open, close};
    return Status{};
  }));
  std::lock_guard lock(mutex_);
  for (auto& [date, session] : loaded) exceptions_[date] = session;
  return {};
}

void FakeCalendar::set_day(Date date, std::optional<FakeSession> session) {
  std::lock_guard lock(mutex_);
  if (session) session->date = date;
  exceptions_[date] = session;
}

std::optional<FakeSession> FakeCalendar::session_locked(Date date) const {
  if (auto it = exceptions_.find(date); it != exceptions_.end()) return it->second;
  if (is_weekend(date)) return std::nullopt;
  return FakeSession{date};
}

std::optional<FakeSession> FakeCalendar::session(Date date) const {
  std::lock_guard lock(mutex_);
  return session_locked(date);
}

std::vector<FakeSession> FakeCalendar::sessions(Date first, Date last) const {
  std::lock_guard lock(mutex_);
  std::vector<FakeSession> out;
  for (Date d = first; d <= last; d += std::chrono::days{1}) {
    if (auto s = session_locked(d)) out.push_back(*s);
  }
  return out;
}

Date FakeCalendar::settlement_date(Date date) const {
  using std::chrono::year_month_day;
  const Date t1_since = std::chrono::sys_days{year_month_day{std::chrono::year{2024} / 5 / 28}};
  const Date t2_since = std::chrono::sys_days{year_month_day{std::chrono::year{2017} / 9 / 5}};
  const int cycle = date >= t1_since ? 1 : date >= t2_since ? 2 : 3;
  std::lock_guard lock(mutex_);
  Date d = date;
  for (int left = cycle; left > 0;) {
    d += std::chrono::days{1};
    if (session_locked(d)) --left;
  }
  return d;
}

}  // namespace stratus::fakes
