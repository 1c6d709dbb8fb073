// CsvMarketData: loading and validating daily-bar CSV files, and answering bar queries.
#include "adapters/sim/csv_market_data.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <set>
#include <system_error>
#include <utility>

namespace stratus {
namespace {

constexpr std::string_view kSp500Header = "date,open,high,low,close,volume,Name";
constexpr std::string_view kGenericHeader = "symbol,date,open,high,low,close,volume";
constexpr std::string_view kInMemorySource = "in-memory bars";
constexpr std::size_t kFieldCount = 7;
constexpr std::size_t kMaxSymbolLength = 32;

// Where each field sits in a row, and what the header calls it.
struct Columns {
  std::size_t symbol, date, open, high, low, close, volume;
  std::string_view symbol_name;
};
constexpr Columns kSp500Columns{6, 0, 1, 2, 3, 4, 5, "Name"};
constexpr Columns kGenericColumns{0, 1, 2, 3, 4, 5, 6, "symbol"};

std::string_view header_of(CsvLayout layout) {
  return layout == CsvLayout::kSp500 ? kSp500Header : kGenericHeader;
}

std::string quote_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  out += text;
  out += '"';
  return out;
}

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

// ---------------------------------------------------------------------------------------------
// Reading a whole file, plain or gzip.

// Reads everything `read_some(dst, max)` yields into `out`, starting with `hint` bytes of room.
// read_some returns the bytes read, 0 at the end, or a negative number on error.
template <typename ReadSome>
bool read_all(std::string& out, std::size_t hint, ReadSome read_some) {
  std::size_t used = 0;
  out.resize(std::max<std::size_t>(hint, 1 << 16) + 1);  // +1: reach EOF without a regrowth.
  for (;;) {
    if (used == out.size()) out.resize(out.size() * 2);
    const std::size_t room = std::min<std::size_t>(out.size() - used, 1u << 30);
    const long got = read_some(out.data() + used, room);
    if (got < 0) return false;
    if (got == 0) break;
    used += static_cast<std::size_t>(got);
  }
  out.resize(used);
  return true;
}

// Reads the file at `path` into memory, inflating it when it starts with the gzip magic bytes.
Result<std::string> read_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    return Error::invalid_input("cannot open market data file: " + errno_text(errno), path);
  }
  std::error_code size_error;
  const auto size = std::filesystem::file_size(path, size_error);
  const std::size_t size_hint = size_error ? 0 : static_cast<std::size_t>(size);

  unsigned char magic[2] = {0, 0};
  const std::size_t magic_read = std::fread(magic, 1, 2, file);
  const bool gzip = magic_read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
  std::string contents;
  if (!gzip) {
    std::rewind(file);
    const bool ok = read_all(contents, size_hint, [file](char* dst, std::size_t max) -> long {
      const std::size_t got = std::fread(dst, 1, max, file);
      if (got == 0 && std::ferror(file)) return -1;
      return static_cast<long>(got);
    });
    const int read_errno = errno;
    std::fclose(file);
    if (!ok) {
      return Error::invalid_input("cannot read market data file: " + errno_text(read_errno), path);
    }
    return contents;
  }
  std::fclose(file);

  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) {
    return Error::invalid_input("cannot open gzip market data file: " + errno_text(errno), path);
  }
  gzbuffer(gz, 1 << 18);
  const bool ok = read_all(contents, size_hint * 4, [gz](char* dst, std::size_t max) -> long {
    return gzread(gz, dst, static_cast<unsigned>(std::min<std::size_t>(max, INT_MAX)));
  });
  int zerr = Z_OK;
  const char* zmessage = gzerror(gz, &zerr);
  std::string detail = zmessage == nullptr ? std::string() : std::string(zmessage);
  if (detail.starts_with(path + ": ")) detail.erase(0, path.size() + 2);  // zlib names the path.
  gzclose(gz);
  if (!ok || (zerr != Z_OK && zerr != Z_STREAM_END)) {
    return Error::invalid_input(
        "corrupt or unreadable gzip data: " + (detail.empty() ? std::string("read error") : detail),
        path);
  }
  return contents;
}

// ---------------------------------------------------------------------------------------------
// Field parsers. They accept exactly what Money::parse / parse_date accept, without building
// strings on the success path.

constexpr std::int64_t kPow10[] = {1, 10, 100, 1000, 10000};

enum class NumberStatus { kOk, kMalformed, kTooManyDecimals, kOutOfRange };

// Parses an optional '-', digits, an optional '.', digits (at least one digit in all) into
// 1/10,000 units. Same rules as parse_scaled_decimal(text, 4).
NumberStatus parse_price_units(std::string_view text, std::int64_t& out) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  const char* p = text.data();
  const char* const end = p + text.size();
  bool negative = false;
  if (p != end && *p == '-') {
    negative = true;
    ++p;
  }
  std::int64_t units = 0;
  int digits = 0;
  int fraction_digits = 0;
  bool seen_point = false;
  for (; p != end; ++p) {
    const char c = *p;
    if (c == '.') {
      if (seen_point) return NumberStatus::kMalformed;
      seen_point = true;
      continue;
    }
    const unsigned digit = static_cast<unsigned char>(c) - static_cast<unsigned>('0');
    if (digit > 9) return NumberStatus::kMalformed;
    if (seen_point && ++fraction_digits > Money::kScale) return NumberStatus::kTooManyDecimals;
    if (units > (kMax - digit) / 10) return NumberStatus::kOutOfRange;
    units = units * 10 + digit;
    ++digits;
  }
  if (digits == 0) return NumberStatus::kMalformed;
  const std::int64_t scale = kPow10[Money::kScale - fraction_digits];
  if (units > kMax / scale) return NumberStatus::kOutOfRange;
  units *= scale;
  out = negative ? -units : units;
  return NumberStatus::kOk;
}

// Parses a non-negative whole number.
NumberStatus parse_volume(std::string_view text, std::int64_t& out) {
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  if (text.empty()) return NumberStatus::kMalformed;
  std::int64_t value = 0;
  for (const char c : text) {
    const unsigned digit = static_cast<unsigned char>(c) - static_cast<unsigned>('0');
    if (digit > 9) return NumberStatus::kMalformed;
    if (value > (kMax - digit) / 10) return NumberStatus::kOutOfRange;
    value = value * 10 + digit;
  }
  out = value;
  return NumberStatus::kOk;
}

bool two_digits(const char* p, unsigned& out) {
  const unsigned a = static_cast<unsigned char>(p[0]) - static_cast<unsigned>('0');
  const unsigned b = static_cast<unsigned char>(p[1]) - static_cast<unsigned>('0');
  if (a > 9 || b > 9) return false;
  out = a * 10 + b;
  return true;
}

// Parses YYYY-MM-DD into a real calendar date.
bool parse_session(std::string_view text, Date& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  unsigned century = 0, year_in_century = 0, month = 0, day = 0;
  if (!two_digits(text.data(), century) || !two_digits(text.data() + 2, year_in_century) ||
      !two_digits(text.data() + 5, month) || !two_digits(text.data() + 8, day)) {
    return false;
  }
  const std::chrono::year_month_day ymd{
      std::chrono::year{static_cast<int>(century * 100 + year_in_century)},
      std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) return false;
  out = Date{ymd};
  return true;
}

// parse_session with a memo of the last month seen: rows come in date order, so most dates fall in
// the month of the row before. Accepts exactly what parse_session accepts.
class SessionParser {
 public:
  bool parse(std::string_view text, Date& out) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    unsigned century = 0, year_in_century = 0, month = 0, day = 0;
    if (!two_digits(text.data(), century) || !two_digits(text.data() + 2, year_in_century) ||
        !two_digits(text.data() + 5, month) || !two_digits(text.data() + 8, day)) {
      return false;
    }
    const unsigned key = (century * 100 + year_in_century) * 100 + month;
    if (key != month_key_) {
      const std::chrono::year_month ym{
          std::chrono::year{static_cast<int>(century * 100 + year_in_century)},
          std::chrono::month{month}};
      if (!ym.ok()) return false;
      month_key_ = key;
      month_start_ = Date{ym / std::chrono::day{1}};
      month_days_ =
          static_cast<unsigned>(std::chrono::year_month_day_last{ym / std::chrono::last}.day());
    }
    if (day < 1 || day > month_days_) return false;
    out = month_start_ + std::chrono::days{day - 1};
    return true;
  }

 private:
  unsigned month_key_ = 0;  // year * 100 + month; 0: none yet (month 0 is never valid).
  Date month_start_;
  unsigned month_days_ = 0;
};

bool is_valid_symbol(std::string_view symbol) {
  if (symbol.empty() || symbol.size() > kMaxSymbolLength) return false;
  for (const char c : symbol) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '-' || c == '_' || c == '/' || c == '^';
    if (!ok) return false;
  }
  return true;
}

constexpr std::string_view kSymbolExpectation =
    "expected a symbol of 1..32 characters from A-Z a-z 0-9 . - _ / ^";
constexpr std::string_view kPriceExpectation =
    "expected a positive decimal price with at most 4 decimal places";

// The message for a price field that failed to parse or is not positive.
std::string price_message(std::string_view field, std::string_view text, NumberStatus status,
                          bool may_be_empty) {
  std::string message = "field " + quote_text(field) + ": " + std::string(kPriceExpectation);
  if (may_be_empty) message += " (or empty)";
  message += ", got " + (text.empty() ? std::string("an empty value") : quote_text(text));
  if (status == NumberStatus::kTooManyDecimals) message += " (too many decimal places)";
  if (status == NumberStatus::kOutOfRange) message += " (out of range)";
  if (status == NumberStatus::kOk) message += " (not positive)";
  return message;
}

// ---------------------------------------------------------------------------------------------
// The fast row scanner: one pass over the bytes of a well-formed row. It accepts a strict subset
// of what the checked parser below accepts (and produces the same bar for it); whenever it meets
// anything unusual it gives up and the checked parser takes the row, so every error message
// comes from one place.

// What a column holds.
enum class Role : unsigned char { kSymbol, kDate, kOpen, kHigh, kLow, kClose, kVolume };

inline bool is_digit(char c) {
  return static_cast<unsigned char>(c) - static_cast<unsigned>('0') <= 9u;
}

// Scans a positive price at `p` (at most 12 integer digits, so no overflow check is needed; longer
// values go to the checked parser). Returns the position after it, or nullptr.
inline const char* scan_price(const char* p, const char* end, std::int64_t& units) {
  const char* const start = p;
  std::int64_t value = 0;
  while (p != end && is_digit(*p)) value = value * 10 + (*p++ - '0');
  const auto integer_digits = p - start;
  if (integer_digits > 12) return nullptr;
  std::ptrdiff_t fraction_digits = 0;
  if (p != end && *p == '.') {
    const char* const fraction_start = ++p;
    while (p != end && is_digit(*p)) value = value * 10 + (*p++ - '0');
    fraction_digits = p - fraction_start;
    if (fraction_digits > Money::kScale) return nullptr;
  }
  if (integer_digits + fraction_digits == 0) return nullptr;
  value *= kPow10[Money::kScale - fraction_digits];
  if (value <= 0) return nullptr;
  units = value;
  return p;
}

// Scans a volume of at most 18 digits (empty is 0). Returns the position after it, or nullptr.
inline const char* scan_volume(const char* p, const char* end, std::int64_t& volume) {
  const char* const start = p;
  std::int64_t value = 0;
  while (p != end && is_digit(*p)) value = value * 10 + (*p++ - '0');
  if (p - start > 18) return nullptr;
  volume = value;
  return p;
}

// The result of scanning one row.
struct ScannedRow {
  std::string_view symbol;
  bool same_symbol = false;  // True when symbol equals the `known_symbol` given to scan_row.
  DailyBar bar;
};

// Scans the field of role R at `p`, up to (not including) its terminator. Returns the position
// after it, or nullptr. `known_symbol` is a symbol already validated (empty: none yet), so that
// the common case of a repeated symbol skips validation.
template <Role R>
inline const char* scan_field(const char* p, const char* end, std::string_view known_symbol,
                              SessionParser& dates, ScannedRow& row) {
  if constexpr (R == Role::kSymbol) {
    const char* const start = p;
    while (p != end && *p != ',' && *p != '\n' && *p != '\r') ++p;
    row.symbol = std::string_view(start, static_cast<std::size_t>(p - start));
    row.same_symbol = !known_symbol.empty() && row.symbol.size() == known_symbol.size() &&
                      std::equal(start, p, known_symbol.data());
    if (!row.same_symbol && !is_valid_symbol(row.symbol)) return nullptr;
    return p;
  } else if constexpr (R == Role::kDate) {
    if (end - p < 10 || !dates.parse(std::string_view(p, 10), row.bar.session)) return nullptr;
    return p + 10;
  } else if constexpr (R == Role::kClose) {
    std::int64_t units = 0;
    p = scan_price(p, end, units);
    if (p != nullptr) row.bar.close = Money::from_units(units);
    return p;
  } else if constexpr (R == Role::kVolume) {
    return scan_volume(p, end, row.bar.volume);
  } else {
    std::optional<Money>& price = R == Role::kOpen   ? row.bar.open
                                  : R == Role::kHigh ? row.bar.high
                                                     : row.bar.low;
    if (p != end && *p == ',') {
      price.reset();
      return p;
    }
    std::int64_t units = 0;
    p = scan_price(p, end, units);
    if (p != nullptr) price = Money::from_units(units);
    return p;
  }
}

// Scans a row whose columns hold First, Rest... in that order, starting at `p`. On success fills
// `row` and returns the start of the next line (or `end`); otherwise returns nullptr.
template <Role First, Role... Rest>
const char* scan_row(const char* p, const char* end, std::string_view known_symbol,
                     SessionParser& dates, ScannedRow& row) {
  p = scan_field<First>(p, end, known_symbol, dates, row);
  if (p == nullptr) return nullptr;
  if constexpr (sizeof...(Rest) > 0) {
    if (p == end || *p != ',') return nullptr;
    return scan_row<Rest...>(p + 1, end, known_symbol, dates, row);
  } else {
    if (p == end) return p;
    if (*p == '\r') ++p;
    if (p == end) return p;
    if (*p != '\n') return nullptr;
    return p + 1;
  }
}

const char* scan_sp500_row(const char* p, const char* end, std::string_view known_symbol,
                           SessionParser& dates, ScannedRow& row) {
  return scan_row<Role::kDate, Role::kOpen, Role::kHigh, Role::kLow, Role::kClose, Role::kVolume,
                  Role::kSymbol>(p, end, known_symbol, dates, row);
}

const char* scan_generic_row(const char* p, const char* end, std::string_view known_symbol,
                             SessionParser& dates, ScannedRow& row) {
  return scan_row<Role::kSymbol, Role::kDate, Role::kOpen, Role::kHigh, Role::kLow, Role::kClose,
                  Role::kVolume>(p, end, known_symbol, dates, row);
}

// ---------------------------------------------------------------------------------------------
// The checked parser: whole-file structure, every field rule with its message, symbol order.

struct SymbolState {
  std::vector<DailyBar> bars;  // Filled only when `keep`.
  Date last_session;
  std::size_t last_line = 0;  // 0: no row yet.
  bool keep = true;
};

class Parser {
 public:
  Parser(const std::string& path, CsvLayout layout, const std::vector<std::string>& only_symbols)
      : path_(path),
        layout_(layout),
        columns_(layout == CsvLayout::kSp500 ? kSp500Columns : kGenericColumns),
        scan_(layout == CsvLayout::kSp500 ? scan_sp500_row : scan_generic_row),
        only_(only_symbols.begin(), only_symbols.end()) {}

  // Parses the whole file contents into per-symbol bars.
  Result<std::map<std::string, std::vector<DailyBar>, std::less<>>> run(std::string_view text) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const std::string_view header = header_of(layout_);
    if (text.empty()) {
      return Error::invalid_input("file is empty: expected the header line " + quote_text(header) +
                                      " (layout " + std::string(csv_layout_name(layout_)) + ")",
                                  path_);
    }
    const char* p = text.data();
    const char* const end = p + text.size();
    const std::string_view first_line = next_line(p, end);
    if (first_line != header) return header_error(first_line);

    std::size_t line_number = 1;
    std::size_t rows = 0;
    ScannedRow row;
    while (p != end) {
      ++line_number;
      if (const char* next = scan_(p, end, current_symbol_, dates_, row)) {
        p = next;
      } else {
        const std::string_view line = next_line(p, end);
        if (line.empty()) {
          if (only_blank(p, end)) break;
          return Error::invalid_input("empty line: expected a data row of " +
                                          std::to_string(kFieldCount) + " fields " +
                                          quote_text(header),
                                      context(line_number));
        }
        STRATUS_RETURN_IF_ERROR(parse_row_checked(line, line_number, row));
      }
      STRATUS_RETURN_IF_ERROR(add_row(row, line_number));
      ++rows;
    }
    if (rows == 0) {
      return Error::invalid_input("no data rows after the header " + quote_text(header), path_);
    }
    std::string missing;
    for (const std::string& wanted : only_) {
      if (states_.find(wanted) == states_.end()) {
        missing += missing.empty() ? "" : ", ";
        missing += quote_text(wanted);
      }
    }
    if (!missing.empty()) {
      return Error::invalid_input(
          "only_symbols: expected symbols present in the file, not found: " + missing, path_);
    }
    std::map<std::string, std::vector<DailyBar>, std::less<>> out;
    for (auto& [symbol, state] : states_) {
      if (!state.keep) continue;
      if (state.bars.capacity() > state.bars.size() + state.bars.size() / 4) {
        state.bars.shrink_to_fit();
      }
      out.emplace(symbol, std::move(state.bars));
    }
    return out;
  }

 private:
  // The line starting at `p`, without its line end; advances `p` past the line end.
  static std::string_view next_line(const char*& p, const char* end) {
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const char* line_end = newline == nullptr ? end : newline;
    std::string_view line(p, static_cast<std::size_t>(line_end - p));
    p = newline == nullptr ? end : newline + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

  static bool only_blank(const char* p, const char* end) {
    for (; p != end; ++p) {
      if (*p != '\n' && *p != '\r') return false;
    }
    return true;
  }

  std::string context(std::size_t line_number) const {
    return path_ + ":" + std::to_string(line_number);
  }

  Error header_error(std::string_view got) const {
    std::string message = "header: expected " + quote_text(header_of(layout_)) + " (layout " +
                          std::string(csv_layout_name(layout_)) + "), got " + quote_text(got);
    const CsvLayout other = layout_ == CsvLayout::kSp500 ? CsvLayout::kGeneric : CsvLayout::kSp500;
    if (got == header_of(other)) {
      message += "; that is the header of layout " + std::string(csv_layout_name(other));
    }
    return Error::invalid_input(std::move(message), context(1));
  }

  // An error about a row; names the symbol when it is known to be valid (may be empty).
  Error row_error(std::size_t line_number, std::string_view symbol, std::string message) const {
    if (!symbol.empty()) message = "symbol " + std::string(symbol) + ": " + message;
    return Error::invalid_input(std::move(message), context(line_number));
  }

  // Parses an open/high/low (may_be_empty) or close field of a row of `symbol`.
  Status parse_price_checked(std::string_view field, std::string_view text, bool may_be_empty,
                             std::size_t line_number, std::string_view symbol,
                             std::optional<Money>& out) const {
    if (text.empty() && may_be_empty) {
      out.reset();
      return {};
    }
    std::int64_t units = 0;
    const NumberStatus status = parse_price_units(text, units);
    if (status != NumberStatus::kOk || units <= 0) {
      return row_error(line_number, symbol, price_message(field, text, status, may_be_empty));
    }
    out = Money::from_units(units);
    return {};
  }

  // Parses one non-empty row with every check, into `row` (whose symbol points into `line`).
  Status parse_row_checked(std::string_view line, std::size_t line_number, ScannedRow& row) const {
    std::array<std::string_view, kFieldCount> fields;
    std::size_t count = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == ',') {
        if (count < kFieldCount) fields[count] = line.substr(start, i - start);
        ++count;
        start = i + 1;
      }
    }
    if (count != kFieldCount) {
      return row_error(line_number, {},
                       "expected " + std::to_string(kFieldCount) + " comma-separated fields " +
                           quote_text(header_of(layout_)) + ", got " + std::to_string(count));
    }

    const std::string_view symbol = fields[columns_.symbol];
    if (!is_valid_symbol(symbol)) {
      return row_error(line_number, {},
                       "field " + quote_text(columns_.symbol_name) + ": " +
                           std::string(kSymbolExpectation) + ", got " + quote_text(symbol));
    }
    row.symbol = symbol;
    row.same_symbol = false;

    DailyBar& bar = row.bar;
    const std::string_view date_text = fields[columns_.date];
    if (!parse_session(date_text, bar.session)) {
      return row_error(
          line_number, symbol,
          "field \"date\": expected a calendar date YYYY-MM-DD, got " + quote_text(date_text));
    }
    STRATUS_RETURN_IF_ERROR(
        parse_price_checked("open", fields[columns_.open], true, line_number, symbol, bar.open));
    STRATUS_RETURN_IF_ERROR(
        parse_price_checked("high", fields[columns_.high], true, line_number, symbol, bar.high));
    STRATUS_RETURN_IF_ERROR(
        parse_price_checked("low", fields[columns_.low], true, line_number, symbol, bar.low));
    std::optional<Money> close;
    STRATUS_RETURN_IF_ERROR(
        parse_price_checked("close", fields[columns_.close], false, line_number, symbol, close));
    bar.close = *close;

    const std::string_view volume_text = fields[columns_.volume];
    bar.volume = 0;
    if (!volume_text.empty()) {
      const NumberStatus status = parse_volume(volume_text, bar.volume);
      if (status != NumberStatus::kOk) {
        std::string message =
            "field \"volume\": expected a non-negative whole number of shares (or empty), got " +
            quote_text(volume_text);
        if (status == NumberStatus::kOutOfRange) message += " (out of range)";
        return row_error(line_number, symbol, std::move(message));
      }
    }
    return {};
  }

  // Makes `symbol` the current one, creating its state on first sight.
  void select_symbol(std::string_view symbol) {
    if (current_ != nullptr && symbol == current_symbol_) return;
    if (current_ != nullptr) reserve_hint_ = std::max(reserve_hint_, current_->bars.size());
    auto it = states_.find(symbol);
    if (it == states_.end()) {
      it = states_.emplace(std::string(symbol), SymbolState{}).first;
      SymbolState& state = it->second;
      state.keep = only_.empty() || only_.count(symbol) > 0;
      if (state.keep) state.bars.reserve(reserve_hint_);
    }
    current_symbol_ = it->first;  // The map key: stable for the map's life.
    current_ = &it->second;
  }

  // Checks the row's date against its symbol's previous row and keeps the bar.
  Status add_row(const ScannedRow& row, std::size_t line_number) {
    if (!row.same_symbol) select_symbol(row.symbol);
    SymbolState& state = *current_;
    if (state.last_line != 0 && row.bar.session <= state.last_session) {
      const std::string date = format_date(row.bar.session);
      if (row.bar.session == state.last_session) {
        return row_error(line_number, current_symbol_,
                         "field \"date\": duplicate session " + date + " (already on line " +
                             std::to_string(state.last_line) +
                             "); expected one row per symbol and day");
      }
      return row_error(
          line_number, current_symbol_,
          "field \"date\": expected a date after the previous date " +
              format_date(state.last_session) + " (line " + std::to_string(state.last_line) +
              "): dates must strictly increase within a symbol, got " + quote_text(date));
    }
    state.last_session = row.bar.session;
    state.last_line = line_number;
    if (state.keep) state.bars.push_back(row.bar);
    return {};
  }

  const std::string& path_;
  const CsvLayout layout_;
  const Columns columns_;
  const char* (*const scan_)(const char*, const char*, std::string_view, SessionParser&,
                             ScannedRow&);  // The fast scanner for the layout.
  const std::set<std::string, std::less<>> only_;
  std::map<std::string, SymbolState, std::less<>> states_;
  std::string_view current_symbol_;  // Empty until the first row.
  SymbolState* current_ = nullptr;
  std::size_t reserve_hint_ = 0;
  SessionParser dates_;
};

}  // namespace

Result<CsvLayout> parse_csv_layout(std::string_view name) {
  if (name == "sp500") return CsvLayout::kSp500;
  if (name == "generic") return CsvLayout::kGeneric;
  return Error::invalid_input("csv layout: expected \"sp500\" or \"generic\", got " +
                              quote_text(name));
}

std::string_view csv_layout_name(CsvLayout layout) {
  return layout == CsvLayout::kSp500 ? "sp500" : "generic";
}

CsvMarketData::CsvMarketData(std::string source, BarMap bars)
    : source_(std::move(source)), bars_(std::move(bars)) {}

Result<std::unique_ptr<CsvMarketData>> CsvMarketData::load(
    const std::string& path, CsvLayout layout, const std::vector<std::string>& only_symbols) {
  STRATUS_ASSIGN_OR_RETURN(const std::string contents, read_file(path));
  Parser parser(path, layout, only_symbols);
  STRATUS_ASSIGN_OR_RETURN(BarMap bars, parser.run(contents));
  return std::unique_ptr<CsvMarketData>(new CsvMarketData(path, std::move(bars)));
}

Result<std::unique_ptr<CsvMarketData>> CsvMarketData::from_bars(
    std::map<std::string, std::vector<DailyBar>> bars_by_symbol) {
  const std::string context(kInMemorySource);
  BarMap bars;
  for (auto& [symbol, series] : bars_by_symbol) {
    if (!is_valid_symbol(symbol)) {
      return Error::invalid_input(
          "symbol: " + std::string(kSymbolExpectation) + ", got " + quote_text(symbol), context);
    }
    for (std::size_t i = 0; i < series.size(); ++i) {
      const DailyBar& bar = series[i];
      const std::string where = "symbol " + symbol + ", bar " + std::to_string(i) + " (" +
                                format_date(bar.session) + "): ";
      if (i > 0 && bar.session <= series[i - 1].session) {
        return Error::invalid_input(where + "session: expected a date after the previous bar's " +
                                        format_date(series[i - 1].session) +
                                        " (sessions must strictly increase)",
                                    context);
      }
      if (!bar.close.is_positive()) {
        return Error::invalid_input(
            where + "close: expected a positive price, got " + bar.close.to_string(), context);
      }
      const std::pair<const char*, const std::optional<Money>*> optional_prices[] = {
          {"open", &bar.open}, {"high", &bar.high}, {"low", &bar.low}};
      for (const auto& [name, price] : optional_prices) {
        if (price->has_value() && !(*price)->is_positive()) {
          return Error::invalid_input(
              where + name + ": expected a positive price or none, got " + (*price)->to_string(),
              context);
        }
      }
      if (bar.volume < 0) {
        return Error::invalid_input(
            where + "volume: expected a non-negative number, got " + std::to_string(bar.volume),
            context);
      }
    }
    bars.emplace(symbol, std::move(series));
  }
  return std::unique_ptr<CsvMarketData>(new CsvMarketData(context, std::move(bars)));
}

Result<const std::vector<DailyBar>*> CsvMarketData::find(std::string_view symbol) const {
  const auto it = bars_.find(symbol);
  if (it == bars_.end()) {
    return Error::not_found(
        "unknown symbol " + quote_text(symbol) + ": this market data has no bars for it", source_);
  }
  return &it->second;
}

Result<std::vector<DailyBar>> CsvMarketData::daily_bars(std::string_view symbol, Date through,
                                                        std::size_t count) {
  STRATUS_ASSIGN_OR_RETURN(const std::vector<DailyBar>* bars, find(symbol));
  const auto end =
      std::upper_bound(bars->begin(), bars->end(), through,
                       [](const Date& date, const DailyBar& bar) { return date < bar.session; });
  const auto available = static_cast<std::size_t>(end - bars->begin());
  const auto n = static_cast<std::ptrdiff_t>(std::min(count, available));
  return std::vector<DailyBar>(end - n, end);
}

Result<std::optional<DailyBar>> CsvMarketData::first_bar_after(std::string_view symbol,
                                                               Date after) {
  STRATUS_ASSIGN_OR_RETURN(const std::vector<DailyBar>* bars, find(symbol));
  const auto it =
      std::upper_bound(bars->begin(), bars->end(), after,
                       [](const Date& date, const DailyBar& bar) { return date < bar.session; });
  if (it == bars->end()) return std::optional<DailyBar>();
  return std::optional<DailyBar>(*it);
}

std::vector<std::string> CsvMarketData::symbols() const {
  std::vector<std::string> out;
  out.reserve(bars_.size());
  for (const auto& entry : bars_) out.push_back(entry.first);
  return out;
}

std::size_t CsvMarketData::bar_count() const {
  std::size_t total = 0;
  for (const auto& entry : bars_) total += entry.second.size();
  return total;
}

}  // namespace stratus
