// AnonymousMemory: mmap'd private anonymous memory with a transparent-huge-page hint.
#include "adapters/sim/anonymous_memory.h"

#include <sys/mman.h>

#include <cstdint>
#include <new>
#include <utility>

namespace stratus {
namespace {

constexpr std::size_t kPageSize = 4096;
constexpr std::size_t kHugePageSize = std::size_t{2} << 20;

std::size_t round_up(std::size_t n, std::size_t to) { return (n + to - 1) / to * to; }

// Asks for huge pages over [data, data + size); a refusal (e.g. THP compiled out) is harmless.
void advise_huge_pages(char* data, std::size_t size) {
#ifdef MADV_HUGEPAGE
  if (size >= kHugePageSize) madvise(data, size, MADV_HUGEPAGE);
#else
  (void)data;
  (void)size;
#endif
}

}  // namespace

AnonymousMemory AnonymousMemory::allocate(std::size_t bytes) {
  if (bytes == 0) return {};
  if (bytes > SIZE_MAX - kHugePageSize * 2) throw std::bad_alloc();
  if (bytes < kHugePageSize) {
    const std::size_t size = round_up(bytes, kPageSize);
    void* p = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    return AnonymousMemory(static_cast<char*>(p), size);
  }
  // Over-reserve by one huge page, then trim both ends so the region starts on a 2 MiB boundary
  // (huge pages can only back aligned 2 MiB ranges).
  const std::size_t size = round_up(bytes, kHugePageSize);
  const std::size_t reserved = size + kHugePageSize;
  void* p = mmap(nullptr, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  char* const start = static_cast<char*>(p);
  const auto address = reinterpret_cast<std::uintptr_t>(start);
  char* const aligned = start + (round_up(address, kHugePageSize) - address);
  if (aligned != start) munmap(start, static_cast<std::size_t>(aligned - start));
  char* const tail = aligned + size;
  const std::size_t tail_size = static_cast<std::size_t>(start + reserved - tail);
  if (tail_size != 0) munmap(tail, tail_size);
  advise_huge_pages(aligned, size);
  return AnonymousMemory(aligned, size);
}

AnonymousMemory::AnonymousMemory(AnonymousMemory&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

AnonymousMemory& AnonymousMemory::operator=(AnonymousMemory&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

AnonymousMemory::~AnonymousMemory() { release(); }

void AnonymousMemory::release() {
  if (data_ != nullptr) munmap(data_, size_);
  data_ = nullptr;
  size_ = 0;
}

void AnonymousMemory::grow(std::size_t bytes) {
  if (bytes <= size_) return;
  if (data_ == nullptr) {
    *this = allocate(bytes);
    return;
  }
  if (bytes > SIZE_MAX - kHugePageSize) throw std::bad_alloc();
  const std::size_t size = round_up(bytes, size_ >= kHugePageSize ? kHugePageSize : kPageSize);
  // The kernel moves the pages themselves (no copy); the added range reads as zero.
  void* p = mremap(data_, size_, size, MREMAP_MAYMOVE);
  if (p == MAP_FAILED) throw std::bad_alloc();
  data_ = static_cast<char*>(p);
  size_ = size;
  advise_huge_pages(data_, size_);
}

}  // namespace stratus
