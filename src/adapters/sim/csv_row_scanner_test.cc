// Tests for the fast row scanner's number fields against the checked parsers (csv_fields.h):
// over every short text of digits and points, and long runs of digits, both where the scanner
// reads words at a time and where it reads byte by byte near the end of the text. Whatever it
// accepts must read the same as the checked parser; and it must accept every ordinary value.
#include "adapters/sim/csv_row_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace stratus {
namespace {

// Every text of up to `length` characters from `alphabet`.
std::vector<std::string> all_texts(std::string_view alphabet, std::size_t length) {
  std::vector<std::string> out = {""};
  for (std::size_t begin = 0, n = 0; n < length; ++n) {
    const std::size_t end = out.size();
    for (std::size_t i = begin; i < end; ++i) {
      for (const char c : alphabet) out.push_back(out[i] + c);
    }
    begin = end;
  }
  for (std::size_t digits = 8; digits <= 21; ++digits) {
    out.push_back(std::string(digits, '9'));
    out.push_back(std::string(digits, '1') + ".5");
    out.push_back("1." + std::string(digits, '0'));
  }
  return out;
}

// The bytes of `text` in a heap block of exactly that size (a vector built from a range
// allocates no spare room), so that AddressSanitizer reports any read past the end.
class ExactBytes {
 public:
  explicit ExactBytes(std::string_view text) : bytes_(text.begin(), text.end()) {}
  const char* data() const { return bytes_.data(); }
  const char* end() const { return bytes_.data() + bytes_.size(); }
  char back() const { return bytes_.back(); }

 private:
  std::vector<char> bytes_;
};

// The field text followed by its terminator and then either plenty of bytes (the word-at-a-time
// path) or nothing more (the byte-by-byte path).
std::vector<std::string> placements(const std::string& field) {
  return {field + ",0123456789012345678901234567890123", field + "\n"};
}

TEST(CsvRowScannerTest, PricesReadAsTheCheckedParserReadsThem) {
  std::size_t accepted = 0;
  for (const std::string& text : all_texts("019.", 7)) {
    std::int64_t reference = 0;
    const NumberStatus status = parse_price_units(text, reference);
    // What the scanner must accept: a positive price of at most 12 integer digits and 4 decimals.
    const std::size_t point = text.find('.');
    const std::size_t integer_digits = point == std::string::npos ? text.size() : point;
    const bool ordinary =
        status == NumberStatus::kOk && reference > 0 && integer_digits <= 12 && text[0] != '-';
    for (const std::string& placed : placements(text)) {
      SCOPED_TRACE("\"" + text + "\" in \"" + placed + "\"");
      const ExactBytes bytes(placed);
      const char* const end = bytes.end();
      std::int64_t units = -1;
      const char* after = csv_scan::price<true>(bytes.data(), end, units);
      // Stopping early, at a character that cannot follow a price, fails the row scan on it (it
      // expects a ',' or a line end): the field is not accepted then either.
      if (after != bytes.data() + text.size()) {
        EXPECT_FALSE(ordinary);
        continue;
      }
      ++accepted;
      ASSERT_EQ(status, NumberStatus::kOk);
      EXPECT_GT(reference, 0);
      EXPECT_EQ(units, reference);
      // The unguarded scan (the text ends with a line end) reads the same.
      if (bytes.back() == '\n') {
        std::int64_t unguarded = -1;
        EXPECT_EQ(csv_scan::price<false>(bytes.data(), end, unguarded), after);
        EXPECT_EQ(unguarded, units);
      }
    }
  }
  EXPECT_GT(accepted, 1000u);
}

TEST(CsvRowScannerTest, VolumesReadAsTheCheckedParserReadsThem) {
  std::vector<std::string> texts = all_texts("09.", 6);
  for (std::size_t digits = 1; digits <= 21; ++digits) {
    texts.push_back(std::string(digits, '7'));
    texts.push_back("1" + std::string(digits - 1, '0'));
  }
  for (const std::string& text : texts) {
    std::int64_t reference = 0;
    const NumberStatus status =
        text.empty() ? NumberStatus::kOk : parse_whole_number(text, reference);
    const bool ordinary = status == NumberStatus::kOk && text.size() <= 18;
    for (const std::string& placed : placements(text)) {
      SCOPED_TRACE("\"" + text + "\" in \"" + placed + "\"");
      const ExactBytes bytes(placed);
      const char* const end = bytes.end();
      std::int64_t shares = -1;
      const char* after = csv_scan::volume<true>(bytes.data(), end, shares);
      // Stopping early, at a character that cannot follow a volume, fails the row scan on it.
      if (after != bytes.data() + text.size()) {
        EXPECT_FALSE(ordinary);
        continue;
      }
      ASSERT_EQ(status, NumberStatus::kOk);
      EXPECT_EQ(shares, reference);
    }
  }
}

TEST(CsvRowScannerTest, DecimalsAndVolumeDigitsByWords) {
  std::uint64_t units = 0;
  const std::pair<const char*, std::uint64_t> decimals[] = {{",xxxxxxx", 0},
                                                            {"5,xxxxxx", 5000},
                                                            {"75\nxxxxx", 7500},
                                                            {"123,xxxx", 1230},
                                                            {"7142,xxx", 7142}};
  for (const auto& [text, expected] : decimals) {
    SCOPED_TRACE(text);
    ASSERT_GE(csv_scan::decimals_to_units(text, units), 0);
    EXPECT_EQ(units, expected);
  }
  EXPECT_EQ(csv_scan::decimals_to_units("12345,xx", units), -1);
  EXPECT_EQ(csv_scan::decimals_to_units("12345678", units), -1);

  std::uint64_t shares = 0;
  EXPECT_EQ(csv_scan::volume_digits("158168416,AAPL\nxx", shares), 9);
  EXPECT_EQ(shares, 158168416u);
  EXPECT_EQ(csv_scan::volume_digits("12345678,AAPL\nxxx", shares), 8);
  EXPECT_EQ(shares, 12345678u);
  EXPECT_EQ(csv_scan::volume_digits("123456789012345,x", shares), 15);
  EXPECT_EQ(shares, 123456789012345u);
  EXPECT_EQ(csv_scan::volume_digits("1234567890123456,", shares), -1);
  EXPECT_EQ(csv_scan::volume_digits(",AAPL\nxxxxxxxxxxxx", shares), 0);
  EXPECT_EQ(shares, 0u);
}

}  // namespace
}  // namespace stratus
