// MappedFile: mmap(PROT_READ, MAP_PRIVATE | MAP_POPULATE) of a whole file, unmapped on
// destruction.
#include "adapters/sim/mapped_file.h"

#include <sys/mman.h>

#include <utility>

namespace stratus {

std::optional<MappedFile> MappedFile::map(int fd, std::size_t size) {
  int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
  flags |= MAP_POPULATE;
#endif
  void* p = mmap(nullptr, size, PROT_READ, flags, fd, 0);
  if (p == MAP_FAILED) return std::nullopt;
  return MappedFile(static_cast<const char*>(p), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() { release(); }

void MappedFile::release() {
  if (data_ != nullptr) munmap(const_cast<char*>(data_), size_);
  data_ = nullptr;
  size_ = 0;
}

}  // namespace stratus
