// RollingExtreme: the highest (or lowest) of the last `period` values pushed, kept with a
// monotonic deque stored in a fixed-capacity ring (amortised O(1) per push, O(period) memory,
// never a rescan of the window). Internal to the indicator streams.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stratus::indicators {

template <bool kHighest>
class RollingExtreme {
 public:
  // REQUIRES: period >= 1.
  explicit RollingExtreme(int period)
      : period_(period),
        values_(static_cast<std::size_t>(period)),
        indices_(static_cast<std::size_t>(period)) {}

  std::int64_t period() const { return period_; }
  // How many values were pushed so far.
  std::int64_t count() const { return count_; }

  // Adds x and returns the extreme of the last min(count(), period) values, x included. Among
  // equal values the newest is kept, as TA_MAX / TA_MIN do when a new value ties the extreme.
  double push(double x) {
    const std::size_t capacity = values_.size();
    // The front leaves the window when it is `period` pushes old (at most one per push).
    if (size_ > 0 && indices_[head_] <= count_ - period_) {
      head_ = wrap(head_ + 1, capacity);
      --size_;
    }
    // Values x supersedes can never be the extreme again.
    while (size_ > 0) {
      const std::size_t back = wrap(head_ + size_ - 1, capacity);
      if (!supersedes(x, values_[back])) break;
      --size_;
    }
    const std::size_t slot = wrap(head_ + size_, capacity);
    values_[slot] = x;
    indices_[slot] = count_;
    ++size_;
    ++count_;
    return values_[head_];
  }

 private:
  static bool supersedes(double x, double old) { return kHighest ? x >= old : x <= old; }
  static std::size_t wrap(std::size_t i, std::size_t capacity) {
    return i >= capacity ? i - capacity : i;
  }

  std::int64_t period_;
  std::vector<double> values_;         // Deque values, monotonic from head_ onwards.
  std::vector<std::int64_t> indices_;  // The push number of each value.
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::int64_t count_ = 0;
};

}  // namespace stratus::indicators
