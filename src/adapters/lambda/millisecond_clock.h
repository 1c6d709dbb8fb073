// MillisecondClock: "now" to the millisecond, for Lambda deadlines (Lambda-Runtime-Deadline-Ms is
// epoch milliseconds; the Clock port's whole seconds are too coarse for a 100 ms safety margin).
#pragma once

#include <chrono>

namespace stratus {

using EpochMillis = std::chrono::sys_time<std::chrono::milliseconds>;

class MillisecondClock {
 public:
  virtual ~MillisecondClock() = default;
  // The current UTC instant, to the millisecond.
  virtual EpochMillis now() const = 0;
};

// The real time, for the Lambda runtime.
class SystemMillisecondClock final : public MillisecondClock {
 public:
  EpochMillis now() const override {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

}  // namespace stratus
