// CalendarWitness port: a second, independent opinion on whether a date is a session and when
// it opens and closes (e.g. the broker's own calendar). market-check compares it with the
// exchange calendar before trading: a disagreement stops the run rather than guessing which
// one is right.
#pragma once

#include <string_view>

#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

struct WitnessedDay {
  Date date;
  bool is_session = false;
  Timestamp open;  // When is_session: regular-hours open and close, UTC.
  Timestamp close;
};

class CalendarWitness {
 public:
  virtual ~CalendarWitness() = default;
  // A short name for reports ("alpaca").
  virtual std::string_view name() const = 0;
  // The witness's view of `date`. Unavailable when it cannot be asked; InvalidInput when its
  // answer cannot be read.
  virtual Result<WitnessedDay> day(Date date) = 0;
};

}  // namespace stratus
