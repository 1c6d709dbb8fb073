// AlpacaCalendar: Alpaca's market calendar (Trading API GET /v2/calendar) as a CalendarWitness,
// so market-check can cross-check the exchange calendar against the broker's before trading.
// Alpaca lists each trading date with its regular open and close as New York "HH:MM" (early
// closes included) and leaves non-trading dates out.
#pragma once

#include <string_view>
#include <vector>

#include "adapters/alpaca/alpaca_endpoint.h"
#include "ports/calendar_witness.h"
#include "ports/http_client.h"

namespace stratus {

// Reads a /v2/calendar answer: every entry's date, open and close are checked (an entry that
// cannot be read is an InvalidInput error naming the index, field and value).
Result<std::vector<WitnessedDay>> parse_alpaca_calendar(std::string_view body);

class AlpacaCalendar final : public CalendarWitness {
 public:
  // REQUIRES: `http` outlives it. endpoint.base_url is the TRADING url.
  AlpacaCalendar(HttpClient& http, AlpacaEndpoint endpoint)
      : http_(http), endpoint_(std::move(endpoint)) {}

  std::string_view name() const override { return "alpaca"; }

  // GET /v2/calendar?start=D&end=D: a session when Alpaca lists `date`, else not. Errors as
  // alpaca_data_get (Unavailable, Rejected, InvalidInput), or InvalidInput for an answer that
  // lists another date.
  Result<WitnessedDay> day(Date date) override;

 private:
  HttpClient& http_;
  AlpacaEndpoint endpoint_;
};

}  // namespace stratus
