// Sleeper: how the retrying client waits between attempts. ThreadSleeper really sleeps; tests
// inject RecordingSleeper (recording_sleeper.h) so they run instantly and can assert the waits.
#pragma once

#include <chrono>
#include <thread>

namespace stratus {

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  // Blocks the calling thread for about `duration` (zero or negative: returns at once).
  // Thread-safe.
  virtual void sleep(std::chrono::milliseconds duration) = 0;
};

class ThreadSleeper final : public Sleeper {
 public:
  void sleep(std::chrono::milliseconds duration) override {
    if (duration > std::chrono::milliseconds::zero()) std::this_thread::sleep_for(duration);
  }
};

}  // namespace stratus
