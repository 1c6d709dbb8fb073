#include "adapters/http/random_source.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace stratus {
namespace {

std::uint64_t fresh_seed() {
  try {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  } catch (...) {
    // No entropy device: jitter only needs to differ between processes, not to be secret.
    return static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  }
}

}  // namespace

Mt19937RandomSource::Mt19937RandomSource() : engine_(fresh_seed()) {}

double Mt19937RandomSource::unit() {
  std::lock_guard lock(mutex_);
  return std::generate_canonical<double, 53>(engine_) * (1.0 - 1e-12);
}

FixedRandomSource::FixedRandomSource(double fraction)
    : fraction_(std::isfinite(fraction) ? std::clamp(fraction, 0.0, std::nextafter(1.0, 0.0))
                                        : 0.0) {}

}  // namespace stratus
