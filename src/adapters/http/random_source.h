// RandomSource: where backoff jitter comes from. Mt19937RandomSource is the real one;
// FixedRandomSource (below) makes jitter deterministic in tests.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>

namespace stratus {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // Guarantees: a value in [0, 1). Thread-safe.
  virtual double unit() = 0;
};

// std::mt19937_64 seeded from std::random_device (or, if that device fails, from the steady
// clock's tick count). Thread-safe: a mutex guards the engine.
class Mt19937RandomSource final : public RandomSource {
 public:
  Mt19937RandomSource();
  // A reproducible sequence, for simulations.
  explicit Mt19937RandomSource(std::uint64_t seed) : engine_(seed) {}
  double unit() override;

 private:
  std::mutex mutex_;
  std::mt19937_64 engine_;
};

// Always answers the same fraction, clamped into [0, 1).
class FixedRandomSource final : public RandomSource {
 public:
  explicit FixedRandomSource(double fraction);
  double unit() override { return fraction_; }

 private:
  double fraction_;
};

}  // namespace stratus
