// Tests for AnonymousMemory: sizes, zeroed contents, huge-page alignment of large regions, growth
// that keeps the contents, and moves.
#include "adapters/sim/anonymous_memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

namespace stratus {
namespace {

constexpr std::size_t kMiB = std::size_t{1} << 20;

bool all_zero(const char* p, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

TEST(AnonymousMemoryTest, ZeroBytesIsEmpty) {
  AnonymousMemory memory = AnonymousMemory::allocate(0);
  EXPECT_EQ(memory.data(), nullptr);
  EXPECT_EQ(memory.size(), 0u);
  AnonymousMemory empty;
  EXPECT_EQ(empty.data(), nullptr);
}

TEST(AnonymousMemoryTest, SmallRegionIsZeroedAndWritable) {
  AnonymousMemory memory = AnonymousMemory::allocate(100);
  ASSERT_NE(memory.data(), nullptr);
  EXPECT_GE(memory.size(), 100u);
  EXPECT_TRUE(all_zero(memory.data(), memory.size()));
  memory.data()[99] = 'x';
  EXPECT_EQ(memory.data()[99], 'x');
}

TEST(AnonymousMemoryTest, LargeRegionStartsOnAHugePageBoundary) {
  AnonymousMemory memory = AnonymousMemory::allocate(5 * kMiB + 1);
  ASSERT_NE(memory.data(), nullptr);
  EXPECT_GE(memory.size(), 5 * kMiB + 1);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(memory.data()) % (2 * kMiB), 0u);
  memory.data()[memory.size() - 1] = 'z';  // The whole size is usable.
  EXPECT_EQ(memory.data()[memory.size() - 1], 'z');
}

TEST(AnonymousMemoryTest, GrowKeepsTheContentsAndZeroesTheRest) {
  AnonymousMemory memory = AnonymousMemory::allocate(4096);
  for (std::size_t i = 0; i < 4096; ++i) memory.data()[i] = static_cast<char>(i % 251 + 1);
  memory.grow(3 * kMiB);
  ASSERT_GE(memory.size(), 3 * kMiB);
  for (std::size_t i = 0; i < 4096; ++i) {
    ASSERT_EQ(memory.data()[i], static_cast<char>(i % 251 + 1)) << i;
  }
  EXPECT_TRUE(all_zero(memory.data() + 4096, memory.size() - 4096));

  const std::size_t size = memory.size();
  memory.grow(10);  // Never shrinks.
  EXPECT_EQ(memory.size(), size);

  AnonymousMemory empty;
  empty.grow(10);
  ASSERT_NE(empty.data(), nullptr);
  EXPECT_GE(empty.size(), 10u);
}

TEST(AnonymousMemoryTest, MovesHandOverTheRegion) {
  AnonymousMemory a = AnonymousMemory::allocate(4096);
  a.data()[0] = 'a';
  char* const region = a.data();
  AnonymousMemory b(std::move(a));
  EXPECT_EQ(a.data(), nullptr);  // NOLINT(bugprone-use-after-move): moved-from is empty.
  EXPECT_EQ(b.data(), region);
  AnonymousMemory c = AnonymousMemory::allocate(4096);
  c = std::move(b);
  EXPECT_EQ(c.data(), region);
  EXPECT_EQ(c.data()[0], 'a');
}

}  // namespace
}  // namespace stratus
