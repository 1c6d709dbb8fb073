// Verifying the chained audit log (see audit_chain.h).
#include "adapters/file/audit_chain.h"

#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/file/audit_line.h"
#include "adapters/file/canonical_json.h"
#include "adapters/file/line_reader.h"
#include "support/sha256.h"

namespace stratus {
namespace {

// `text` for a message: at most 80 characters, marked when shortened.
std::string shown(std::string_view text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

ChainBreak make_break(std::uint64_t line, ChainBreakKind kind, std::string_view detail) {
  return {line, kind, std::string(chain_break_kind_name(kind)) + ": " + std::string(detail)};
}

// What the checks of one line found, when it is sound on its own. Views point into the line
// or into the document parsed from it.
struct CheckedLine {
  std::uint64_t seq = 0;
  std::string_view prev;
  std::string_view hash;
  std::string line_sha256;  // Hex SHA-256 of the line's bytes: the next line's "prev".
  std::string_view event_id;
  std::string_view recorded_at;
};

// The hex member `name` of `object` into `out`, or a break naming what is wrong with it.
std::optional<ChainBreak> hex_member(const nlohmann::json& object, const char* name,
                                     std::uint64_t line, std::string_view& out) {
  const auto it = object.find(name);
  if (it == object.end()) {
    return make_break(line, ChainBreakKind::kMissingField,
                      std::string("no \"") + name + "\" (64 lowercase hex digits expected)");
  }
  if (!it->is_string() || !is_sha256_hex(it->get_ref<const std::string&>())) {
    return make_break(line, ChainBreakKind::kMissingField,
                      std::string("\"") + name + "\" is " + shown(compact_dump(*it)) +
                          ", expected 64 lowercase hex digits");
  }
  out = it->get_ref<const std::string&>();
  return std::nullopt;
}

std::string_view string_member(const nlohmann::json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

// The fast path: when `line` is canonical (canonical_json.h) and its content hash is right, its
// chain members, its SHA-256 and its display members; nullopt otherwise (then the exact path
// decides). Both hashes share the work of the bytes before the "hash" member.
std::optional<CheckedLine> check_canonical(std::string_view line,
                                           std::vector<JsonMember>& members) {
  if (!scan_canonical_object(line, members)) return std::nullopt;
  CheckedLine checked;
  const JsonMember* hash = nullptr;
  bool has_seq = false;
  for (const JsonMember& m : members) {
    const std::string_view value = m.value;
    const auto quoted_hex = [&value] {
      return value.size() == 66 && is_sha256_hex(value.substr(1, 64));
    };
    if (m.key == "hash") {
      if (!quoted_hex()) return std::nullopt;
      hash = &m;
      checked.hash = value.substr(1, 64);
    } else if (m.key == "prev") {
      if (!quoted_hex()) return std::nullopt;
      checked.prev = value.substr(1, 64);
    } else if (m.key == "seq") {
      if (value.empty() || value[0] < '1' || value[0] > '9') return std::nullopt;
      std::uint64_t seq = 0;
      for (char c : value) seq = seq * 10 + static_cast<std::uint64_t>(c - '0');
      checked.seq = seq;
      has_seq = true;
    } else if (m.key == "event_id" || m.key == "recorded_at") {
      if (value.front() != '"' || value.find('\\') != std::string_view::npos) return std::nullopt;
      (m.key == "event_id" ? checked.event_id : checked.recorded_at) =
          value.substr(1, value.size() - 2);
    }
  }
  if (hash == nullptr || checked.prev.empty() || !has_seq) return std::nullopt;

  // The line without the member: drop the comma before it, or after it when it comes first.
  const std::size_t member_end = hash->begin + 7 + 66;  // "hash": then the quoted value.
  std::size_t cut_begin = hash->begin, cut_end = member_end;
  if (line[cut_begin - 1] == ',') {
    --cut_begin;
  } else if (line[cut_end] == ',') {
    ++cut_end;
  }
  Sha256 content;
  content.update(line.substr(0, cut_begin));
  Sha256 whole(content);
  whole.update(line.substr(cut_begin));
  content.update(line.substr(cut_end));
  if (hex_lower(content.digest()) != checked.hash) return std::nullopt;
  checked.line_sha256 = hex_lower(whole.digest());
  return checked;
}

// The exact path: parses the line and dumps it again. Either the checked line or its break.
std::variant<CheckedLine, ChainBreak> check_parsed(std::string_view line, std::uint64_t number,
                                                   nlohmann::json& object) {
  object = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (object.is_discarded()) {
    return make_break(number, ChainBreakKind::kNotJson,
                      "the line is not valid JSON: " + shown(line));
  }
  if (!object.is_object()) {
    return make_break(
        number, ChainBreakKind::kNotJson,
        std::string("the line is a JSON ") + object.type_name() + ", expected an object");
  }
  const auto seq = object.find("seq");
  if (seq == object.end()) {
    return make_break(number, ChainBreakKind::kMissingField, "no \"seq\" (a positive integer)");
  }
  if (!seq->is_number_unsigned() || seq->get<std::uint64_t>() == 0) {
    return make_break(number, ChainBreakKind::kMissingField,
                      "\"seq\" is " + shown(compact_dump(*seq)) + ", expected a positive integer");
  }
  CheckedLine checked;
  checked.seq = seq->get<std::uint64_t>();
  if (auto broken = hex_member(object, "prev", number, checked.prev)) return *broken;
  if (auto broken = hex_member(object, "hash", number, checked.hash)) return *broken;

  // The canonical bytes of this content, and of it without "hash" (what "hash" covers).
  const std::string canonical = compact_dump(object);
  const std::optional<std::string> content = without_hash_member(canonical, checked.hash);
  const std::string computed = content ? sha256_hex(*content) : std::string();
  if (computed != checked.hash) {
    return make_break(number, ChainBreakKind::kContentEdited,
                      "the line's content hashes to " + computed + " but its \"hash\" is " +
                          std::string(checked.hash));
  }
  if (canonical != line) {
    return make_break(number, ChainBreakKind::kBytesEdited,
                      "the content matches its hash, but the bytes are not the compact JSON the "
                      "log writes (whitespace, escapes or member order changed)");
  }
  checked.line_sha256 = sha256_hex(line);
  checked.event_id = string_member(object, "event_id");
  checked.recorded_at = string_member(object, "recorded_at");
  return checked;
}

}  // namespace

std::string_view chain_break_kind_name(ChainBreakKind kind) {
  switch (kind) {
    case ChainBreakKind::kTornLine:
      return "torn line";
    case ChainBreakKind::kNotJson:
      return "not JSON";
    case ChainBreakKind::kMissingField:
      return "missing field";
    case ChainBreakKind::kContentEdited:
      return "content edited";
    case ChainBreakKind::kBytesEdited:
      return "bytes edited";
    case ChainBreakKind::kSeqGap:
      return "seq gap";
    case ChainBreakKind::kSeqNotIncreasing:
      return "seq not increasing";
    case ChainBreakKind::kPrevMismatch:
      return "prev mismatch";
  }
  return "unknown";
}

std::optional<ChainBreak> ChainVerifier::add(std::string_view line, bool terminated) {
  const std::uint64_t number = state_.lines + 1;
  if (!terminated) {
    return make_break(number, ChainBreakKind::kTornLine,
                      "the file does not end in a newline (an interrupted write, or the file "
                      "was cut); no line may follow a torn one");
  }
  nlohmann::json object;  // Owns the views of the exact path's result.
  std::optional<CheckedLine> sound;
  if (fast_path_) sound = check_canonical(line, members_);
  const bool took_fast_path = sound.has_value();
  if (!sound) {
    auto exact = check_parsed(line, number, object);
    if (auto* broken = std::get_if<ChainBreak>(&exact)) return std::move(*broken);
    sound = std::get<CheckedLine>(std::move(exact));
  }
  CheckedLine& checked = *sound;

  const std::uint64_t expected = state_.last_seq + 1;
  if (checked.seq > expected) {
    return make_break(number, ChainBreakKind::kSeqGap,
                      "seq " + std::to_string(checked.seq) + " where " + std::to_string(expected) +
                          " was expected (lines deleted before it, or lines reordered)");
  }
  if (checked.seq < expected) {
    return make_break(number, ChainBreakKind::kSeqNotIncreasing,
                      "seq " + std::to_string(checked.seq) + " where " + std::to_string(expected) +
                          " was expected (a line inserted or copied here, or lines reordered)");
  }
  const std::string_view expected_prev =
      state_.lines == 0 ? kGenesisPrev : std::string_view(state_.last_line_sha256);
  if (checked.prev != expected_prev) {
    const std::string prev(checked.prev);
    return make_break(
        number, ChainBreakKind::kPrevMismatch,
        state_.lines == 0
            ? "\"prev\" is " + prev +
                  " but the first line's must be 64 zeros (lines before it were removed, or it "
                  "was forged)"
            : "\"prev\" is " + prev + " but line " + std::to_string(state_.lines) + " hashes to " +
                  std::string(expected_prev) +
                  " (that line was altered, or a line was inserted or removed between them)");
  }

  if (took_fast_path) ++fast_lines_;
  state_.lines = number;
  state_.last_seq = checked.seq;
  state_.last_hash = checked.hash;
  state_.last_line_sha256 = std::move(checked.line_sha256);
  state_.last_event_id = checked.event_id;
  state_.last_recorded_at = checked.recorded_at;
  return std::nullopt;
}

Result<ChainVerdict> verify_audit_log(const std::string& path) {
  STRATUS_ASSIGN_OR_RETURN(LineReader reader, LineReader::open(path));
  ChainVerifier verifier;
  ChainVerdict verdict;
  FileLine line;
  for (;;) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader.next(line));
    if (!more) break;
    if (auto broken = verifier.add(line.bytes, line.terminated)) {
      verdict.broken = std::move(broken);
      break;
    }
  }
  verdict.intact = verifier.state();
  return verdict;
}

}  // namespace stratus
