// FileContents: open, then map or read, then inflate when the bytes are gzip.
#include "adapters/sim/file_contents.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <system_error>
#include <utility>

namespace stratus {
namespace {

constexpr std::size_t kMinBuffer = std::size_t{64} << 10;

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// Closes a file descriptor on scope exit.
class UniqueFd {
 public:
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// Reads everything left in `fd` into `out` (from its start), growing it geometrically; sets
// `size`. Returns 0, or the errno of a failed read.
int read_all(int fd, std::size_t size_hint, AnonymousMemory& out, std::size_t& size) {
  size = 0;
  out.grow(std::max(size_hint + 1, kMinBuffer));  // +1: reach the end without growing.
  for (;;) {
    if (size == out.size()) out.grow(out.size() * 2);
    const std::size_t room = std::min<std::size_t>(out.size() - size, std::size_t{1} << 30);
    const ssize_t got = ::read(fd, out.data() + size, room);
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (got == 0) return 0;
    size += static_cast<std::size_t>(got);
  }
}

// The uncompressed size recorded in the last member's trailer (modulo 2^32): a sizing hint only.
std::size_t gzip_size_hint(std::string_view compressed) {
  if (compressed.size() < 18) return 0;
  const auto* tail = reinterpret_cast<const unsigned char*>(compressed.data() + compressed.size());
  return static_cast<std::size_t>(tail[-4]) | static_cast<std::size_t>(tail[-3]) << 8 |
         static_cast<std::size_t>(tail[-2]) << 16 | static_cast<std::size_t>(tail[-1]) << 24;
}

}  // namespace

std::string inflate_gzip(std::string_view compressed, AnonymousMemory& out, std::size_t& size) {
  size = 0;
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return "cannot start zlib";  // 16: gzip only.
  // Most data compresses 3-10x: reserving generously costs address space, not memory.
  out.grow(std::max({compressed.size() * 4, gzip_size_hint(compressed) + 1, kMinBuffer}));
  const auto* in = reinterpret_cast<const unsigned char*>(compressed.data());
  std::size_t in_left = compressed.size();
  std::string problem;
  for (;;) {
    if (zs.avail_in == 0 && in_left != 0) {  // avail_in is 32 bits: feed huge inputs in slices.
      zs.next_in = const_cast<unsigned char*>(in);
      zs.avail_in = static_cast<uInt>(std::min<std::size_t>(in_left, UINT_MAX));
      in += zs.avail_in;
      in_left -= zs.avail_in;
    }
    if (size == out.size()) out.grow(out.size() * 2);
    zs.next_out = reinterpret_cast<unsigned char*>(out.data() + size);
    zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out.size() - size, UINT_MAX));
    const uInt room = zs.avail_out;
    const int rc = inflate(&zs, Z_NO_FLUSH);
    size += room - zs.avail_out;
    if (rc == Z_OK) continue;
    if (rc == Z_STREAM_END) {
      // Another member follows only if the next bytes are its magic; anything else is ignored.
      // The slices fed so far are contiguous, so next_in points at the rest of the input.
      const char* const next = reinterpret_cast<const char*>(zs.next_in);
      const bool next_member = is_gzip(std::string_view(
          next, static_cast<std::size_t>(compressed.data() + compressed.size() - next)));
      if (!next_member) break;
      inflateReset(&zs);
      continue;
    }
    // Z_BUF_ERROR with room to write means the input ran out before the member's end.
    if (rc == Z_BUF_ERROR) {
      problem = "unexpected end of file";
    } else if (rc == Z_MEM_ERROR) {
      problem = "out of memory";
    } else {
      problem = zs.msg != nullptr ? zs.msg : "compressed data error";
    }
    break;
  }
  inflateEnd(&zs);
  return problem;
}

Result<FileContents> FileContents::read(const std::string& path) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return Error::invalid_input("cannot open market data file: " + errno_text(errno), path);
  }
  struct stat info {};
  const bool regular = ::fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode);
  const std::size_t file_size = regular ? static_cast<std::size_t>(info.st_size) : 0;

  FileContents contents;
  std::string_view raw;
  if (file_size > 0) {
    if (auto mapped = MappedFile::map(fd.get(), file_size)) {
      contents.mapped_ = std::move(*mapped);
      raw = contents.mapped_.bytes();
    }
  }
  AnonymousMemory read_buffer;
  if (raw.empty()) {  // Not mapped: a pipe, an empty or special file, or mmap refused.
    std::size_t size = 0;
    if (const int err = read_all(fd.get(), file_size, read_buffer, size); err != 0) {
      return Error::invalid_input("cannot read market data file: " + errno_text(err), path);
    }
    raw = std::string_view(read_buffer.data(), size);
  }
  if (!is_gzip(raw)) {
    if (contents.mapped_.bytes().empty()) contents.buffer_ = std::move(read_buffer);
    contents.text_ = raw;
    return contents;
  }
  std::size_t size = 0;
  const std::string problem = inflate_gzip(raw, contents.buffer_, size);
  if (!problem.empty()) {
    return Error::invalid_input("corrupt or unreadable gzip data: " + problem, path);
  }
  contents.mapped_ = MappedFile();  // The compressed bytes are no longer needed.
  contents.text_ = std::string_view(contents.buffer_.data(), size);
  return contents;
}

}  // namespace stratus
