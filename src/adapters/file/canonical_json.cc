// The canonical compact JSON scanner (see canonical_json.h). The rules follow nlohmann's
// serializer with ensure_ascii = false: strings keep their UTF-8 bytes, escape '"' and '\' and
// the control characters (\b \t \n \f \r, others as \u00xx in lowercase hex), nothing else.
#include "adapters/file/canonical_json.h"

#include <cstdint>

namespace stratus {
namespace {

constexpr int kMaxDepth = 200;
constexpr std::size_t kMaxIntegerDigits = 18;

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool object(std::vector<JsonMember>* members, int depth) {
    if (depth > kMaxDepth || !take('{')) return false;
    if (take('}')) return true;
    std::string_view previous_key;
    bool first = true;
    for (;;) {
      const std::size_t begin = pos_;
      std::string_view key;
      if (!string(&key)) return false;
      // Keys unique and in std::map order (bytes compared as unsigned char).
      if (!first && previous_key.compare(key) >= 0) return false;
      if (!take(':')) return false;
      const std::size_t value_begin = pos_;
      if (!value(depth + 1)) return false;
      if (members != nullptr) {
        members->push_back({key, text_.substr(value_begin, pos_ - value_begin), begin});
      }
      previous_key = key;
      first = false;
      if (take('}')) return true;
      if (!take(',')) return false;
    }
  }

  bool at_end() const { return pos_ == text_.size(); }

 private:
  bool take(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  bool value(int depth) {
    if (pos_ >= text_.size()) return false;
    switch (text_[pos_]) {
      case '{':
        return object(nullptr, depth);
      case '[':
        return array(depth);
      case '"':
        return string(nullptr);
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return integer();
    }
  }

  bool array(int depth) {
    if (depth > kMaxDepth || !take('[')) return false;
    if (take(']')) return true;
    for (;;) {
      if (!value(depth + 1)) return false;
      if (take(']')) return true;
      if (!take(',')) return false;
    }
  }

  // An integer as the serializer prints one: -?(0|[1-9][0-9]*), short enough to be sure it
  // parses back as an integer; never "-0", a fraction or an exponent.
  bool integer() {
    const std::size_t begin = pos_;
    const bool negative = take('-');
    const std::size_t digits_begin = pos_;
    while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
    const std::size_t digits = pos_ - digits_begin;
    if (digits == 0 || digits > kMaxIntegerDigits) return false;
    if (text_[digits_begin] == '0' && (digits > 1 || negative)) return false;
    if (pos_ < text_.size() && (text_[pos_] == '.' || text_[pos_] == 'e' || text_[pos_] == 'E')) {
      return false;
    }
    return pos_ > begin;
  }

  static bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
  static int hex_value(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }
  static bool in(unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; }

  // A string as the serializer prints one. `key` (for object keys): its bytes, and no escapes.
  bool string(std::string_view* key) {
    if (!take('"')) return false;
    const std::size_t begin = pos_;
    while (pos_ < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        if (key != nullptr) *key = text_.substr(begin, pos_ - begin);
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (key != nullptr || !escape()) return false;
        continue;
      }
      if (c < 0x80) {
        ++pos_;
        continue;
      }
      if (!utf8_sequence()) return false;
    }
    return false;
  }

  // After a backslash: one of the serializer's escapes.
  bool escape() {
    if (pos_ + 1 >= text_.size()) return false;
    const char c = text_[pos_ + 1];
    switch (c) {
      case '"':
      case '\\':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        pos_ += 2;
        return true;
      case 'u': {
        // \u00xx for the control characters without a short escape only.
        if (pos_ + 6 > text_.size()) return false;
        const std::string_view hex = text_.substr(pos_ + 2, 4);
        if (hex[0] != '0' || hex[1] != '0' || !is_lower_hex(hex[2]) || !is_lower_hex(hex[3])) {
          return false;
        }
        const int code = hex_value(hex[2]) * 16 + hex_value(hex[3]);
        if (code >= 0x20 || code == 0x08 || code == 0x09 || code == 0x0a || code == 0x0c ||
            code == 0x0d) {
          return false;
        }
        pos_ += 6;
        return true;
      }
      default:
        return false;
    }
  }

  // A well-formed UTF-8 sequence of 2 to 4 bytes (the Unicode standard's table 3-7).
  bool utf8_sequence() {
    const auto byte = [this](std::size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0;
    };
    const unsigned char b0 = byte(0);
    std::size_t length = 0;
    bool ok = false;
    if (in(b0, 0xC2, 0xDF)) {
      length = 2;
      ok = in(byte(1), 0x80, 0xBF);
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
      const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
      ok = in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF);
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
      ok = in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF);
    }
    if (!ok) return false;
    pos_ += length;
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

bool scan_canonical_object(std::string_view text, std::vector<JsonMember>& members) {
  members.clear();
  Scanner scanner(text);
  return scanner.object(&members, 0) && scanner.at_end();
}

}  // namespace stratus
