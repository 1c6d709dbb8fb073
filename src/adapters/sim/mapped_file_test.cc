// Tests for MappedFile: the bytes of a mapped file, a pipe that cannot be mapped, and moves.
#include "adapters/sim/mapped_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <optional>
#include <string>
#include <utility>

#include "adapters/sim/sim_test_support.h"

namespace stratus {
namespace {

TEST(MappedFileTest, MapsTheWholeFile) {
  ScratchDir dir;
  const std::string data = "date,open\n2015-08-24,1\n";
  const std::string path = dir.write("a.csv", data);
  const int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  std::optional<MappedFile> mapped = MappedFile::map(fd, data.size());
  ::close(fd);  // The mapping outlives the descriptor.
  ASSERT_TRUE(mapped.has_value());
  EXPECT_EQ(mapped->bytes(), data);

  MappedFile moved(std::move(*mapped));
  EXPECT_TRUE(mapped->bytes().empty());  // NOLINT(bugprone-use-after-move): moved-from is empty.
  EXPECT_EQ(moved.bytes(), data);
  MappedFile assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.bytes(), data);
}

TEST(MappedFileTest, APipeCannotBeMapped) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  EXPECT_FALSE(MappedFile::map(fds[0], 4096).has_value());
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace
}  // namespace stratus
