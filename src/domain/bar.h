// DailyBar: one session's prices for one symbol.
#pragma once

#include <cstdint>
#include <optional>

#include "domain/money.h"
#include "domain/time.h"

namespace stratus {

// Open, high and low may be missing in real data; close never is.
struct DailyBar {
  Date session;
  std::optional<Money> open;
  std::optional<Money> high;
  std::optional<Money> low;
  Money close;
  std::int64_t volume = 0;
};

}  // namespace stratus
