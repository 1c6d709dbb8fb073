// RecordingSleeper: a Sleeper for tests. It does not sleep; it records every requested wait and,
// when given a SettableClock, advances it by the wait (rounded up to whole seconds, the clock's
// resolution) so that time-based logic sees time pass.
#pragma once

#include <chrono>
#include <mutex>
#include <vector>

#include "adapters/clock/settable_clock.h"
#include "adapters/http/sleeper.h"

namespace stratus {

class RecordingSleeper final : public Sleeper {
 public:
  // REQUIRES: `clock`, when given, outlives this sleeper.
  explicit RecordingSleeper(SettableClock* clock = nullptr) : clock_(clock) {}

  void sleep(std::chrono::milliseconds duration) override {
    std::lock_guard lock(mutex_);
    waits_.push_back(duration);
    if (clock_ != nullptr && duration > std::chrono::milliseconds::zero()) {
      clock_->advance(std::chrono::ceil<std::chrono::seconds>(duration));
    }
  }

  // Every wait requested so far, in order.
  std::vector<std::chrono::milliseconds> waits() const {
    std::lock_guard lock(mutex_);
    return waits_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::chrono::milliseconds> waits_;
  SettableClock* clock_;
};

}  // namespace stratus
