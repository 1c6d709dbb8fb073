#include "fakes/alpaca/rate_limiter.h"

namespace stratus::fakes {

void RateLimiter::configure(int limit, std::chrono::milliseconds window) {
  std::lock_guard lock(mu_);
  limit_ = limit;
  window_ = window;
  window_end_ = {};
  used_ = 0;
}

RateVerdict RateLimiter::take(Clock::time_point now) {
  std::lock_guard lock(mu_);
  if (now >= window_end_) {
    window_end_ = now + window_;
    used_ = 0;
  }
  RateVerdict v;
  v.limit = limit_ > 0 ? limit_ : 0;
  v.reset_epoch_seconds =
      std::chrono::ceil<std::chrono::seconds>(window_end_.time_since_epoch()).count();
  if (limit_ <= 0) return v;
  if (used_ >= limit_) {
    v.allowed = false;
    return v;
  }
  ++used_;
  v.remaining = limit_ - used_;
  return v;
}

}  // namespace stratus::fakes
