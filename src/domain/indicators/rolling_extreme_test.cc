// RollingExtreme against a rescan of the window, on random values with many ties.
#include "domain/indicators/rolling_extreme.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

namespace stratus::indicators {
namespace {

TEST(RollingExtreme, MatchesRescanOfTheWindow) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> pick(0, 9);  // Few distinct values: many ties.
  for (int period : {1, 2, 3, 7, 50}) {
    RollingExtreme<true> hi(period);
    RollingExtreme<false> lo(period);
    std::vector<double> seen;
    for (int i = 0; i < 1000; ++i) {
      const double x = pick(rng);
      seen.push_back(x);
      const auto from = seen.end() - std::min<std::ptrdiff_t>(period, std::ssize(seen));
      ASSERT_EQ(hi.push(x), *std::max_element(from, seen.end())) << period << " " << i;
      ASSERT_EQ(lo.push(x), *std::min_element(from, seen.end())) << period << " " << i;
    }
    EXPECT_EQ(hi.count(), 1000);
  }
}

TEST(RollingExtreme, MonotonicInputsKeepTheWindowBounded) {
  RollingExtreme<true> falling(4);  // Every value stays in the deque until it expires.
  RollingExtreme<false> rising(4);
  for (int i = 0; i < 100; ++i) {
    const double expect_hi = 100.0 - std::max(0, i - 3);
    EXPECT_EQ(falling.push(100.0 - i), expect_hi);
    EXPECT_EQ(rising.push(static_cast<double>(i)), std::max(0, i - 3));
  }
}

}  // namespace
}  // namespace stratus::indicators
