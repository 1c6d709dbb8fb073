// CsvChunkParser: the row loop (fast scanner first, checked parser on anything unusual), the
// per-symbol session order, and the runs of bars each symbol leaves in the output.
#include "adapters/sim/csv_chunk_parser.h"

#include <array>
#include <cstring>
#include <utility>

#include "adapters/sim/csv_row_scanner.h"
#include "domain/money.h"
#include "domain/time.h"

namespace stratus {
namespace {

// The line starting at `p`, without its line end; advances `p` past the line end.
std::string_view next_line(const char*& p, const char* end) {
  const char* newline = static_cast<const char*>(std::memchr(p, '\n', end - p));
  const char* line_end = newline == nullptr ? end : newline;
  std::string_view line(p, static_cast<std::size_t>(line_end - p));
  p = newline == nullptr ? end : newline + 1;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool only_line_ends(const char* p, const char* end) {
  for (; p != end; ++p) {
    if (*p != '\n' && *p != '\r') return false;
  }
  return true;
}

std::string context(const std::string& path, std::size_t line) {
  return path + ":" + std::to_string(line);
}

// An error about a row; names the symbol when it is known to be valid (may be empty).
Error row_error(const std::string& path, std::size_t line, std::string_view symbol,
                std::string message) {
  if (!symbol.empty()) message = "symbol " + std::string(symbol) + ": " + message;
  return Error::invalid_input(std::move(message), context(path, line));
}

// Parses an open/high/low (may_be_empty; empty is stored as 0) or close field of a row.
Status parse_price_checked(const std::string& path, std::string_view field, std::string_view text,
                           bool may_be_empty, std::size_t line, std::string_view symbol,
                           std::int64_t& out) {
  if (text.empty() && may_be_empty) {
    out = 0;
    return {};
  }
  std::int64_t units = 0;
  const NumberStatus status = parse_price_units(text, units);
  if (status != NumberStatus::kOk || units <= 0) {
    return row_error(path, line, symbol, csv_price_message(field, text, status, may_be_empty));
  }
  out = units;
  return {};
}

// Parses one non-empty row with every check, into `row` (whose symbol points into `text`).
Status parse_row_checked(const std::string& path, CsvLayout layout, std::string_view text,
                         std::size_t line, SessionParser& dates, ScannedRow& row) {
  std::array<std::string_view, kCsvFieldCount> fields;
  std::size_t count = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',') {
      if (count < kCsvFieldCount) fields[count] = text.substr(start, i - start);
      ++count;
      start = i + 1;
    }
  }
  if (count != kCsvFieldCount) {
    return row_error(path, line, {},
                     "expected " + std::to_string(kCsvFieldCount) + " comma-separated fields " +
                         csv_quote(csv_header(layout)) + ", got " + std::to_string(count));
  }

  const CsvColumns& columns = csv_columns(layout);
  const std::string_view symbol = fields[columns.symbol];
  if (!is_valid_csv_symbol(symbol)) {
    return row_error(path, line, {},
                     "field " + csv_quote(columns.symbol_name) + ": " +
                         std::string(kCsvSymbolExpectation) + ", got " + csv_quote(symbol));
  }
  row.symbol = symbol;
  row.same_symbol = false;

  CompactBar& bar = row.bar;
  const std::string_view date_text = fields[columns.date];
  if (!dates.parse(date_text, bar.day)) {
    return row_error(
        path, line, symbol,
        "field \"date\": expected a calendar date YYYY-MM-DD, got " + csv_quote(date_text));
  }
  STRATUS_RETURN_IF_ERROR(
      parse_price_checked(path, "open", fields[columns.open], true, line, symbol, bar.open));
  STRATUS_RETURN_IF_ERROR(
      parse_price_checked(path, "high", fields[columns.high], true, line, symbol, bar.high));
  STRATUS_RETURN_IF_ERROR(
      parse_price_checked(path, "low", fields[columns.low], true, line, symbol, bar.low));
  STRATUS_RETURN_IF_ERROR(
      parse_price_checked(path, "close", fields[columns.close], false, line, symbol, bar.close));

  const std::string_view volume_text = fields[columns.volume];
  bar.volume = 0;
  if (!volume_text.empty()) {
    const NumberStatus status = parse_whole_number(volume_text, bar.volume);
    if (status != NumberStatus::kOk) {
      std::string message =
          "field \"volume\": expected a non-negative whole number of shares (or empty), got " +
          csv_quote(volume_text);
      if (status == NumberStatus::kOutOfRange) message += " (out of range)";
      return row_error(path, line, symbol, std::move(message));
    }
  }
  return {};
}

}  // namespace

Error csv_session_order_error(const std::string& path, std::size_t line, std::string_view symbol,
                              std::int64_t day, std::int64_t previous_day,
                              std::size_t previous_line) {
  const std::string date = format_date(compact_day_to_date(day));
  if (day == previous_day) {
    return row_error(path, line, symbol,
                     "field \"date\": duplicate session " + date + " (already on line " +
                         std::to_string(previous_line) + "); expected one row per symbol and day");
  }
  return row_error(path, line, symbol,
                   "field \"date\": expected a date after the previous date " +
                       format_date(compact_day_to_date(previous_day)) + " (line " +
                       std::to_string(previous_line) +
                       "): dates must strictly increase within a symbol, got " + csv_quote(date));
}

CsvChunkParser::CsvChunkParser(const std::string& path, CsvLayout layout,
                               const std::set<std::string, std::less<>>& only)
    : path_(path), layout_(layout), only_(only) {}

ChunkResult CsvChunkParser::parse(std::string_view rows, const char* file_end,
                                  std::size_t first_line, CompactBar* out, std::size_t capacity) {
  return layout_ == CsvLayout::kSp500
             ? parse_rows<CsvLayout::kSp500>(rows, file_end, first_line, out, capacity)
             : parse_rows<CsvLayout::kGeneric>(rows, file_end, first_line, out, capacity);
}

template <CsvLayout L>
ChunkResult CsvChunkParser::parse_rows(std::string_view rows, const char* file_end,
                                       std::size_t first_line, CompactBar* out,
                                       std::size_t capacity) {
  ChunkResult result;
  const char* p = rows.data();
  const char* const end = p + rows.size();
  std::size_t line = first_line - 1;
  std::size_t written = 0;
  SessionParser dates;
  ScannedRow row;
  ChunkSymbol* current = nullptr;   // The symbol of the previous row; a node of result.symbols.
  std::string_view current_symbol;  // Its name (the map key); empty until the first row.
  std::size_t run_begin = 0;        // Where the current symbol's current run started.

  const auto close_run = [&] {
    if (current != nullptr && current->keep && written > run_begin) {
      current->runs.push_back(BarRun{run_begin, written});
    }
  };
  const auto fail = [&](Error error) {
    close_run();
    result.written = written;
    result.error = std::move(error);
    result.error_line = line;
    return std::move(result);
  };

  // Up to the last line end, rows are scanned without bounds checks (see scan_csv_row); a last
  // line with no line end, with them.
  const char* last_newline = end;
  while (last_newline != p && last_newline[-1] != '\n') --last_newline;
  while (p != end) {
    ++line;
    const char* const next =
        p < last_newline ? scan_csv_row<L, true>(p, last_newline, current_symbol, dates, row)
                         : scan_csv_row<L, false>(p, end, current_symbol, dates, row);
    if (next != nullptr) {
      p = next;
    } else {
      const std::string_view text = next_line(p, end);
      if (text.empty()) {
        if (only_line_ends(p, file_end)) break;
        return fail(Error::invalid_input("empty line: expected a data row of " +
                                             std::to_string(kCsvFieldCount) + " fields " +
                                             csv_quote(csv_header(layout_)),
                                         context(path_, line)));
      }
      if (Status status = parse_row_checked(path_, layout_, text, line, dates, row); !status.ok()) {
        return fail(status.error());
      }
    }

    if (!row.same_symbol && (current == nullptr || row.symbol != current_symbol)) {
      close_run();
      auto it = result.symbols.find(row.symbol);
      if (it == result.symbols.end()) {
        it = result.symbols.emplace(std::string(row.symbol), ChunkSymbol{}).first;
        it->second.keep = only_.empty() || only_.count(row.symbol) > 0;
      }
      current = &it->second;
      current_symbol = it->first;
      run_begin = written;
    }
    ChunkSymbol& symbol = *current;
    if (symbol.last_line == 0) {
      symbol.first_day = row.bar.day;
      symbol.first_line = line;
    } else if (row.bar.day <= symbol.last_day) {
      return fail(csv_session_order_error(path_, line, current_symbol, row.bar.day, symbol.last_day,
                                          symbol.last_line));
    }
    symbol.last_day = row.bar.day;
    symbol.last_line = line;
    if (symbol.keep) {
      if (written == capacity) {
        return fail(Error::internal("more rows than the size of the data allows", path_));
      }
      out[written++] = row.bar;
    }
    ++result.rows;
  }
  close_run();
  result.written = written;
  result.lines = line - (first_line - 1);
  return result;
}

}  // namespace stratus
