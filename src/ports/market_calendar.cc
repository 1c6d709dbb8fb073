#include "ports/market_calendar.h"

namespace stratus {
namespace {

// No exchange closes for more than this many consecutive days; bounds the searches below.
constexpr int kMaxGapDays = 14;

}  // namespace

Result<MarketDay> MarketCalendar::previous_session(Date date) const {
  for (int i = 1; i <= kMaxGapDays; ++i) {
    auto day = this->day(date - std::chrono::days{i});
    if (!day.ok()) return day.error();
    if (day->is_session) return day;
  }
  return Error::internal("no session in the " + std::to_string(kMaxGapDays) + " days before " +
                         format_date(date));
}

Result<MarketDay> MarketCalendar::next_session(Date date) const {
  for (int i = 1; i <= kMaxGapDays; ++i) {
    auto day = this->day(date + std::chrono::days{i});
    if (!day.ok()) return day.error();
    if (day->is_session) return day;
  }
  return Error::internal("no session in the " + std::to_string(kMaxGapDays) + " days after " +
                         format_date(date));
}

Result<std::vector<MarketDay>> MarketCalendar::sessions(Date from, Date to) const {
  std::vector<MarketDay> out;
  for (Date d = from; d <= to; d += std::chrono::days{1}) {
    auto day = this->day(d);
    if (!day.ok()) return day.error();
    if (day->is_session) out.push_back(std::move(day).value());
  }
  return out;
}

Result<MarketDay> MarketCalendar::last_completed_session(Timestamp t) const {
  const Date today = new_york_date(t);
  auto day = this->day(today);
  if (!day.ok()) return day.error();
  if (day->is_session && day->close <= t) return day;
  return previous_session(today);
}

}  // namespace stratus
