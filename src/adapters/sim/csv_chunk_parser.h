// CsvChunkParser: validates and converts the data rows of one chunk of a daily-bar CSV file (a
// run of whole lines; the whole body, or a part of it when the file is parsed on several
// threads), writing the bars of kept symbols to an output array and noting, per symbol, where
// its bars went and its first and last sessions, so that chunks parsed apart can be joined and
// their seams checked (csv_bar_parser.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sim/compact_bar.h"
#include "adapters/sim/csv_fields.h"
#include "adapters/sim/csv_market_data.h"
#include "domain/result.h"

namespace stratus {

// Indices [begin, end) into a chunk's output array: consecutive bars of one symbol.
struct BarRun {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// One symbol's rows within one chunk.
struct ChunkSymbol {
  bool keep = false;           // Its bars are written to the output (else only validated).
  std::int64_t first_day = 0;  // The session of its first row in the chunk.
  std::size_t first_line = 0;  // The line of that row.
  std::int64_t last_day = 0;   // The session of its last row in the chunk.
  std::size_t last_line = 0;   // The line of that row.
  std::vector<BarRun> runs;    // Where its bars went, in file order; empty when !keep.
};

// What parsing a chunk found. When `error` is set, it is the chunk's first error (on line
// `error_line`), and everything else describes only the rows before that line.
struct ChunkResult {
  std::map<std::string, ChunkSymbol, std::less<>> symbols;
  std::size_t rows = 0;     // Data rows accepted.
  std::size_t written = 0;  // Bars written to the output.
  std::size_t lines = 0;    // Lines gone through (all of the chunk's, unless it stopped early).
  std::optional<Error> error;
  std::size_t error_line = 0;
};

// The smallest number of bytes a valid data row takes, line end excluded: a 10-character date, a
// close and a symbol of at least one character each, and 6 commas. So a chunk of n bytes holds
// at most n / kMinCsvRowBytes + 1 rows.
inline constexpr std::size_t kMinCsvRowBytes = 18;

class CsvChunkParser {
 public:
  // `path` names the file in error contexts; `only` the symbols to keep (empty: all).
  // All three must outlive the parser.
  CsvChunkParser(const std::string& path, CsvLayout layout,
                 const std::set<std::string, std::less<>>& only);

  // Parses the lines of `rows`, the first of which is line `first_line` of the file, writing the
  // bars of kept symbols to `out`, which has room for `capacity` of them.
  // REQUIRES: rows starts at a line start and ends at a line start or at `file_end`; `file_end`
  // is the end of the file's text (a blank line is allowed only when nothing but line ends
  // follows it up to there); first_line >= 1.
  // Every row is checked against the field rules and against the previous row of its symbol in
  // this chunk (strictly increasing sessions), with the errors CsvMarketData::load documents.
  // More kept rows than `capacity` is an Internal error (never a write past it): room for
  // rows.size() / kMinCsvRowBytes + 1 bars is always enough.
  ChunkResult parse(std::string_view rows, const char* file_end, std::size_t first_line,
                    CompactBar* out, std::size_t capacity);

 private:
  template <CsvLayout L>
  ChunkResult parse_rows(std::string_view rows, const char* file_end, std::size_t first_line,
                         CompactBar* out, std::size_t capacity);

  const std::string& path_;
  const CsvLayout layout_;
  const std::set<std::string, std::less<>>& only_;
};

// The error for a row of `symbol` on `line` whose session `day` does not come after the session
// `previous_day` of its symbol's previous row, on `previous_line`.
Error csv_session_order_error(const std::string& path, std::size_t line, std::string_view symbol,
                              std::int64_t day, std::int64_t previous_day,
                              std::size_t previous_line);

}  // namespace stratus
