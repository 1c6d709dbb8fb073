// Deterministic client_order_ids: the idempotency key of every order.
#pragma once

#include <string>
#include <string_view>

#include "domain/time.h"

namespace stratus {

// The longest client_order_id Stratus produces (Alpaca's older documented limit).
inline constexpr std::size_t kMaxClientOrderIdLength = 48;

// Derives the id of the `sequence`-th order of (strategy, symbol) in `session`, e.g.
// "dip-AAPL-20150824-1". The same inputs always give the same id, so a retried or re-run step
// can never create a second order. Guarantees: at most 48 characters; when the readable form
// is longer, the strategy part is shortened and a hash of the full form keeps ids distinct.
std::string derive_client_order_id(std::string_view strategy, std::string_view symbol, Date session,
                                   int sequence);

// The client_order_ids of one strategy in one session, with the session's date written once:
// check-limits derives one for each signal of a run, hundreds of them in a backtest's runs.
class SessionOrderIds {
 public:
  // REQUIRES: `strategy` outlives this object.
  SessionOrderIds(std::string_view strategy, Date session);

  // Guarantees: `out` holds exactly derive_client_order_id(strategy, symbol, session, sequence);
  // its capacity is reused, so a string kept across calls allocates only when an id outgrows it.
  void write(std::string_view symbol, int sequence, std::string& out) const;

 private:
  std::string_view strategy_;
  char date_[10];  // -YYYYMMDD-
};

}  // namespace stratus
