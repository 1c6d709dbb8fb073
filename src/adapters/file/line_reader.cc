// LineReader (see line_reader.h).
#include "adapters/file/line_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace stratus {
namespace {

constexpr std::size_t kReadBytes = std::size_t{1} << 20;

}  // namespace

Result<LineReader> LineReader::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Error::not_found("no such file", path);
    if (err == EACCES) return Error::invalid_input("cannot read the file: permission denied", path);
    return Error::unavailable(std::string("cannot open: ") + std::strerror(err), path);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return Error::invalid_input("not a regular file", path);
  }
  return LineReader(fd, path);
}

LineReader::LineReader(int fd, std::string path) : fd_(fd), path_(std::move(path)) {
  buffer_.resize(kReadBytes);
}

LineReader::LineReader(LineReader&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      buffer_(std::move(other.buffer_)),
      begin_(other.begin_),
      end_(other.end_),
      eof_(other.eof_),
      line_number_(other.line_number_) {}

LineReader::~LineReader() {
  if (fd_ >= 0) ::close(fd_);
}

Result<bool> LineReader::fill() {
  if (begin_ > 0) {  // Keep the partial line at the front.
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kReadBytes / 2) {
    if (buffer_.size() >= kMaxLineBytes + kReadBytes) {
      return Error::invalid_input("line " + std::to_string(line_number_ + 1) + " is longer than " +
                                      std::to_string(kMaxLineBytes >> 20) + " MiB",
                                  path_);
    }
    buffer_.resize(buffer_.size() * 2);
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (n > 0) {
      end_ += static_cast<std::size_t>(n);
      return true;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return Error::unavailable(std::string("cannot read: ") + std::strerror(errno) + " (line " +
                                  std::to_string(line_number_ + 1) + ")",
                              path_);
  }
}

Result<bool> LineReader::next(FileLine& line) {
  std::size_t searched = begin_;  // Bytes before this hold no "\n".
  for (;;) {
    const void* found = std::memchr(buffer_.data() + searched, '\n', end_ - searched);
    if (found != nullptr) {
      const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - buffer_.data());
      line.bytes = std::string_view(buffer_.data() + begin_, at - begin_);
      line.terminated = true;
      begin_ = at + 1;
      ++line_number_;
      return true;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      line.bytes = std::string_view(buffer_.data() + begin_, end_ - begin_);
      line.terminated = false;
      begin_ = end_;
      ++line_number_;
      return true;
    }
    const std::size_t pending = end_ - begin_;
    auto more = fill();
    if (!more.ok()) return more.error();
    if (!*more) eof_ = true;
    searched = begin_ + pending;
  }
}

}  // namespace stratus
