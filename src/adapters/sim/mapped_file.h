// MappedFile: a whole open file mapped read-only into memory (RAII), so that its bytes can be
// parsed in place, without copying them into a buffer first.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace stratus {

class MappedFile {
 public:
  // Maps the first `size` bytes of the open file descriptor `fd` (which must be readable)
  // read-only and private, with every page made present up front (MAP_POPULATE) so that
  // parsing takes no page faults. The mapping does not keep `fd` open.
  // REQUIRES: size > 0.
  // Returns nullopt, with errno set, when the file cannot be mapped (e.g. a pipe or a socket).
  static std::optional<MappedFile> map(int fd, std::size_t size);

  // Guarantees: an empty mapping (bytes() is empty).
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // The mapped bytes; valid while this object lives. The file must not be truncated meanwhile
  // (reading a page past a truncated end raises SIGBUS).
  std::string_view bytes() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  void release();

  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace stratus
