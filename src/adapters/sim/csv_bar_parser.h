// parse_csv_bars: turns the text of a daily-bar CSV file into a BarStore, on one thread or, for a
// large file, on several: the body is cut at line starts into chunks parsed side by side
// (CsvChunkParser), then joined in file order, checking each symbol's sessions across every
// seam, so that the result, and the first error in file order when there is one, are exactly
// those of a single front-to-back pass. A chunk is parsed with line numbers counted from its own
// start (no pass over the text before it is needed), corrected when the chunks are joined; a
// chunk with an error is parsed again, knowing its first line, for the error's exact text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sim/bar_store.h"
#include "adapters/sim/csv_market_data.h"
#include "domain/result.h"

namespace stratus {

struct CsvParseOptions {
  // At most this many threads (the calling one included) parse the body; also capped by
  // std::thread::hardware_concurrency() and by the number of chunks.
  std::size_t max_threads = 2;
  // The body is cut into chunks of about this many bytes, which the threads take in turn as they
  // finish the last (so that a thread the system runs less often simply takes fewer); a body
  // smaller than two chunks is one chunk, parsed on the calling thread.
  std::size_t chunk_bytes = std::size_t{2} << 20;
  // For tests: when non-empty, chunks start at these byte offsets into the body (the text after
  // the header line), each moved forward to the next line start, and chunk_bytes is ignored.
  std::vector<std::size_t> chunk_starts;
};

// Parses `text`, the whole contents of the file at `path` (named in error contexts), as described
// in csv_market_data.h, keeping the symbols of `only_symbols` (all when empty).
// Guarantees: on success, every kept symbol with its bars ascending; the errors, and for a file
// with several errors the one reported, are the same whatever the options.
Result<BarStore> parse_csv_bars(std::string_view text, const std::string& path, CsvLayout layout,
                                const std::vector<std::string>& only_symbols,
                                const CsvParseOptions& options = {});

}  // namespace stratus
