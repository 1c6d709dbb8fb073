// SystemClock: the real UTC time, for live runs.
#pragma once

#include "ports/clock.h"

namespace stratus {

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

}  // namespace stratus
