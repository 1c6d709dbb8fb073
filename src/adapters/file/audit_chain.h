// Verifying the chained audit log (format: audit_line.h): each line's own hash, the seq
// sequence and each line's link ("prev") to the line before, streamed line by line, reporting
// the first line that breaks the chain and how.
//
// What it proves: no line was edited (content or bytes), and none was deleted, inserted or
// moved anywhere except at the very end. What it cannot prove from the file alone: that no lines
// were removed from the END (a shorter chain is still a valid chain), nor that someone with the
// file did not rewrite it wholesale with fresh hashes. For those, compare the last seq and hash
// (and the last event id) with a copy kept elsewhere, e.g. the Google Sheet or a backup.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/file/canonical_json.h"
#include "domain/result.h"

namespace stratus {

// How a line breaks the chain, in the order the checks are made on each line.
enum class ChainBreakKind {
  kTornLine,          // The file's last line has no "\n": an interrupted write, or a cut file.
  kNotJson,           // The line is not a JSON object.
  kMissingField,      // "seq", "prev" or "hash" is missing or malformed.
  kContentEdited,     // "hash" does not match the line's content.
  kBytesEdited,       // Same content, but not the compact bytes the log writes.
  kSeqGap,            // seq above the expected one: lines deleted before it (or reordered).
  kSeqNotIncreasing,  // seq at or below the previous one: a line inserted (or reordered).
  kPrevMismatch,      // "prev" is not the hash of the previous line's bytes.
};

// A short name: "torn line", "not JSON", "missing field", "content edited", "bytes edited",
// "seq gap", "seq not increasing", "prev mismatch".
std::string_view chain_break_kind_name(ChainBreakKind kind);

// The first line that breaks the chain.
struct ChainBreak {
  std::uint64_t line = 0;  // 1-based line number in the file.
  ChainBreakKind kind = ChainBreakKind::kNotJson;
  std::string message;  // Starts with the kind's name, e.g. "seq gap: seq 7 where 5 ...".
};

// The intact chain read so far.
struct ChainState {
  std::uint64_t lines = 0;
  std::uint64_t last_seq = 0;    // 0 when no line was read.
  std::string last_hash;         // The last line's "hash"; empty when no line was read.
  std::string last_line_sha256;  // SHA-256 of the last line's bytes: the next line's "prev".
  std::string last_event_id;     // The last line's "event_id", when it has one.
  std::string last_recorded_at;  // The last line's "recorded_at", when it has one.
};

// Checks lines one at a time; keeps only the last line's digest.
class ChainVerifier {
 public:
  // `fast_path`: check lines that are already in canonical form without parsing them
  // (canonical_json.h); the verdicts are the same either way, only the speed differs (tests
  // compare the two).
  explicit ChainVerifier(bool fast_path = true) : fast_path_(fast_path) {}

  // Checks the next line (its bytes without "\n"; `terminated` false for a last line that has
  // no "\n"). Returns the break when this line breaks the chain, else extends state().
  // REQUIRES: no earlier call returned a break.
  std::optional<ChainBreak> add(std::string_view line, bool terminated = true);

  // The intact chain up to the last line added without a break.
  const ChainState& state() const { return state_; }

  // How many lines the fast path accepted (the rest were parsed).
  std::uint64_t fast_lines() const { return fast_lines_; }

 private:
  bool fast_path_;
  ChainState state_;
  std::uint64_t fast_lines_ = 0;
  std::vector<JsonMember> members_;  // Reused from line to line.
};

// The verdict on a whole file: the intact chain up to the first break (all of it when there
// is none), and the break.
struct ChainVerdict {
  ChainState intact;
  std::optional<ChainBreak> broken;
};

// Verifies the log at `path`, streaming it. An empty file is an intact chain of 0 lines.
// Errors (the file could not be read, not a broken chain): NotFound (no such file),
// InvalidInput (a directory, not readable, a line longer than LineReader::kMaxLineBytes),
// Unavailable (a read failed); each names the path.
Result<ChainVerdict> verify_audit_log(const std::string& path);

}  // namespace stratus
