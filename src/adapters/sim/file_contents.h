// FileContents: the uncompressed bytes of a market data file, obtained the cheapest way: an
// uncompressed regular file is mapped and parsed in place; anything that cannot be mapped (a
// pipe, an empty or special file) is read; gzip data is inflated into memory that grows as needed.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "adapters/sim/anonymous_memory.h"
#include "adapters/sim/mapped_file.h"
#include "domain/result.h"

namespace stratus {

class FileContents {
 public:
  // Reads the file at `path`. Gzip data is recognised by its magic bytes (1f 8b), whatever the
  // file is called; every member of a multi-member gzip file is inflated in turn, and bytes after
  // the last member that do not start another member are ignored (as zlib's gzread does).
  // Errors (all InvalidInput, context `path`): "cannot open market data file: <reason>",
  // "cannot read market data file: <reason>", "corrupt or unreadable gzip data: <detail>".
  static Result<FileContents> read(const std::string& path);

  FileContents() = default;

  // The uncompressed bytes; valid while this object lives.
  std::string_view text() const { return text_; }
  // True when text() points into a mapping of the file (not a copy).
  bool is_mapped() const { return !mapped_.bytes().empty(); }

 private:
  MappedFile mapped_;       // The file itself, when it could be mapped and is not gzip.
  AnonymousMemory buffer_;  // What was read or inflated, otherwise.
  std::string_view text_;
};

// Inflates gzip data (one or more members) into `out`, from its start, growing it as needed;
// sets `size` to the bytes produced. Returns an empty string on success, else what is wrong
// (zlib's message, or "unexpected end of file" for truncated data).
// Exposed for tests; FileContents::read is the normal way in.
std::string inflate_gzip(std::string_view compressed, AnonymousMemory& out, std::size_t& size);

}  // namespace stratus
