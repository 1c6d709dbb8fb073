// Small UTF-8 helpers for positions in rule text (columns count characters, not bytes).
#pragma once

#include <cstddef>
#include <string_view>

namespace stratus::rules {

// True for the bytes that start a character: every byte but UTF-8 continuation bytes.
inline bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }

// The length of the well-formed UTF-8 sequence of two to four bytes at text[i], or 0 when there
// is none there (an ASCII byte, a stray continuation byte, a truncated or overlong sequence).
inline std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t j) { return static_cast<unsigned char>(text[j]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t j = i + 2; j < i + length; ++j) {
    if (byte(j) < 0x80 || byte(j) > 0xBF) return 0;
  }
  return length;
}

// The number of characters in `text`.
inline int character_count(std::string_view text) {
  int count = 0;
  for (char c : text) count += starts_character(c) ? 1 : 0;
  return count;
}

}  // namespace stratus::rules
