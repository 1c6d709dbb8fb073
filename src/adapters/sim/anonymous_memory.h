// AnonymousMemory: a large private buffer taken straight from the kernel (mmap), for data written
// once in bulk (parsed bars, inflated files). Unlike a std::vector or std::string it is never
// zero-filled by the program: a page costs something only when first written, and a region of
// 2 MiB or more is aligned and advised (MADV_HUGEPAGE) so that, where transparent huge pages are
// enabled in "madvise" or "always" mode, one fault maps 2 MiB instead of 4 KiB.
// Reserving more than is used is therefore cheap: untouched pages cost address space only.
#pragma once

#include <cstddef>

namespace stratus {

class AnonymousMemory {
 public:
  // Guarantees: empty (size() == 0, data() == nullptr).
  AnonymousMemory() = default;
  // Guarantees: at least `bytes` bytes of zeroed memory (0 bytes: empty, nothing mapped).
  // Throws std::bad_alloc when the system refuses the mapping.
  static AnonymousMemory allocate(std::size_t bytes);

  AnonymousMemory(AnonymousMemory&& other) noexcept;
  AnonymousMemory& operator=(AnonymousMemory&& other) noexcept;
  AnonymousMemory(const AnonymousMemory&) = delete;
  AnonymousMemory& operator=(const AnonymousMemory&) = delete;
  ~AnonymousMemory();

  // Grows to at least `bytes` bytes (doing nothing when already that large), keeping the contents;
  // the new bytes are zero. The memory may move: pointers into it are invalidated.
  // Throws std::bad_alloc when the system refuses.
  void grow(std::size_t bytes);

  char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  AnonymousMemory(char* data, std::size_t size) : data_(data), size_(size) {}
  void release();

  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace stratus
