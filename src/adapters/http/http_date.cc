#include "adapters/http/http_date.h"

#include <array>
#include <chrono>

namespace stratus {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A cursor over the text with the few token readers the three formats need.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool done() const { return text_.empty(); }
  void skip_blanks() {
    while (!text_.empty() && text_.front() == ' ') text_.remove_prefix(1);
  }
  bool literal(std::string_view expected) {
    if (!text_.starts_with(expected)) return false;
    text_.remove_prefix(expected.size());
    return true;
  }
  std::string_view letters() {
    std::size_t n = 0;
    while (n < text_.size() &&
           ((text_[n] >= 'A' && text_[n] <= 'Z') || (text_[n] >= 'a' && text_[n] <= 'z'))) {
      ++n;
    }
    std::string_view word = text_.substr(0, n);
    text_.remove_prefix(n);
    return word;
  }
  // Reads exactly `min_digits`..`max_digits` digits.
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    std::size_t n = 0;
    int value = 0;
    while (n < text_.size() && n < max_digits && text_[n] >= '0' && text_[n] <= '9') {
      value = value * 10 + (text_[n] - '0');
      ++n;
    }
    if (n < min_digits) return std::nullopt;
    text_.remove_prefix(n);
    return value;
  }

 private:
  std::string_view text_;
};

std::optional<unsigned> month_number(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (kMonths[i] == name) return static_cast<unsigned>(i + 1);
  }
  return std::nullopt;
}

struct Fields {
  int year = 0;
  unsigned month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

bool read_time(Scanner& s, Fields& f) {
  auto h = s.number(2, 2);
  if (!h || !s.literal(":")) return false;
  auto m = s.number(2, 2);
  if (!m || !s.literal(":")) return false;
  auto sec = s.number(2, 2);
  if (!sec) return false;
  f.hour = *h;
  f.minute = *m;
  f.second = *sec;
  return true;
}

std::optional<Timestamp> to_timestamp(const Fields& f) {
  using namespace std::chrono;
  const year_month_day ymd{year{f.year}, month{f.month}, day{static_cast<unsigned>(f.day)}};
  if (!ymd.ok() || f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  return sys_days{ymd} + hours{f.hour} + minutes{f.minute} + seconds{std::min(f.second, 59)};
}

// After the weekday and ", ": "06 Nov 1994 08:49:37 GMT".
bool imf_fixdate(Scanner& s, Fields& f) {
  auto d = s.number(2, 2);
  if (!d || !s.literal(" ")) return false;
  auto mon = month_number(s.letters());
  if (!mon || !s.literal(" ")) return false;
  auto y = s.number(4, 4);
  if (!y || !s.literal(" ") || !read_time(s, f) || !s.literal(" GMT")) return false;
  f.day = *d;
  f.month = *mon;
  f.year = *y;
  return true;
}

// After the weekday and ", ": "06-Nov-94 08:49:37 GMT".
bool rfc850_date(Scanner& s, Fields& f, Timestamp now) {
  auto d = s.number(2, 2);
  if (!d || !s.literal("-")) return false;
  auto mon = month_number(s.letters());
  if (!mon || !s.literal("-")) return false;
  auto yy = s.number(2, 2);
  if (!yy || !s.literal(" ") || !read_time(s, f) || !s.literal(" GMT")) return false;
  const int this_year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
  int year = (this_year / 100) * 100 + *yy;
  if (year > this_year + 50) year -= 100;
  f.day = *d;
  f.month = *mon;
  f.year = year;
  return true;
}

// After the weekday and " ": "Nov  6 08:49:37 1994".
bool asctime_date(Scanner& s, Fields& f) {
  auto mon = month_number(s.letters());
  if (!mon || !s.literal(" ")) return false;
  s.skip_blanks();
  auto d = s.number(1, 2);
  if (!d || !s.literal(" ") || !read_time(s, f) || !s.literal(" ")) return false;
  auto y = s.number(4, 4);
  if (!y) return false;
  f.day = *d;
  f.month = *mon;
  f.year = *y;
  return true;
}

}  // namespace

std::optional<Timestamp> parse_http_date(std::string_view text, Timestamp now) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  Scanner s(text);
  const std::string_view weekday = s.letters();
  if (weekday.size() < 3) return std::nullopt;
  Fields f;
  bool parsed = false;
  if (s.literal(", ")) {
    parsed = weekday.size() == 3 ? imf_fixdate(s, f) : rfc850_date(s, f, now);
  } else if (weekday.size() == 3 && s.literal(" ")) {
    parsed = asctime_date(s, f);
  }
  if (!parsed || !s.done()) return std::nullopt;
  return to_timestamp(f);
}

}  // namespace stratus
