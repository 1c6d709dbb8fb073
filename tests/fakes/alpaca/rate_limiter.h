// RateLimiter: Alpaca's request budget per account: `limit` requests per window (Alpaca: 200 a
// minute), answered with X-RateLimit-Limit / -Remaining / -Reset (UNIX epoch seconds at which
// the budget refills). Fixed windows, the first starting at the first request. Thread-safe.
// Test support only.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>

namespace stratus::fakes {

struct RateVerdict {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;
  std::int64_t reset_epoch_seconds = 0;  // Rounded up to a whole second.
};

class RateLimiter {
 public:
  using Clock = std::chrono::system_clock;

  // limit <= 0 disables the budget (every request allowed; headers still sent).
  void configure(int limit, std::chrono::milliseconds window);

  // Takes one request from the budget at `now`.
  RateVerdict take(Clock::time_point now);

 private:
  std::mutex mu_;
  int limit_ = 200;
  std::chrono::milliseconds window_{60'000};
  Clock::time_point window_end_{};
  int used_ = 0;
};

}  // namespace stratus::fakes
