// StopSignal: sleeps that end early when the fake server stops, so an injected delay never holds
// up a test's teardown. Thread-safe. Test support only.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace stratus::fakes {

class StopSignal {
 public:
  // Sleeps for `duration`, or until stop() is called. Returns false when stopped.
  bool sleep_for(std::chrono::milliseconds duration);
  void stop();
  void reset();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

}  // namespace stratus::fakes
