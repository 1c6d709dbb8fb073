#include "adapters/http/retry_policy.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace stratus {

std::chrono::milliseconds full_jitter_delay(const RetryPolicy& policy, int retry_index,
                                            double unit) {
  const std::int64_t cap = std::max<std::int64_t>(policy.max_delay.count(), 0);
  std::int64_t ceiling = std::clamp<std::int64_t>(policy.base_delay.count(), 0, cap);
  for (int i = 0; i < retry_index && ceiling < cap; ++i) ceiling = std::min(cap, ceiling * 2);
  if (!std::isfinite(unit)) unit = 0.0;
  unit = std::clamp(unit, 0.0, 1.0);
  const auto delay = static_cast<std::int64_t>(std::floor(unit * static_cast<double>(ceiling)));
  return std::chrono::milliseconds{std::clamp<std::int64_t>(delay, 0, cap)};
}

}  // namespace stratus
