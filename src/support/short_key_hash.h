// ShortKeyHash: a transparent hash for the short text keys the hot paths look up (ticker symbols,
// client order ids, months). It reads a key eight bytes at a time, a multiply and a shift per
// word: a 26-character client order id costs a few dozen instructions, where a byte-at-a-time
// hash costs a hundred and std::hash (murmur) about a hundred however short the key. A backtest
// looks up a symbol for each of the hundreds of thousands of symbol-sessions it evaluates, and an
// order id for each signal.
//
// fnv1a_64 is the stable hash: the same value on every platform and release, for what is kept or
// shown (the hash in a shortened client order id). ShortKeyHash is only for tables in memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace stratus {

// FNV-1a, 64 bit: the same value on every platform and release (unlike std::hash).
constexpr std::uint64_t fnv1a_64(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// For unordered containers keyed by std::string and looked up by std::string_view as well
// (with std::equal_to<>): no temporary string per lookup. Equal keys hash equal; the value may
// differ between platforms (it reads words in the machine's byte order), so it is never kept.
struct ShortKeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const {
    std::uint64_t h = 0x9e3779b97f4a7c15ull ^ key.size();
    std::size_t at = 0;
    for (; at + 8 <= key.size(); at += 8) {
      std::uint64_t word;
      std::memcpy(&word, key.data() + at, sizeof word);  // One unaligned load.
      h = (h ^ word) * 0xff51afd7ed558ccdull;
      h ^= h >> 29;
    }
    std::uint64_t tail = 0;  // The last 0-7 bytes.
    for (; at < key.size(); ++at) tail = (tail << 8) | static_cast<unsigned char>(key[at]);
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
    return static_cast<std::size_t>(h ^ (h >> 32));
  }
};

}  // namespace stratus
