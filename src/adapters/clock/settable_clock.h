// SettableClock: a clock that says whatever time it was last set to; replays, backtests, tests.
#pragma once

#include "ports/clock.h"

namespace stratus {

class SettableClock final : public Clock {
 public:
  explicit SettableClock(Timestamp start) : now_(start) {}
  Timestamp now() const override { return now_; }
  void set(Timestamp t) { now_ = t; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  Timestamp now_;
};

}  // namespace stratus
