// The chained audit line format (see audit_line.h).
#include "adapters/file/audit_line.h"

#include <array>

#include "support/sha256.h"

namespace stratus {

std::string compact_dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string sha256_hex(std::string_view bytes) { return hex_lower(sha256(bytes)); }

bool is_sha256_hex(std::string_view text) {
  // A table and no early exit: branching per digit mispredicts on random hex.
  static constexpr auto kHex = [] {
    std::array<unsigned char, 256> table{};
    for (char c : std::string_view("0123456789abcdef")) table[static_cast<unsigned char>(c)] = 1;
    return table;
  }();
  if (text.size() != 64) return false;
  unsigned char all = 1;
  for (char c : text) all &= kHex[static_cast<unsigned char>(c)];
  return all == 1;
}

Result<std::string> chained_line(const nlohmann::json& event, std::uint64_t seq,
                                 std::string_view prev) {
  if (!event.is_object()) {
    return Error::invalid_input(std::string("an audit event must be a JSON object, got ") +
                                event.type_name());
  }
  // Re-read the writer's own dump, so every string holds what the line will hold (invalid
  // UTF-8 already replaced) and the verifier's dump of the parsed line gives the same bytes.
  nlohmann::json object = nlohmann::json::parse(compact_dump(event));
  object.erase("hash");
  object["seq"] = seq;
  object["prev"] = std::string(prev);
  object["hash"] = sha256_hex(compact_dump(object));
  return compact_dump(object);
}

std::optional<std::string> without_hash_member(std::string_view canonical_line,
                                               std::string_view hash) {
  // The last occurrence is the top-level member: a nested one would have to hold this very hash,
  // which depends on the nested value itself.
  const std::string member = "\"hash\":\"" + std::string(hash) + "\"";
  const std::size_t at = canonical_line.rfind(member);
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  std::string out(canonical_line);
  if (canonical_line[at - 1] == ',') {
    out.erase(at - 1, member.size() + 1);
  } else if (at + member.size() < canonical_line.size() &&
             canonical_line[at + member.size()] == ',') {
    out.erase(at, member.size() + 1);
  } else {
    out.erase(at, member.size());
  }
  return out;
}

}  // namespace stratus
