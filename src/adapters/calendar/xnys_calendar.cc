#include "adapters/calendar/xnys_calendar.h"

#include <cstdint>
#include <mutex>
#include <utility>

namespace stratus {
namespace {

using std::chrono::days;

constexpr TimeOfDay kRegularOpen{9 * 60 + 30};
constexpr TimeOfDay kRegularClose{16 * 60};

int year_of(Date d) { return static_cast<int>(std::chrono::year_month_day{d}.year()); }

constexpr Date january_first(int year) { return Date{std::chrono::year{year} / 1 / 1}; }

// Days from kFirstDate to January 1 of each year kXnysFirstYear..kXnysLastYear + 1.
constexpr auto kYearStarts = [] {
  std::array<int, kXnysLastYear - kXnysFirstYear + 2> starts{};
  for (std::size_t i = 0; i < starts.size(); ++i) {
    starts[i] = static_cast<int>(
        (january_first(kXnysFirstYear + static_cast<int>(i)) - XnysCalendar::kFirstDate).count());
  }
  return starts;
}();

}  // namespace

// One year of days, indexed by day of year (0 = January 1).
struct XnysCalendar::YearTable {
  enum class State : std::uint8_t { kSession, kWeekend, kHoliday, kClosed };
  // What is_open needs, kept dense. For a non-session both are the epoch, so no instant of the
  // range is inside.
  struct Hours {
    Timestamp open{};   // UTC instant of the New York open.
    Timestamp close{};  // UTC instant of the New York close.
  };
  struct Entry {
    // kHoliday: the holiday's name; kClosed: the special closure's reason.
    std::string_view reason;
    std::string_view open_note;   // Sessions: why the open is late; empty when it is not.
    std::string_view close_note;  // Sessions: why the close is early; empty when it is not.
    TimeOfDay open_time = kRegularOpen;
    TimeOfDay close_time = kRegularClose;
    State state = State::kSession;
  };
  Date first;
  std::vector<Hours> hours;
  std::vector<Entry> entries;

  std::size_t index(Date d) const { return static_cast<std::size_t>((d - first).count()); }
};

XnysCalendar::XnysCalendar() : XnysCalendar(embedded_xnys_special_days_csv()) {}

XnysCalendar::XnysCalendar(std::string_view special_days_csv) {
  auto parsed = parse_xnys_special_days(special_days_csv);
  if (!parsed.ok()) {
    status_ = parsed.error();
    return;
  }
  special_days_ = std::move(parsed).value();
  status_ = check_against_rules();
}

XnysCalendar::~XnysCalendar() = default;

Status XnysCalendar::check_against_rules() const {
  for (const XnysSpecialDay& s : special_days_) {
    for (const XnysHoliday& h : xnys_holidays(year_of(s.date))) {
      if (h.date == s.date) {
        return Error::invalid_input(
            format_date(s.date) + " " + std::string(xnys_special_day_kind_name(s.kind)) + " (" +
                s.reason + ") falls on the rule holiday " + std::string(h.name) +
                "; a special day must be a day the rules make a session",
            "xnys-special-days.csv");
      }
    }
  }
  return {};
}

std::unique_ptr<const XnysCalendar::YearTable> XnysCalendar::build_year(int year) const {
  using State = YearTable::State;
  auto table = std::make_unique<YearTable>();
  table->first = january_first(year);
  const auto length = static_cast<std::size_t>((january_first(year + 1) - table->first).count());
  table->entries.resize(length);
  table->hours.resize(length);
  auto entry = [&](Date d) -> YearTable::Entry& { return table->entries[table->index(d)]; };

  for (std::size_t i = 0; i < length; ++i) {
    if (is_weekend(table->first + days{static_cast<int>(i)})) {
      table->entries[i].state = State::kWeekend;
    }
  }
  for (const XnysHoliday& h : xnys_holidays(year)) {
    YearTable::Entry& e = entry(h.date);
    e.state = State::kHoliday;
    e.reason = h.name;
  }
  for (const XnysEarlyClose& c : xnys_regular_early_closes(year)) {
    YearTable::Entry& e = entry(c.date);
    e.close_time = c.close;
    e.close_note = c.name;
  }
  for (const XnysSpecialDay& s : special_days_) {
    if (year_of(s.date) != year) continue;
    YearTable::Entry& e = entry(s.date);
    switch (s.kind) {
      case XnysSpecialDay::Kind::kClosed:
        e.state = State::kClosed;
        e.reason = s.reason;
        break;
      case XnysSpecialDay::Kind::kEarlyClose:
        e.close_time = s.time;
        e.close_note = s.reason;
        break;
      case XnysSpecialDay::Kind::kLateOpen:
        e.open_time = s.time;
        e.open_note = s.reason;
        break;
    }
  }
  for (std::size_t i = 0; i < length; ++i) {
    const YearTable::Entry& e = table->entries[i];
    if (e.state != State::kSession) continue;
    const Date d = table->first + days{static_cast<int>(i)};
    table->hours[i] = {new_york_instant(d, e.open_time), new_york_instant(d, e.close_time)};
  }
  return table;
}

const XnysCalendar::YearTable& XnysCalendar::year_table(Date date) const {
  // n / 365 overshoots the year index by at most one (fewer than 365 leap days in range).
  const int n = static_cast<int>((date - kFirstDate).count());
  std::size_t index = static_cast<std::size_t>(n / 365);
  if (kYearStarts[index] > n) --index;
  std::atomic<const YearTable*>& slot = years_[index];
  if (const YearTable* built = slot.load(std::memory_order_acquire)) return *built;
  std::lock_guard<std::mutex> lock(build_mutex_);
  if (const YearTable* built = slot.load(std::memory_order_relaxed)) return *built;
  owned_[index] = build_year(kXnysFirstYear + static_cast<int>(index));
  slot.store(owned_[index].get(), std::memory_order_release);
  return *owned_[index];
}

Result<MarketDay> XnysCalendar::day(Date date) const {
  if (!status_.ok()) {
    return Error::internal("the XNYS special-days data is invalid: " + status_.error().to_string());
  }
  if (date < kFirstDate || date > kLastDate) {
    return Error::invalid_input("date " + format_date(date) +
                                " is outside the XNYS calendar's supported range " +
                                format_date(kFirstDate) + ".." + format_date(kLastDate));
  }
  const YearTable& table = year_table(date);
  const std::size_t i = table.index(date);
  const YearTable::Entry& e = table.entries[i];
  MarketDay out;
  out.date = date;
  switch (e.state) {
    case YearTable::State::kWeekend:
      out.closed_reason = "weekend";
      return out;
    case YearTable::State::kHoliday:
      out.closed_reason = "holiday: " + std::string(e.reason);
      return out;
    case YearTable::State::kClosed:
      out.closed_reason = "closed: " + std::string(e.reason);
      return out;
    case YearTable::State::kSession:
      break;
  }
  out.is_session = true;
  out.open = table.hours[i].open;
  out.close = table.hours[i].close;
  out.early_close = e.close_time < kRegularClose;
  return out;
}

bool XnysCalendar::is_open(Timestamp t) const {
  if (!status_.ok()) return false;
  // New York is 4 or 5 hours behind UTC, so every session's [open, close) (between 09:30 and
  // 16:00 New York) lies within the UTC calendar day of its own date: the UTC date of `t` names
  // the only session that can contain it.
  const Date d = std::chrono::floor<days>(t);
  if (d < kFirstDate || d > kLastDate) return false;
  const YearTable& table = year_table(d);
  const YearTable::Hours& h = table.hours[table.index(d)];
  return h.open <= t && t < h.close;
}

std::string XnysCalendar::hours_note(Date date) const {
  if (!status_.ok() || date < kFirstDate || date > kLastDate) return {};
  const YearTable& table = year_table(date);
  const YearTable::Entry& e = table.entries[table.index(date)];
  if (e.state != YearTable::State::kSession) return {};
  std::string note;
  if (!e.open_note.empty()) {
    note = "late open " + format_time_of_day(e.open_time) + ": " + std::string(e.open_note);
  }
  if (!e.close_note.empty()) {
    if (!note.empty()) note += "; ";
    note += "early close " + format_time_of_day(e.close_time) + ": " + std::string(e.close_note);
  }
  return note;
}

}  // namespace stratus
