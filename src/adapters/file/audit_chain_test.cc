// The audit chain verifier against tampering: a 10-line log written by JsonlEventSink, altered
// in every way the table below lists, must break at exactly the expected line with the expected
// kind; the one change a file alone cannot reveal (lines cut from the end) gives the shorter
// chain, whose last seq and hash differ from the original's.
#include "adapters/file/audit_chain.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "adapters/file/audit_test_support.h"
#include "adapters/file/jsonl_event_sink.h"
#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

using nlohmann::json;
using namespace audit_testing;
using Lines = std::vector<std::string>;

constexpr std::size_t kLines = 10;

// Ten events of one run, as record writes them.
Lines write_log(const std::string& path) {
  JsonlEventSink sink(path);
  const char* types[] = {"run",   "market_check", "signal",       "signal",      "no_signal",
                         "order", "order",        "order_update", "run_summary", "alert"};
  for (std::size_t i = 0; i < kLines; ++i) {
    json data = {{"symbol", i % 2 ? "MSFT" : "AAPL"}, {"qty", i + 1}, {"price", "43.07"}};
    const json e = {{"event_id", "2015-08-24T19:45:00Z/dev#" + std::to_string(i + 1)},
                    {"type", types[i]},
                    {"severity", "info"},
                    {"run_id", "2015-08-24T19:45:00Z/dev"},
                    {"profile", "dev"},
                    {"at", "2015-08-24T19:45:00Z"},
                    {"recorded_at", "2015-08-24T19:45:03Z"},
                    {"data", data}};
    EXPECT_TRUE(sink.append(e).ok());
  }
  Lines lines = read_lines(path);
  EXPECT_EQ(lines.size(), kLines);
  return lines;
}

// Line k (1-based) parsed, changed by `edit`, dumped compactly with its old hash kept.
std::string edited(const std::string& line, const std::function<void(json&)>& edit) {
  json object = json::parse(line);
  edit(object);
  return compact(object);
}

// Line `line` of the log with `edit` applied and its hash recomputed (a forger who knows the
// format), seq and prev kept.
std::string rehashed(const std::string& line, const std::function<void(json&)>& edit) {
  json object = json::parse(line);
  edit(object);
  object["hash"] = expected_hash(object);
  return compact(object);
}

struct Tampering {
  std::string name;
  std::function<std::string(Lines)> alter;  // Returns the file's new bytes.
  std::uint64_t line;                       // The expected break.
  ChainBreakKind kind;
};

std::string joined(const Lines& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// Applies `change` to the lines (0-based indexes) and joins them.
std::function<std::string(Lines)> on_lines(std::function<void(Lines&)> change) {
  return [change](Lines lines) {
    change(lines);
    return joined(lines);
  };
}

std::function<std::string(Lines)> edit_field(std::size_t k) {
  return on_lines(
      [k](Lines& l) { l[k - 1] = edited(l[k - 1], [](json& o) { o["data"]["qty"] = 1000; }); });
}

// The same JSON in other bytes: a space after the first ':'.
std::function<std::string(Lines)> add_space(std::size_t k) {
  return on_lines([k](Lines& l) { l[k - 1].insert(l[k - 1].find(':') + 1, " "); });
}

std::function<std::string(Lines)> erase_line(std::size_t k) {
  return on_lines([k](Lines& l) { l.erase(l.begin() + static_cast<std::ptrdiff_t>(k - 1)); });
}

// A verifier fed the lines of `bytes` (split as LineReader splits them).
struct Fed {
  std::optional<ChainBreak> broken;
  ChainState state;
  std::uint64_t fast_lines = 0;
};
Fed feed(const std::string& bytes, bool fast_path) {
  ChainVerifier verifier(fast_path);
  Fed fed;
  std::size_t begin = 0;
  while (begin < bytes.size() && !fed.broken) {
    const std::size_t end = bytes.find('\n', begin);
    const bool terminated = end != std::string::npos;
    const std::size_t stop = terminated ? end : bytes.size();
    fed.broken = verifier.add(std::string_view(bytes).substr(begin, stop - begin), terminated);
    begin = stop + 1;
  }
  fed.state = verifier.state();
  fed.fast_lines = verifier.fast_lines();
  return fed;
}

// Both paths must reach the same verdict, to the letter.
void expect_same_verdict(const Fed& fast, const Fed& exact) {
  ASSERT_EQ(fast.broken.has_value(), exact.broken.has_value());
  if (fast.broken) {
    EXPECT_EQ(fast.broken->line, exact.broken->line);
    EXPECT_EQ(fast.broken->kind, exact.broken->kind);
    EXPECT_EQ(fast.broken->message, exact.broken->message);
  }
  EXPECT_EQ(fast.state.lines, exact.state.lines);
  EXPECT_EQ(fast.state.last_seq, exact.state.last_seq);
  EXPECT_EQ(fast.state.last_hash, exact.state.last_hash);
  EXPECT_EQ(fast.state.last_line_sha256, exact.state.last_line_sha256);
  EXPECT_EQ(fast.state.last_event_id, exact.state.last_event_id);
  EXPECT_EQ(fast.state.last_recorded_at, exact.state.last_recorded_at);
}

std::vector<Tampering> tamperings() {
  using K = ChainBreakKind;
  return {
      {"edit a field of line 1", edit_field(1), 1, K::kContentEdited},
      {"edit a field of line 5", edit_field(5), 5, K::kContentEdited},
      {"edit a field of line 10", edit_field(10), 10, K::kContentEdited},
      {"edit seq of line 5 (hash kept)",
       on_lines([](Lines& l) { l[4] = edited(l[4], [](json& o) { o["seq"] = 6; }); }), 5,
       K::kContentEdited},
      {"add whitespace to line 1", add_space(1), 1, K::kBytesEdited},
      {"add whitespace to line 5", add_space(5), 5, K::kBytesEdited},
      {"add whitespace to line 10", add_space(10), 10, K::kBytesEdited},
      {"escape a character of line 5 (\\u0041 for A)", on_lines([](Lines& l) {
         const auto at = l[4].find("AAPL");
         l[4].replace(at, 1, "\\u0041");
       }),
       5, K::kBytesEdited},
      {"move the hash member of line 5 to the end", on_lines([](Lines& l) {
         const json o = json::parse(l[4]);
         json rest = o;
         rest.erase("hash");
         std::string text = compact(rest);
         text.insert(text.size() - 1, ",\"hash\":" + compact(o["hash"]));
         l[4] = text;
       }),
       5, K::kBytesEdited},
      {"CRLF line ends", on_lines([](Lines& l) {
         for (auto& line : l) line += "\r";
       }),
       1, K::kBytesEdited},
      {"delete line 1", erase_line(1), 1, K::kSeqGap},
      {"delete line 5", erase_line(5), 5, K::kSeqGap},
      {"delete line 9 (the last but one)", erase_line(9), 9, K::kSeqGap},
      {"delete lines 4 to 6", on_lines([](Lines& l) { l.erase(l.begin() + 3, l.begin() + 6); }), 4,
       K::kSeqGap},
      {"insert a copy of line 3 after line 6",
       on_lines([](Lines& l) { l.insert(l.begin() + 6, l[2]); }), 7, K::kSeqNotIncreasing},
      {"insert a copy of line 6 after itself",
       on_lines([](Lines& l) { l.insert(l.begin() + 6, l[5]); }), 7, K::kSeqNotIncreasing},
      {"insert a hand-made line as line 5", on_lines([](Lines& l) {
         l.insert(l.begin() + 4, R"({"event_id":"x#1","type":"order","data":{"symbol":"AAPL"}})");
       }),
       5, K::kMissingField},
      {"insert a hand-made line with a made-up hash as line 5", on_lines([](Lines& l) {
         const json o = {{"event_id", "x#1"},
                         {"type", "order"},
                         {"seq", 5},
                         {"prev", hex_lower(sha256(l[3]))},
                         {"hash", std::string(64, 'a')}};
         l.insert(l.begin() + 4, compact(o));
       }),
       5, K::kContentEdited},
      {"insert a forged line with correct seq, prev and hash as line 5", on_lines([](Lines& l) {
         json o = json::parse(l[3]);
         o["data"]["qty"] = 500;
         l.insert(l.begin() + 4, forge_line(o, 5, hex_lower(sha256(l[3]))));
       }),
       6, K::kSeqNotIncreasing},
      {"rewrite line 5 with a recomputed hash",
       on_lines([](Lines& l) { l[4] = rehashed(l[4], [](json& o) { o["data"]["qty"] = 500; }); }),
       6, K::kPrevMismatch},
      {"forge a first line whose prev is not zeros",
       on_lines([](Lines& l) { l[0] = forge_line(json::parse(l[0]), 1, std::string(64, 'f')); }), 1,
       K::kPrevMismatch},
      {"swap lines 3 and 7", on_lines([](Lines& l) { std::swap(l[2], l[6]); }), 3, K::kSeqGap},
      {"swap lines 4 and 5", on_lines([](Lines& l) { std::swap(l[3], l[4]); }), 4, K::kSeqGap},
      {"reverse the file", on_lines([](Lines& l) { std::reverse(l.begin(), l.end()); }), 1,
       K::kSeqGap},
      {"truncate line 6", on_lines([](Lines& l) { l[5].resize(l[5].size() / 2); }), 6, K::kNotJson},
      {"cut the file inside line 10",
       [](Lines l) {
         const std::string bytes = joined(l);
         return bytes.substr(0, bytes.size() - l[9].size() / 2);
       },
       10, K::kTornLine},
      {"remove the final newline",
       [](Lines l) {
         const std::string bytes = joined(l);
         return bytes.substr(0, bytes.size() - 1);
       },
       10, K::kTornLine},
      {"insert an empty line as line 4", on_lines([](Lines& l) { l.insert(l.begin() + 3, ""); }), 4,
       K::kNotJson},
      {"append text that is not JSON", on_lines([](Lines& l) { l.push_back("hello"); }), 11,
       K::kNotJson},
      {"replace line 2 with a JSON array", on_lines([](Lines& l) { l[1] = "[1,2]"; }), 2,
       K::kNotJson},
      {"make seq of line 3 a string (hash recomputed)",
       on_lines([](Lines& l) { l[2] = rehashed(l[2], [](json& o) { o["seq"] = "3"; }); }), 3,
       K::kMissingField},
      {"remove prev from line 8 (hash recomputed)",
       on_lines([](Lines& l) { l[7] = rehashed(l[7], [](json& o) { o.erase("prev"); }); }), 8,
       K::kMissingField},
      {"uppercase the hash of line 2", on_lines([](Lines& l) {
         l[1] = edited(l[1], [](json& o) {
           std::string h = o["hash"];
           std::transform(h.begin(), h.end(), h.begin(), ::toupper);
           o["hash"] = h;
         });
       }),
       2, K::kMissingField},
  };
}

TEST(AuditChain, AnUntouchedLogIsIntact) {
  TestTempDir dir("chain");
  const std::string path = dir.file("audit.jsonl").string();
  const Lines lines = write_log(path);
  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok()) << verdict.error().to_string();
  EXPECT_FALSE(verdict->broken) << verdict->broken->message;
  EXPECT_EQ(verdict->intact.lines, kLines);
  EXPECT_EQ(verdict->intact.last_seq, kLines);
  EXPECT_EQ(verdict->intact.last_hash, json::parse(lines.back())["hash"]);
  EXPECT_EQ(verdict->intact.last_event_id, "2015-08-24T19:45:00Z/dev#10");
  EXPECT_EQ(verdict->intact.last_recorded_at, "2015-08-24T19:45:03Z");
  const Fed fast = feed(joined(lines), true);
  EXPECT_EQ(fast.fast_lines, kLines) << "lines as the log writes them take the fast path";
  expect_same_verdict(fast, feed(joined(lines), false));
}

TEST(AuditChain, EachTamperingBreaksAtTheExpectedLine) {
  TestTempDir dir("chain");
  const std::string original = dir.file("audit.jsonl").string();
  const Lines lines = write_log(original);
  const std::string path = dir.file("tampered.jsonl").string();
  for (const Tampering& t : tamperings()) {
    SCOPED_TRACE(t.name);
    const std::string bytes = t.alter(lines);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
    expect_same_verdict(feed(bytes, true), feed(bytes, false));
    auto verdict = verify_audit_log(path);
    ASSERT_TRUE(verdict.ok()) << verdict.error().to_string();
    ASSERT_TRUE(verdict->broken) << "not detected";
    EXPECT_EQ(verdict->broken->line, t.line) << verdict->broken->message;
    EXPECT_EQ(verdict->broken->kind, t.kind) << verdict->broken->message;
    EXPECT_EQ(verdict->broken->message.rfind(chain_break_kind_name(t.kind), 0), 0u)
        << verdict->broken->message;
    EXPECT_EQ(verdict->intact.lines, t.line - 1) << "the intact part ends before the break";
  }
}

TEST(AuditChain, TheFastAndTheExactPathAgreeOnRandomDamage) {
  TestTempDir dir("chain");
  const std::string original = joined(write_log(dir.file("audit.jsonl").string()));
  std::mt19937 random(20150824);  // Fixed: the same damage on every run.
  const std::string alphabet = " \t\n\"\\{}[],:-0123456789abcdef.eEu/\xc3\xa9";
  int intact = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = original;
    const std::size_t at = random() % bytes.size();
    const char c = alphabet[random() % alphabet.size()];
    switch (random() % 3) {
      case 0:
        bytes[at] = c;
        break;
      case 1:
        bytes.insert(at, 1, c);
        break;
      default:
        bytes.erase(at, 1);
        break;
    }
    SCOPED_TRACE("round " + std::to_string(round));
    const Fed fast = feed(bytes, true);
    expect_same_verdict(fast, feed(bytes, false));
    if (!fast.broken) ++intact;
  }
  EXPECT_LT(intact, 30) << "almost every one-byte change must break the chain";
}

TEST(AuditChain, LinesCutFromTheEndLeaveAShorterIntactChain) {
  // The file alone cannot show this: the last seq and hash, compared with a copy kept
  // elsewhere, can.
  TestTempDir dir("chain");
  const std::string path = dir.file("audit.jsonl").string();
  Lines lines = write_log(path);
  const std::string original_last_hash = json::parse(lines.back())["hash"];
  lines.pop_back();
  write_lines(path, lines);
  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->broken);
  EXPECT_EQ(verdict->intact.lines, kLines - 1);
  EXPECT_EQ(verdict->intact.last_seq, kLines - 1);
  EXPECT_EQ(verdict->intact.last_hash, json::parse(lines.back())["hash"]);
  EXPECT_NE(verdict->intact.last_hash, original_last_hash);
}

TEST(AuditChain, ALastLineRewrittenWithAFreshHashShowsOnlyInTheLastHash) {
  TestTempDir dir("chain");
  const std::string path = dir.file("audit.jsonl").string();
  Lines lines = write_log(path);
  const std::string original_last_hash = json::parse(lines.back())["hash"];
  lines.back() = rehashed(lines.back(), [](json& o) { o["data"]["qty"] = 99; });
  write_lines(path, lines);
  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->broken);
  EXPECT_EQ(verdict->intact.last_seq, kLines);
  EXPECT_NE(verdict->intact.last_hash, original_last_hash);
}

TEST(AuditChain, AnEmptyFileIsAnEmptyChainAndAMissingOneAnError) {
  TestTempDir dir("chain");
  const std::string path = dir.file("audit.jsonl").string();
  write_lines(path, {});
  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->broken);
  EXPECT_EQ(verdict->intact.lines, 0u);
  EXPECT_EQ(verdict->intact.last_seq, 0u);
  auto missing = verify_audit_log(dir.file("none.jsonl").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(AuditChain, AVerifierFedLineByLineStopsAtTheFirstBreak) {
  TestTempDir dir("chain");
  const Lines lines = write_log(dir.file("audit.jsonl").string());
  ChainVerifier verifier;
  for (std::size_t i = 0; i < 4; ++i) EXPECT_FALSE(verifier.add(lines[i]));
  auto broken = verifier.add(lines[5]);  // Line 5 is missing.
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->line, 5u);
  EXPECT_EQ(broken->kind, ChainBreakKind::kSeqGap);
  EXPECT_EQ(broken->message,
            "seq gap: seq 6 where 5 was expected (lines deleted before it, or lines reordered)");
  EXPECT_EQ(verifier.state().lines, 4u);
  EXPECT_EQ(verifier.state().last_line_sha256, hex_lower(sha256(lines[3])));
}

}  // namespace
}  // namespace stratus
