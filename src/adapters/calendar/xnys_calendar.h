// XnysCalendar: the New York Stock Exchange's sessions from 1990-01-01 to 2035-12-31, exact.
// Regular hours 09:30-16:00 America/New_York (converted to UTC through the tz database, so
// right on both sides of every daylight-saving change); holidays and regular early closes by
// rule (xnys_rules.h); closures, ad-hoc early closes and late opens from the embedded data file
// data/calendars/xnys-special-days.csv (xnys_special_days.h). Per-year tables are built lazily,
// once, on first use of a year, so a query for one date costs one table look-up.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/calendar/xnys_rules.h"
#include "adapters/calendar/xnys_special_days.h"
#include "ports/market_calendar.h"

namespace stratus {

class XnysCalendar final : public MarketCalendar {
 public:
  // The supported range; day() answers InvalidInput outside it.
  static constexpr Date kFirstDate{std::chrono::year{kXnysFirstYear} / 1 / 1};
  static constexpr Date kLastDate{std::chrono::year{kXnysLastYear} / 12 / 31};

  // A calendar using the special days embedded at build time.
  XnysCalendar();
  // A calendar using the special days in `special_days_csv` (same format as the data file).
  // When the text is malformed, status() says why and every query fails with that error.
  explicit XnysCalendar(std::string_view special_days_csv);
  ~XnysCalendar() override;
  XnysCalendar(const XnysCalendar&) = delete;
  XnysCalendar& operator=(const XnysCalendar&) = delete;

  std::string_view name() const override { return "XNYS"; }
  bool knows_holidays() const override { return true; }

  // The exchange's view of `date`. For a non-session, closed_reason is "weekend",
  // "holiday: <name>" (e.g. "holiday: Thanksgiving Day", "holiday: Christmas Day (observed)") or
  // "closed: <reason>" (e.g. "closed: Hurricane Sandy"). For a session, open/close are the UTC
  // instants of its New York open and close, and early_close is true when it closes before 16:00.
  // InvalidInput naming the range when `date` is outside 1990-01-01..2035-12-31; Internal when the
  // special-days data was malformed. Thread-safe.
  Result<MarketDay> day(Date date) const override;

  // True when `t` is within a session's regular trading hours, [open, close): the open instant is
  // open, the close instant is not. False outside the supported range or when status() is not ok.
  // Thread-safe.
  bool is_open(Timestamp t) const;

  // Why a session's hours differ from 09:30-16:00, e.g. "early close 13:00: Christmas Eve",
  // "late open 11:00: Blizzard of 1996; early close 14:00: Blizzard of 1996". Empty for a regular
  // session, a non-session, or a date outside the range.
  std::string hours_note(Date date) const;

  // The special days in use (from the data file), in file order.
  const std::vector<XnysSpecialDay>& special_days() const { return special_days_; }

  // Ok unless the special-days text was malformed or contradicts the rules (e.g. a special
  // closure on a rule holiday); then the error names the line and the value.
  const Status& status() const { return status_; }

 private:
  struct YearTable;
  static constexpr int kYears = kXnysLastYear - kXnysFirstYear + 1;

  // The table of the year containing `date`, built on first use.
  // REQUIRES status().ok() and kFirstDate <= date <= kLastDate.
  const YearTable& year_table(Date date) const;
  std::unique_ptr<const YearTable> build_year(int year) const;
  Status check_against_rules() const;

  std::vector<XnysSpecialDay> special_days_;
  Status status_;
  // years_[i] is null until year kXnysFirstYear + i is built; then it points into owned_[i] and
  // never changes. Readers load it with acquire; builders hold build_mutex_.
  mutable std::array<std::atomic<const YearTable*>, kYears> years_{};
  mutable std::array<std::unique_ptr<const YearTable>, kYears> owned_;
  mutable std::mutex build_mutex_;
};

}  // namespace stratus
