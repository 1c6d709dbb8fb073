// RetryPolicy: how many times and how long the retrying client tries, and the full-jitter
// exponential backoff it sleeps between attempts.
#pragma once

#include <chrono>

namespace stratus {

struct RetryPolicy {
  // Tries in total, the first one included. 1 disables retries. Values below 1 count as 1.
  int max_attempts = 4;
  // The backoff ceiling before the first retry; it doubles for each further retry...
  std::chrono::milliseconds base_delay{250};
  // ...up to this cap on one backoff sleep. Waits the server asks for (429 Retry-After,
  // X-RateLimit-Reset) are not capped by it, only by max_total_delay.
  std::chrono::milliseconds max_delay{8'000};
  // Bound on all the sleeps of one send(). A server-requested wait that does not fit in what is
  // left ends the retries (the last answer is returned); a backoff sleep is shortened to fit;
  // once nothing is left, retries stop. 0 disables retries.
  std::chrono::milliseconds max_total_delay{30'000};
};

// Full jitter: uniform in [0, min(max_delay, base_delay * 2^retry_index)), given `unit` in
// [0, 1). retry_index is 0 before the first retry. Guarantees: never negative, never above
// max_delay, no overflow for any retry_index.
std::chrono::milliseconds full_jitter_delay(const RetryPolicy& policy, int retry_index,
                                            double unit);

}  // namespace stratus
