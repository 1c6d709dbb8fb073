// parse_csv_bars: header checks, cutting the body into chunks, parsing them on threads, joining
// them in file order with the seam checks, and gathering each symbol's bars into one array.
#include "adapters/sim/csv_bar_parser.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <new>
#include <optional>
#include <set>
#include <span>
#include <system_error>
#include <thread>
#include <utility>

#include "adapters/sim/anonymous_memory.h"
#include "adapters/sim/csv_chunk_parser.h"
#include "adapters/sim/csv_fields.h"

namespace stratus {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The first line start at or after `offset` in `body` (body.size() when there is none).
std::size_t line_start_at_or_after(std::string_view body, std::size_t offset) {
  if (offset == 0) return 0;
  if (offset >= body.size()) return body.size();
  const void* newline = std::memchr(body.data() + offset - 1, '\n', body.size() - offset + 1);
  return newline == nullptr
             ? body.size()
             : static_cast<std::size_t>(static_cast<const char*>(newline) + 1 - body.data());
}

// Where each chunk starts in `body`: strictly increasing line starts, the first 0.
std::vector<std::size_t> chunk_starts(std::string_view body, const CsvParseOptions& options) {
  std::vector<std::size_t> wanted = options.chunk_starts;
  if (wanted.empty()) {
    const std::size_t size = std::max<std::size_t>(options.chunk_bytes, 1);
    for (std::size_t offset = size; offset + size <= body.size(); offset += size) {
      wanted.push_back(offset);
    }
  }
  std::sort(wanted.begin(), wanted.end());
  std::vector<std::size_t> starts = {0};
  for (const std::size_t offset : wanted) {
    const std::size_t start = line_start_at_or_after(body, offset);
    if (start > starts.back() && start < body.size()) starts.push_back(start);
  }
  return starts;
}

// One symbol over the chunks joined so far.
struct JoinedSymbol {
  bool keep = false;
  std::int64_t last_day = 0;
  std::size_t last_line = 0;
  std::vector<std::span<const CompactBar>> pieces;  // Its bars, in file order.
  std::size_t bars = 0;
};
using JoinedSymbols = std::map<std::string, JoinedSymbol, std::less<>>;

// A chunk of the body and where its output goes (set by the thread that parses it).
struct Chunk {
  std::string_view rows;
  CompactBar* out = nullptr;
  std::size_t capacity = 0;  // Room at `out`, in bars.
  ChunkResult result;
  std::exception_ptr failure;  // An exception thrown while parsing (e.g. std::bad_alloc).
};

// The body of `text` (what follows the header line), or the error for a missing or wrong header.
Result<std::string_view> body_after_header(std::string_view text, const std::string& path,
                                           CsvLayout layout) {
  if (text.starts_with(kUtf8Bom)) text.remove_prefix(kUtf8Bom.size());
  const std::string_view header = csv_header(layout);
  if (text.empty()) {
    return Error::invalid_input("file is empty: expected the header line " + csv_quote(header) +
                                    " (layout " + std::string(csv_layout_name(layout)) + ")",
                                path);
  }
  const std::size_t newline = text.find('\n');
  std::string_view first_line = text.substr(0, newline);
  if (first_line.ends_with('\r')) first_line.remove_suffix(1);
  if (first_line != header) {
    std::string message = "header: expected " + csv_quote(header) + " (layout " +
                          std::string(csv_layout_name(layout)) + "), got " + csv_quote(first_line);
    const CsvLayout other = layout == CsvLayout::kSp500 ? CsvLayout::kGeneric : CsvLayout::kSp500;
    if (first_line == csv_header(other)) {
      message += "; that is the header of layout " + std::string(csv_layout_name(other));
    }
    return Error::invalid_input(std::move(message), path + ":1");
  }
  return newline == std::string_view::npos ? text.substr(text.size()) : text.substr(newline + 1);
}

// Parses every chunk, with line numbers counted from 1 at its start, on up to `max_threads`
// threads (the calling one included) that each take the next chunk not yet taken. Each thread
// writes the bars of its chunks one after the other into an output region of its own, with room
// for every bar the body could hold: the bars written stay packed in as few pages as possible
// (each page costs a fault and zeroing), however the chunks fall to the threads. Returns the
// regions; rethrows what a parse threw.
std::vector<AnonymousMemory> parse_chunks(std::vector<Chunk>& chunks, std::string_view body,
                                          const std::string& path, CsvLayout layout,
                                          const std::set<std::string, std::less<>>& only,
                                          std::size_t max_threads) {
  const std::size_t hardware = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t workers = std::min({max_threads, hardware, chunks.size()});
  // Room for every bar the body could hold: one thread may end up parsing it all.
  const std::size_t capacity = body.size() / kMinCsvRowBytes + 1;
  std::vector<AnonymousMemory> regions(workers);
  const char* const file_end = body.data() + body.size();
  std::atomic<std::size_t> next{0};
  // The calling thread's region first: if there is no memory for it, nothing has started yet.
  regions[0] = AnonymousMemory::allocate(capacity * sizeof(CompactBar));
  const auto work = [&](std::size_t worker) {
    if (regions[worker].data() == nullptr) {
      try {
        regions[worker] = AnonymousMemory::allocate(capacity * sizeof(CompactBar));
      } catch (const std::bad_alloc&) {
        return;  // No region: the other threads take the chunks.
      }
    }
    auto* const out = reinterpret_cast<CompactBar*>(regions[worker].data());
    std::size_t written = 0;
    CsvChunkParser parser(path, layout, only);
    for (std::size_t i = next++; i < chunks.size(); i = next++) {
      Chunk& chunk = chunks[i];
      chunk.out = out + written;
      chunk.capacity = capacity - written;
      try {
        chunk.result = parser.parse(chunk.rows, file_end, 1, chunk.out, chunk.capacity);
        written += chunk.result.written;
      } catch (...) {
        chunk.failure = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (std::size_t i = 1; i < workers; ++i) {
    try {
      threads.emplace_back(work, i);
    } catch (const std::system_error&) {  // No more threads to be had: do with those there are.
      break;
    }
  }
  work(0);
  for (std::thread& thread : threads) thread.join();
  for (const Chunk& chunk : chunks) {
    if (chunk.failure) std::rethrow_exception(chunk.failure);
  }
  return regions;
}

// Joins the parsed chunks in file order into `joined`, adding up their rows, and turning each
// chunk's line numbers into the file's. Given that the chunks before it joined cleanly, a
// chunk's first error in file order is the earlier of its own first error and the first of its
// symbols whose first row there does not come after that symbol's last row in the chunks before;
// that error is returned.
Status join_chunks(std::vector<Chunk>& chunks, const std::string& path, CsvLayout layout,
                   const std::set<std::string, std::less<>>& only, const char* file_end,
                   JoinedSymbols& joined, std::size_t& rows) {
  std::size_t first_line = 2;  // Of the chunk at hand: line 1 is the header.
  for (Chunk& chunk : chunks) {
    ChunkResult& result = chunk.result;
    if (result.error.has_value()) {
      // Its error's text names lines: parse the chunk again (it stops at the same row) knowing
      // its first line. Its output is of no more use, so being written again does no harm.
      result = CsvChunkParser(path, layout, only)
                   .parse(chunk.rows, file_end, first_line, chunk.out, chunk.capacity);
    } else {
      for (auto& [symbol, seen] : result.symbols) {
        seen.first_line += first_line - 1;
        seen.last_line += first_line - 1;
      }
    }
    std::optional<Error> error = std::move(result.error);
    std::size_t error_line =
        error.has_value() ? result.error_line : std::numeric_limits<std::size_t>::max();
    for (const auto& [symbol, seen] : result.symbols) {
      const auto before = joined.find(symbol);
      if (before == joined.end() || seen.first_day > before->second.last_day ||
          seen.first_line >= error_line) {
        continue;
      }
      error = csv_session_order_error(path, seen.first_line, symbol, seen.first_day,
                                      before->second.last_day, before->second.last_line);
      error_line = seen.first_line;
    }
    if (error.has_value()) return *std::move(error);

    for (auto& [symbol, seen] : result.symbols) {
      auto it = joined.find(symbol);
      if (it == joined.end()) {
        it = joined.emplace(symbol, JoinedSymbol{}).first;
        it->second.keep = seen.keep;
      }
      JoinedSymbol& into = it->second;
      into.last_day = seen.last_day;
      into.last_line = seen.last_line;
      for (const BarRun& run : seen.runs) {
        into.pieces.emplace_back(chunk.out + run.begin, run.end - run.begin);
        into.bars += run.end - run.begin;
      }
    }
    rows += result.rows;
    first_line += result.lines;
  }
  return {};
}

// The store of the kept symbols. A symbol whose bars are all in one piece keeps them where they
// are, in `regions`; the bars of the others (rows interleaved with other symbols', or cut by a
// seam) are gathered into one more region.
BarStore gather(const JoinedSymbols& joined, std::vector<AnonymousMemory> regions) {
  std::size_t scattered = 0;
  bool regions_used = false;
  for (const auto& [symbol, into] : joined) {
    if (!into.keep) continue;
    if (into.pieces.size() == 1) {
      regions_used = true;
    } else {
      scattered += into.bars;
    }
  }
  AnonymousMemory gathered = AnonymousMemory::allocate(scattered * sizeof(CompactBar));
  auto* next = reinterpret_cast<CompactBar*>(gathered.data());
  BarStore store;
  for (const auto& [symbol, into] : joined) {
    if (!into.keep) continue;
    if (into.pieces.size() == 1) {
      store.add(symbol, into.pieces.front());
      continue;
    }
    CompactBar* const first = next;
    for (const auto& piece : into.pieces) next = std::copy(piece.begin(), piece.end(), next);
    store.add(symbol, BarStore::Series(first, into.bars));
  }
  if (regions_used) {
    for (AnonymousMemory& region : regions) store.adopt(std::move(region));
  }
  store.adopt(std::move(gathered));
  return store;
}

}  // namespace

Result<BarStore> parse_csv_bars(std::string_view text, const std::string& path, CsvLayout layout,
                                const std::vector<std::string>& only_symbols,
                                const CsvParseOptions& options) {
  STRATUS_ASSIGN_OR_RETURN(const std::string_view body, body_after_header(text, path, layout));

  const std::vector<std::size_t> starts = chunk_starts(body, options);
  std::vector<Chunk> chunks(starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t stop = i + 1 < starts.size() ? starts[i + 1] : body.size();
    chunks[i].rows = body.substr(starts[i], stop - starts[i]);
  }
  const std::set<std::string, std::less<>> only(only_symbols.begin(), only_symbols.end());
  std::vector<AnonymousMemory> regions =
      parse_chunks(chunks, body, path, layout, only, std::max<std::size_t>(options.max_threads, 1));
  JoinedSymbols joined;
  std::size_t rows = 0;
  STRATUS_RETURN_IF_ERROR(
      join_chunks(chunks, path, layout, only, body.data() + body.size(), joined, rows));
  if (rows == 0) {
    return Error::invalid_input("no data rows after the header " + csv_quote(csv_header(layout)),
                                path);
  }
  std::string missing;
  for (const std::string& wanted : only) {
    if (!joined.contains(wanted)) {
      missing += missing.empty() ? "" : ", ";
      missing += csv_quote(wanted);
    }
  }
  if (!missing.empty()) {
    return Error::invalid_input(
        "only_symbols: expected symbols present in the file, not found: " + missing, path);
  }
  return gather(joined, std::move(regions));
}

}  // namespace stratus
