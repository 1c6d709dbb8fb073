// ShortKeyHash: a transparent hash for the short text keys the hot paths look up (ticker symbols,
// client order ids, months): FNV-1a, 64 bit, one multiply per byte. std::hash (murmur) costs
// about a hundred instructions however short the key, and a backtest looks up a symbol for each
// of the hundreds of thousands of symbol-sessions it evaluates.
#pragma once

#include <cstddef>
#include <cstdint>
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
// (with std::equal_to<>): no temporary string per lookup.
struct ShortKeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const {
    return static_cast<std::size_t>(fnv1a_64(key));
  }
};

}  // namespace stratus
