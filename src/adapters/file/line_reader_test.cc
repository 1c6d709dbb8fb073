// LineReader: lines split exactly, an unterminated last line flagged, lines longer than the read
// buffer joined, missing files and directories refused.
#include "adapters/file/line_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

using Lines = std::vector<std::pair<std::string, bool>>;

Lines read_all(const std::string& path) {
  auto reader = LineReader::open(path);
  EXPECT_TRUE(reader.ok()) << reader.error().to_string();
  Lines lines;
  FileLine line;
  for (;;) {
    auto more = reader->next(line);
    EXPECT_TRUE(more.ok());
    if (!more.ok() || !*more) break;
    lines.emplace_back(std::string(line.bytes), line.terminated);
    EXPECT_EQ(reader->line_number(), lines.size());
  }
  return lines;
}

std::string write_file(const TestTempDir& dir, const std::string& bytes) {
  const std::string path = dir.file("f").string();
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  return path;
}

TEST(LineReader, SplitsLinesAndFlagsAnUnterminatedLast) {
  TestTempDir dir("lines");
  EXPECT_EQ(read_all(write_file(dir, "")), Lines{});
  EXPECT_EQ(read_all(write_file(dir, "a\n")), (Lines{{"a", true}}));
  EXPECT_EQ(read_all(write_file(dir, "a\n\nb")), (Lines{{"a", true}, {"", true}, {"b", false}}));
  EXPECT_EQ(read_all(write_file(dir, "\n")), (Lines{{"", true}}));
}

TEST(LineReader, JoinsLinesAcrossReadsOfAnySize) {
  TestTempDir dir("lines");
  // Lines that straddle the 1 MiB reads, one several reads long.
  const std::string big(3 * 1024 * 1024 + 17, 'x');
  std::string bytes;
  Lines expected;
  for (int i = 0; i < 30000; ++i) {
    std::string line =
        "line " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 97), 'y');
    bytes += line + "\n";
    expected.emplace_back(line, true);
    if (i == 15000) {
      bytes += big + "\n";
      expected.emplace_back(big, true);
    }
  }
  bytes += "end";
  expected.emplace_back("end", false);
  EXPECT_EQ(read_all(write_file(dir, bytes)), expected);
}

TEST(LineReader, RefusesWhatIsNotAReadableFile) {
  TestTempDir dir("lines");
  auto missing = LineReader::open(dir.file("nope").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.error().context, dir.file("nope").string());
  auto directory = LineReader::open(dir.path().string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace stratus
