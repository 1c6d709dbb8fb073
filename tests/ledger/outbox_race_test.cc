// Outbox claims under real concurrency: 16 processes open the same SQLite file at once, each
// reads the same due entries of two sinks and tries to claim every one, marking its wins
// delivered. Every entry must be claimed by exactly one process, once, and end delivered.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/sqlite/sqlite_outbox.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "forked_race.h"

namespace stratus {
namespace {

constexpr int kProcesses = 16;
constexpr int kEntriesPerSink = 20;
const std::vector<std::string> kSinks = {"sheets", "slack"};

class FixedClock : public Clock {
 public:
  Timestamp now() const override { return *parse_utc_timestamp("2015-08-24T19:45:00Z"); }
};

void report(int fd, const std::string& line) {
  // One short write per line: atomic on a pipe (below PIPE_BUF), so lines never interleave.
  const ssize_t written = ::write(fd, line.data(), line.size());
  (void)written;
}

// The body of one child process: its exit code. Writes "C <sink> <id>" per claim won.
int run_child(int index, const std::filesystem::path& path, int out_fd) {
  const Timestamp now = FixedClock().now();
  auto outbox = SqliteOutbox::open(path, FixedClock());
  if (!outbox.ok()) {
    std::fprintf(stderr, "child %d: open: %s\n", index, outbox.error().to_string().c_str());
    return 3;
  }
  // Half the children walk the sinks in the other order, so they collide from both ends.
  std::vector<std::string> sinks = kSinks;
  if (index % 2 == 1) std::swap(sinks[0], sinks[1]);
  for (const std::string& sink : sinks) {
    auto due = (*outbox)->due(sink, now, 1000);
    if (!due.ok()) {
      std::fprintf(stderr, "child %d: due: %s\n", index, due.error().to_string().c_str());
      return 4;
    }
    for (const OutboxEntry& entry : *due) {
      auto claimed = (*outbox)->claim(sink, entry.event_id, now, now + std::chrono::seconds(120));
      if (!claimed.ok()) {
        std::fprintf(stderr, "child %d: claim %s: %s\n", index, entry.event_id.c_str(),
                     claimed.error().to_string().c_str());
        return 5;
      }
      if (!*claimed) continue;
      report(out_fd, "C " + sink + " " + entry.event_id + "\n");
      if (auto marked = (*outbox)->mark_delivered(sink, entry.event_id, now); !marked.ok()) {
        std::fprintf(stderr, "child %d: mark_delivered: %s\n", index,
                     marked.error().to_string().c_str());
        return 6;
      }
    }
  }
  return 0;
}

void run_round(int round) {
  SCOPED_TRACE("round " + std::to_string(round));
  TestTempDir dir("outbox-race");
  const auto path = dir.file("stratus.db");
  {
    // Filled, then closed before forking: no child inherits an open connection.
    auto outbox = SqliteOutbox::open(path, FixedClock());
    ASSERT_TRUE(outbox.ok()) << outbox.error().to_string();
    for (const std::string& sink : kSinks) {
      for (int i = 1; i <= kEntriesPerSink; ++i) {
        const std::string id = "run-" + std::to_string(round) + "#" + std::to_string(i);
        ASSERT_TRUE(*(*outbox)->enqueue(sink, id, "{}", FixedClock().now()));
      }
    }
  }

  const std::string output = test::race_forked_children(
      kProcesses, [&](int index, int out_fd) { return run_child(index, path, out_fd); });

  std::map<std::string, int> claims;  // "<sink> <id>" -> claims won.
  std::istringstream in(output);
  std::string kind, sink, id;
  while (in >> kind >> sink >> id) ++claims[sink + " " + id];
  EXPECT_EQ(claims.size(), kSinks.size() * kEntriesPerSink) << output;
  for (const auto& [entry, count] : claims) EXPECT_EQ(count, 1) << entry << " claimed " << count;

  auto outbox = SqliteOutbox::open(path, FixedClock());
  ASSERT_TRUE(outbox.ok());
  auto pending = (*outbox)->pending();
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty()) << pending->size() << " entries left undelivered";
  for (const std::string& s : kSinks) {
    for (int i = 1; i <= kEntriesPerSink; ++i) {
      auto entry = (*outbox)->find(s, "run-" + std::to_string(round) + "#" + std::to_string(i));
      ASSERT_TRUE(entry.ok() && entry->has_value());
      EXPECT_EQ((*entry)->attempts, 1) << (*entry)->event_id << " was claimed more than once";
    }
  }
}

TEST(OutboxRace, SixteenProcessesClaimEveryEntryExactlyOnce) {
  for (int round = 0; round < 3; ++round) {
    run_round(round);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace stratus
