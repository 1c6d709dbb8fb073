// FakeCalendar: the market calendar the fake Alpaca serves on GET /v2/calendar and GET /v2/clock.
// Built from published facts, independently of Stratus's own calendar: weekdays are sessions
// (09:30-16:00 New York) except the closed dates and irregular hours loaded from the fixture
// files of tests/fixtures/calendars (see their SOURCE.md). A test can override any date to make
// the broker disagree with the exchange calendar. Thread-safe. Test support only.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace stratus::fakes {

struct FakeSession {
  Date date;
  TimeOfDay open{9 * 60 + 30};
  TimeOfDay close{16 * 60};
};

class FakeCalendar {
 public:
  // Loads `closed_csv` (date,kind: dates with no session) and `hours_csv` (date,open,close:
  // sessions with irregular hours). Errors: InvalidInput naming the file and line.
  Status load(const std::string& closed_csv, const std::string& hours_csv);
  // Makes `date` a session with these hours, or (nullopt) no session.
  void set_day(Date date, std::optional<FakeSession> session);

  // The session on `date`, if any.
  std::optional<FakeSession> session(Date date) const;
  // The sessions from `first` through `last`, in order.
  std::vector<FakeSession> sessions(Date first, Date last) const;
  // The settlement date of a trade on session `date`: T+1 sessions from 2024-05-28, T+2 from
  // 2017-09-05, T+3 before (the SEC's settlement cycles).
  Date settlement_date(Date date) const;

 private:
  std::optional<FakeSession> session_locked(Date date) const;

  mutable std::mutex mutex_;
  std::map<Date, std::optional<FakeSession>> exceptions_;
};

}  // namespace stratus::fakes
