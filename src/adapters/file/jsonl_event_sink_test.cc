// JsonlEventSink: each appended line carries seq, prev and hash exactly as the format defines
// them (recomputed here from SHA-256 itself); a torn or unchained file is never appended to;
// two processes appending at once make one intact chain.
#include "adapters/file/jsonl_event_sink.h"

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "adapters/file/audit_chain.h"
#include "adapters/file/audit_test_support.h"
#include "adapters/sqlite/test_temp_dir.h"

namespace stratus {
namespace {

using nlohmann::json;
using namespace audit_testing;

const std::string kZeros(64, '0');

json event(int n) {
  return {{"event_id", "2015-08-24T19:45:00Z/dev#" + std::to_string(n)},
          {"type", "signal"},
          {"severity", "info"},
          {"run_id", "2015-08-24T19:45:00Z/dev"},
          {"profile", "dev"},
          {"at", "2015-08-24T19:45:00Z"},
          {"recorded_at", "2015-08-24T19:45:03Z"},
          {"data", {{"symbol", "MSFT"}, {"price", "43.07"}, {"qty", n}, {"note", "ünïcødé"}}}};
}

TEST(JsonlEventSink, ChainsEachLineToTheOneBefore) {
  TestTempDir dir("audit");
  const std::string path = dir.file("sub/audit.jsonl").string();
  JsonlEventSink sink(path);
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(sink.append(event(n)).ok());

  const std::string bytes = read_bytes(path);
  ASSERT_FALSE(bytes.empty());
  EXPECT_EQ(bytes.back(), '\n');
  const std::vector<std::string> lines = read_lines(path);
  ASSERT_EQ(lines.size(), 3u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE("line " + std::to_string(i + 1));
    const json line = json::parse(lines[i]);
    EXPECT_EQ(line["seq"], i + 1);
    EXPECT_EQ(line["prev"], i == 0 ? kZeros : hex_lower(sha256(lines[i - 1])));
    EXPECT_EQ(line["hash"], expected_hash(line));
    EXPECT_EQ(lines[i], compact(line)) << "one compact line, keys sorted";
    json content = line;
    for (const char* member : {"seq", "prev", "hash"}) content.erase(member);
    EXPECT_EQ(content, event(static_cast<int>(i) + 1)) << "the event itself, unchanged";
  }
}

TEST(JsonlEventSink, AnotherSinkOnTheSameFileContinuesTheChain) {
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  ASSERT_TRUE(JsonlEventSink(path).append(event(1)).ok());
  ASSERT_TRUE(JsonlEventSink(path).append(event(2)).ok());
  const auto lines = read_lines(path);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(json::parse(lines[1])["seq"], 2);
  EXPECT_EQ(json::parse(lines[1])["prev"], hex_lower(sha256(lines[0])));
}

TEST(JsonlEventSink, ReplacesChainMembersAnEventBringsAndInvalidUtf8) {
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  JsonlEventSink sink(path);
  json e = event(1);
  e["seq"] = 99;
  e["prev"] = "x";
  e["hash"] = "y";
  e["data"]["note"] = std::string("bad \xff utf-8");
  ASSERT_TRUE(sink.append(e).ok());
  const json line = json::parse(read_lines(path).at(0));
  EXPECT_EQ(line["seq"], 1);
  EXPECT_EQ(line["prev"], kZeros);
  EXPECT_EQ(line["hash"], expected_hash(line));
  EXPECT_EQ(line["data"]["note"], "bad \xEF\xBF\xBD utf-8");
  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->broken) << verdict->broken->message;
}

TEST(JsonlEventSink, RefusesAnEventThatIsNotAnObject) {
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  auto status = JsonlEventSink(path).append(json::array({1, 2}));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(JsonlEventSink, NeverAppendsToATornFile) {
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  JsonlEventSink sink(path);
  ASSERT_TRUE(sink.append(event(1)).ok());
  ASSERT_TRUE(sink.append(event(2)).ok());
  const std::string whole = read_bytes(path);
  const std::string torn = whole.substr(0, whole.size() - 20);  // A write cut short.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << torn;

  auto status = sink.append(event(3));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(status.error().message.find("torn"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("stratus audit verify " + path), std::string::npos);
  EXPECT_EQ(read_bytes(path), torn) << "nothing appended";
}

TEST(JsonlEventSink, NeverAppendsAfterALineThatIsNotChained) {
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  const std::string old = "{\"type\":\"run\",\"run_id\":\"r\"}\n";  // A log from before the chain.
  std::ofstream(path, std::ios::binary) << old;
  auto status = JsonlEventSink(path).append(event(1));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(status.error().message.find("stratus audit verify"), std::string::npos);
  EXPECT_EQ(read_bytes(path), old);
}

TEST(JsonlEventSink, FindsTheLastLineOfALongLog) {
  // Lines longer than the backwards read, and many of them.
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  JsonlEventSink sink(path);
  for (int n = 1; n <= 5; ++n) {
    json e = event(n);
    e["data"]["padding"] = std::string(static_cast<std::size_t>(n) * 7000, 'p');
    ASSERT_TRUE(sink.append(e).ok());
  }
  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->broken) << verdict->broken->message;
  EXPECT_EQ(verdict->intact.lines, 5u);
}

// Appends `count` events as writer `writer`, waiting for the start signal on `start_fd` first.
[[noreturn]] void append_in_child(const std::string& path, int writer, int count, int start_fd) {
  char go = 0;
  if (::read(start_fd, &go, 1) != 1) std::_Exit(3);
  JsonlEventSink sink(path);
  for (int n = 0; n < count; ++n) {
    if (!sink.append({{"type", "signal"}, {"writer", writer}, {"n", n}}).ok()) std::_Exit(4);
  }
  std::_Exit(0);
}

TEST(JsonlEventSink, TwoProcessesAppendingAtOnceMakeOneChain) {
  TestTempDir dir("audit");
  const std::string path = dir.file("audit.jsonl").string();
  constexpr int kEach = 200;
  int start[2];
  ASSERT_EQ(::pipe(start), 0);
  std::vector<pid_t> children;
  for (int writer = 0; writer < 2; ++writer) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(start[1]);
      append_in_child(path, writer, kEach, start[0]);
    }
    children.push_back(pid);
  }
  ::close(start[0]);
  ASSERT_EQ(::write(start[1], "gg", 2), 2);  // Both start together.
  ::close(start[1]);
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }

  auto verdict = verify_audit_log(path);
  ASSERT_TRUE(verdict.ok()) << verdict.error().to_string();
  EXPECT_FALSE(verdict->broken) << verdict->broken->message;
  EXPECT_EQ(verdict->intact.lines, 2u * kEach);
  EXPECT_EQ(verdict->intact.last_seq, 2u * kEach);
  // Every event of each writer is there once, in the order it wrote them.
  std::map<int, std::vector<int>> seen;
  for (const std::string& line : read_lines(path)) {
    const json object = json::parse(line);
    seen[object["writer"].get<int>()].push_back(object["n"].get<int>());
  }
  ASSERT_EQ(seen.size(), 2u);
  for (const auto& [writer, ns] : seen) {
    ASSERT_EQ(ns.size(), static_cast<std::size_t>(kEach)) << "writer " << writer;
    for (int n = 0; n < kEach; ++n) EXPECT_EQ(ns[static_cast<std::size_t>(n)], n);
  }
}

}  // namespace
}  // namespace stratus
