#include "fakes/alpaca/stop_signal.h"

namespace stratus::fakes {

bool StopSignal::sleep_for(std::chrono::milliseconds duration) {
  std::unique_lock lock(mu_);
  return !cv_.wait_for(lock, duration, [&] { return stopped_; });
}

void StopSignal::stop() {
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  cv_.notify_all();
}

void StopSignal::reset() {
  std::lock_guard lock(mu_);
  stopped_ = false;
}

}  // namespace stratus::fakes
