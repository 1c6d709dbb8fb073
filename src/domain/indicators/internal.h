// Small helpers shared by the indicator implementations (not part of the public API).
#pragma once

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <span>

#include "domain/indicators/indicators.h"

namespace stratus::indicators::internal {

// TA-Lib's TA_EPSILON, used by TA_IS_ZERO and TA_IS_ZERO_OR_NEG (ta_utility.h).
inline constexpr double kEpsilon = 0.00000000000001;
inline bool is_zero(double v) { return -kEpsilon < v && v < kEpsilon; }
inline bool is_zero_or_negative(double v) { return v < kEpsilon; }

// TA-Lib's PER_TO_K: the EMA smoothing factor 2 / (period + 1).
inline double per_to_k(int period) { return 2.0 / static_cast<double>(period + 1); }

// Writes kNoValue into the first `lookback` rows of `out` (all of them when it is shorter).
// Returns true when at least one row remains to compute.
inline bool fill_warmup(std::span<double> out, int lookback) {
  const std::size_t n = std::min(out.size(), static_cast<std::size_t>(lookback < 0 ? 0 : lookback));
  std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), kNoValue);
  return n < out.size();
}

// The next slot of a ring of `size` slots.
inline std::size_t next_slot(std::size_t i, std::size_t size) { return i + 1 == size ? 0 : i + 1; }

}  // namespace stratus::indicators::internal
