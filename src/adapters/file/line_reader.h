// LineReader: a file read one line at a time through one growing buffer, so a log of any size is
// streamed (memory: the longest line plus the read size), never loaded whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

// One line of a file: its bytes without the "\n", and whether a "\n" ended it (only the file's
// last line can lack one).
struct FileLine {
  std::string_view bytes;  // Valid until the next call to LineReader::next.
  bool terminated = true;
};

class LineReader {
 public:
  // Lines longer than this are an error (a log line is a few kilobytes).
  static constexpr std::size_t kMaxLineBytes = std::size_t{256} << 20;

  // Opens `path` for reading. Errors: NotFound (no such file), InvalidInput (a directory, or
  // not readable), Unavailable (any other open failure); each names the path.
  static Result<LineReader> open(const std::string& path);

  LineReader(LineReader&& other) noexcept;
  LineReader& operator=(LineReader&& other) = delete;
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;
  ~LineReader();

  // The next line, or false after the last one. An empty file has no lines; "a\n" has one;
  // "a\nb" has two, the second unterminated. Errors: Unavailable (a read failed),
  // InvalidInput (a line longer than kMaxLineBytes); both name the path and line number.
  Result<bool> next(FileLine& line);

  // 1-based number of the line last returned by next(); 0 before the first.
  std::uint64_t line_number() const { return line_number_; }

 private:
  LineReader(int fd, std::string path);
  // Reads more bytes after end_; false at end of file.
  Result<bool> fill();

  int fd_ = -1;
  std::string path_;
  std::string buffer_;
  std::size_t begin_ = 0;  // First byte not yet returned.
  std::size_t end_ = 0;    // One past the last byte read.
  bool eof_ = false;
  std::uint64_t line_number_ = 0;
};

}  // namespace stratus
