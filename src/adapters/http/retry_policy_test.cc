// Tests for full_jitter_delay: uniform(0, min(cap, base * 2^retry)).
#include "adapters/http/retry_policy.h"

#include <gtest/gtest.h>

#include "adapters/http/random_source.h"

namespace stratus {
namespace {

using std::chrono::milliseconds;

TEST(FullJitter, CeilingDoublesUpToTheCap) {
  RetryPolicy policy{.max_attempts = 10,
                     .base_delay = milliseconds{100},
                     .max_delay = milliseconds{1000},
                     .max_total_delay = milliseconds{60'000}};
  const double almost_one = 0.999999;
  EXPECT_EQ(full_jitter_delay(policy, 0, almost_one), milliseconds{99});
  EXPECT_EQ(full_jitter_delay(policy, 1, almost_one), milliseconds{199});
  EXPECT_EQ(full_jitter_delay(policy, 2, almost_one), milliseconds{399});
  EXPECT_EQ(full_jitter_delay(policy, 3, almost_one), milliseconds{799});
  EXPECT_EQ(full_jitter_delay(policy, 4, almost_one), milliseconds{999});
  EXPECT_EQ(full_jitter_delay(policy, 1000, almost_one), milliseconds{999});
  EXPECT_EQ(full_jitter_delay(policy, 3, 0.5), milliseconds{400});
  EXPECT_EQ(full_jitter_delay(policy, 3, 0.0), milliseconds{0});
}

TEST(FullJitter, NeverNegativeOrAboveTheCapEvenForOddInputs) {
  RetryPolicy policy{.base_delay = milliseconds{1'000'000'000}, .max_delay = milliseconds{5000}};
  EXPECT_LE(full_jitter_delay(policy, 62, 0.999), milliseconds{5000});
  EXPECT_EQ(full_jitter_delay(policy, 0, -3.0), milliseconds{0});
  EXPECT_EQ(full_jitter_delay(policy, 0, 7.0), milliseconds{5000});
  RetryPolicy zero{.base_delay = milliseconds{0}, .max_delay = milliseconds{0}};
  EXPECT_EQ(full_jitter_delay(zero, 5, 0.9), milliseconds{0});
}

TEST(RandomSources, StayInTheUnitInterval) {
  Mt19937RandomSource random(42);
  for (int i = 0; i < 10'000; ++i) {
    const double u = random.unit();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
  Mt19937RandomSource seeded_from_device;
  EXPECT_LT(seeded_from_device.unit(), 1.0);
  EXPECT_LT(FixedRandomSource(1.0).unit(), 1.0);
  EXPECT_EQ(FixedRandomSource(-1.0).unit(), 0.0);
  EXPECT_EQ(FixedRandomSource(0.25).unit(), 0.25);
}

TEST(RandomSources, SameSeedSameSequence) {
  Mt19937RandomSource a(7), b(7);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.unit(), b.unit());
}

}  // namespace
}  // namespace stratus
