// The line format of the chained audit log (docs/contracts/audit-event.v1.schema.json): each line
// is one compact JSON object, the event plus three members that chain it to the line before:
//   "seq"   1 on the file's first line, then the previous line's seq + 1;
//   "prev"  lowercase hex SHA-256 of the previous line's exact bytes (without its "\n"),
//           kGenesisPrev on the first line;
//   "hash"  lowercase hex SHA-256 of the compact dump of this line's object without "hash".
// The writer (jsonl_event_sink.h) and the verifier (audit_chain.h) share these definitions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/result.h"

namespace stratus {

// "prev" of the first line: 64 zeros.
inline constexpr std::string_view kGenesisPrev =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The compact dump the log writes: no spaces, object keys sorted (nlohmann's std::map order),
// UTF-8 as is, invalid UTF-8 replaced by U+FFFD. Never throws.
std::string compact_dump(const nlohmann::json& value);

// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// True when `text` is 64 lowercase hex digits (a "prev" or "hash" value).
bool is_sha256_hex(std::string_view text);

// The line (without "\n") that appends `event` to a log whose last line has seq `seq - 1` and
// hashes to `prev`: the event's members with "seq", "prev" and "hash" set (any the event already
// had are replaced). REQUIRES: seq >= 1, is_sha256_hex(prev). Errors: InvalidInput when `event`
// is not a JSON object.
Result<std::string> chained_line(const nlohmann::json& event, std::uint64_t seq,
                                 std::string_view prev);

// `canonical_line` (the compact dump of an object holding a string member "hash" whose value is
// `hash`) without that member: the bytes "hash" is the SHA-256 of. nullopt when the member is
// not in the text.
std::optional<std::string> without_hash_member(std::string_view canonical_line,
                                               std::string_view hash);

}  // namespace stratus
