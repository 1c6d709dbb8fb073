// MarketCalendar port: which days are exchange sessions and when they open and close.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

// One calendar day as the exchange sees it.
struct MarketDay {
  Date date;
  bool is_session = false;
  // When !is_session: why ("weekend", "holiday: Christmas Day"). Empty for sessions.
  std::string closed_reason;
  // When is_session: the regular-hours open and close, UTC.
  Timestamp open;
  Timestamp close;
  bool early_close = false;
};

class MarketCalendar {
 public:
  virtual ~MarketCalendar() = default;

  // A short name for reports ("weekdays", "XNYS").
  virtual std::string_view name() const = 0;
  // False for a calendar that treats every weekday as a session; market-check then says in its
  // output that holidays were not checked.
  virtual bool knows_holidays() const = 0;
  // The exchange's view of `date`. InvalidInput when `date` is outside the supported range.
  virtual Result<MarketDay> day(Date date) const = 0;

  // The last session strictly before `date`. InvalidInput when none is in range.
  Result<MarketDay> previous_session(Date date) const;
  // The first session strictly after `date`. InvalidInput when none is in range.
  Result<MarketDay> next_session(Date date) const;
  // The sessions in [from, to], ascending.
  Result<std::vector<MarketDay>> sessions(Date from, Date to) const;
  // The last session whose close is at or before `t` (a completed session).
  Result<MarketDay> last_completed_session(Timestamp t) const;
};

}  // namespace stratus
