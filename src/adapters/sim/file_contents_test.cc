// Tests for FileContents: a plain file is mapped; an empty file, a pipe and gzip data are read;
// gzip members are all inflated, trailing bytes ignored, damage reported; open and read failures
// name their reason.
#include "adapters/sim/file_contents.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>
#include <thread>

#include "adapters/sim/sim_test_support.h"

namespace stratus {
namespace {

const std::string kCsv =
    "date,open,high,low,close,volume,Name\n2015-08-24,43.39,45.0,42.0,43.07,67000000,AAA\n";

// Some megabytes of varied text, so that gzip needs several passes and buffers must grow.
std::string big_text() {
  std::string text;
  for (int i = 0; text.size() < (std::size_t{3} << 20); ++i) {
    text += "2015-08-24," + std::to_string(i * 7919 % 100003) + ".25,AAA\n";
  }
  return text;
}

TEST(FileContentsTest, PlainFileIsMapped) {
  ScratchDir dir;
  auto contents = FileContents::read(dir.write("a.csv", kCsv));
  ASSERT_TRUE(contents.ok()) << contents.error().to_string();
  EXPECT_TRUE(contents->is_mapped());
  EXPECT_EQ(contents->text(), kCsv);
}

TEST(FileContentsTest, EmptyFileIsEmpty) {
  ScratchDir dir;
  auto contents = FileContents::read(dir.write("empty.csv", ""));
  ASSERT_TRUE(contents.ok()) << contents.error().to_string();
  EXPECT_TRUE(contents->text().empty());
}

TEST(FileContentsTest, PlainAndGzipDataFromAPipeAreRead) {
  for (const bool gzip : {false, true}) {
    SCOPED_TRACE(gzip ? "gzip" : "plain");
    ScratchDir dir;
    const std::string fifo = (dir.path() / "fifo").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const std::string text = big_text();
    const std::string bytes = gzip ? gzip_bytes(text) : text;
    std::thread writer([&] {
      std::ofstream out(fifo, std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    });
    auto contents = FileContents::read(fifo);
    writer.join();
    ASSERT_TRUE(contents.ok()) << contents.error().to_string();
    EXPECT_FALSE(contents->is_mapped());
    EXPECT_EQ(contents->text(), text);
  }
}

TEST(FileContentsTest, GzipIsInflatedWhateverTheName) {
  ScratchDir dir;
  auto contents = FileContents::read(dir.write("no_suffix.csv", gzip_bytes(kCsv)));
  ASSERT_TRUE(contents.ok()) << contents.error().to_string();
  EXPECT_FALSE(contents->is_mapped());
  EXPECT_EQ(contents->text(), kCsv);
}

TEST(FileContentsTest, EveryGzipMemberIsInflatedAndTrailingBytesIgnored) {
  // The first member is large and compresses well, the last is tiny: its size field (the only one
  // a reader can see up front) understates the total, so the output must grow.
  const std::string first = big_text();
  const std::string second = "2015-08-25,1,AAA\n";
  ScratchDir dir;
  auto two = FileContents::read(dir.write("two.gz", gzip_bytes(first) + gzip_bytes(second)));
  ASSERT_TRUE(two.ok()) << two.error().to_string();
  EXPECT_EQ(two->text(), first + second);

  auto trailing = FileContents::read(dir.write("trailing.gz", gzip_bytes(kCsv) + "junk\n"));
  ASSERT_TRUE(trailing.ok()) << trailing.error().to_string();
  EXPECT_EQ(trailing->text(), kCsv);
}

TEST(FileContentsTest, DamagedGzipIsReported) {
  ScratchDir dir;
  const std::string gz = gzip_bytes(big_text());
  const std::string truncated_path = dir.write("truncated.gz", gz.substr(0, gz.size() / 2));
  auto truncated = FileContents::read(truncated_path);
  ASSERT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(truncated.error().message, "corrupt or unreadable gzip data: unexpected end of file");
  EXPECT_EQ(truncated.error().context, truncated_path);

  std::string corrupt = gz;
  for (std::size_t i = 20; i < 60; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  auto damaged = FileContents::read(dir.write("corrupt.gz", corrupt));
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(damaged.error().message.starts_with("corrupt or unreadable gzip data: "))
      << damaged.error().message;
}

TEST(FileContentsTest, OpenAndReadFailuresNameTheirReason) {
  ScratchDir dir;
  const std::string missing = (dir.path() / "missing.csv").string();
  auto absent = FileContents::read(missing);
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(absent.error().message, "cannot open market data file: No such file or directory");
  EXPECT_EQ(absent.error().context, missing);

  auto directory = FileContents::read(dir.path().string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().message, "cannot read market data file: Is a directory");
}

TEST(FileContentsTest, InflateReportsTruncationOfEmptyInput) {
  AnonymousMemory out;
  std::size_t size = 1;
  EXPECT_EQ(inflate_gzip("", out, size), "unexpected end of file");
  EXPECT_EQ(size, 0u);
}

}  // namespace
}  // namespace stratus
