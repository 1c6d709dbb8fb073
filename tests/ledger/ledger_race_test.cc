// The monthly cap under real concurrency: 16 processes open the same fresh SQLite file at once
// (so the schema migrations race too) and reserve shares of one symbol for one month, reusing
// some client_order_ids across processes. The cap must hold, no id may be reserved twice, and
// every process must finish cleanly.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/sqlite_ledger.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "forked_race.h"

namespace stratus {
namespace {

constexpr int kProcesses = 16;
constexpr int kReservationsPerProcess = 6;
constexpr int kCap = 4;

class FixedClock : public Clock {
 public:
  Timestamp now() const override { return *parse_utc_timestamp("2015-08-24T19:45:00Z"); }
};

ReservationRequest request(const std::string& id, int desired) {
  ReservationRequest r;
  r.client_order_id = id;
  r.run_id = "race";
  r.symbol = "MSFT";
  r.session = *parse_date("2015-08-24");
  r.month = "2015-08";
  r.desired = Quantity(desired);
  r.price = *Money::parse("43.07");
  r.limits.monthly_shares = Quantity(kCap);
  r.policy = ExceedPolicy::kClip;
  r.at = FixedClock().now();
  return r;
}

void report(int fd, const std::string& line) {
  // One short write per line: atomic on a pipe (below PIPE_BUF), so lines never interleave.
  const ssize_t written = ::write(fd, line.data(), line.size());
  (void)written;
}

// The body of one child process. Returns its exit code; writes one line per reservation:
// "R <id> <qty>" (reserved), "E <id> <qty>" (already existed), "D <id>" (denied).
int run_child(int index, const std::filesystem::path& path, int out_fd) {
  auto ledger = SqliteLedger::open(path, FixedClock());
  if (!ledger.ok()) {
    std::fprintf(stderr, "child %d: open: %s\n", index, ledger.error().to_string().c_str());
    return 3;
  }
  for (int k = 0; k < kReservationsPerProcess; ++k) {
    // Even steps use ids every process shares; odd steps ids of this process only.
    const std::string id = (k % 2 == 0)
                               ? "shared-" + std::to_string(k / 2)
                               : "child-" + std::to_string(index) + "-" + std::to_string(k);
    auto out = (*ledger)->reserve(request(id, 1 + (index + k) % 2));
    if (!out.ok()) {
      std::fprintf(stderr, "child %d: reserve %s: %s\n", index, id.c_str(),
                   out.error().to_string().c_str());
      return 4;
    }
    switch (out->kind) {
      case ReservationOutcome::Kind::kReserved:
        report(out_fd, "R " + id + " " + out->order->qty.to_string() + "\n");
        break;
      case ReservationOutcome::Kind::kAlreadyExists:
        report(out_fd, "E " + id + " " + out->order->qty.to_string() + "\n");
        break;
      case ReservationOutcome::Kind::kDenied:
        report(out_fd, "D " + id + "\n");
        break;
    }
  }
  return 0;
}

void run_round(int round) {
  SCOPED_TRACE("round " + std::to_string(round));
  TestTempDir dir("race");
  const auto path = dir.file("stratus.db");

  const std::string output = test::race_forked_children(
      kProcesses, [&](int index, int out_fd) { return run_child(index, path, out_fd); });

  // What the children saw.
  std::map<std::string, int> reserved;  // id -> qty, from "R" lines.
  std::vector<std::pair<std::string, int>> existing;
  int lines = 0;
  std::istringstream in(output);
  std::string kind, id;
  while (in >> kind >> id) {
    ++lines;
    int qty = 0;
    if (kind != "D") in >> qty;
    if (kind == "R") {
      EXPECT_EQ(reserved.count(id), 0u) << id << " was reserved twice";
      reserved[id] = qty;
    } else if (kind == "E") {
      existing.emplace_back(id, qty);
    }
  }
  EXPECT_EQ(lines, kProcesses * kReservationsPerProcess) << output;

  // What the ledger holds.
  auto ledger = SqliteLedger::open(path, FixedClock());
  ASSERT_TRUE(ledger.ok()) << ledger.error().to_string();
  auto usage = (*ledger)->usage("MSFT", "2015-08");
  ASSERT_TRUE(usage.ok());
  EXPECT_LE(usage->shares_used.shares(), kCap);
  EXPECT_EQ(usage->shares_used.shares(), kCap) << "demand far exceeds the cap; it should fill";

  auto orders = (*ledger)->orders({});
  ASSERT_TRUE(orders.ok());
  std::set<std::string> ids;
  std::int64_t total = 0;
  for (const auto& order : *orders) {
    EXPECT_TRUE(ids.insert(order.client_order_id).second) << order.client_order_id;
    total += order.qty.shares();
    ASSERT_EQ(reserved.count(order.client_order_id), 1u) << order.client_order_id;
    EXPECT_EQ(reserved[order.client_order_id], order.qty.shares());
  }
  EXPECT_EQ(total, usage->shares_used.shares());
  EXPECT_EQ(orders->size(), reserved.size());
  for (const auto& [existing_id, qty] : existing) {
    ASSERT_EQ(reserved.count(existing_id), 1u) << existing_id << " existed but was never reserved";
    EXPECT_EQ(reserved[existing_id], qty);
  }

  // Each migration was applied exactly once, despite 16 concurrent first opens.
  auto db = open_stratus_database(path, FixedClock());
  ASSERT_TRUE(db.ok());
  auto versions = (*db)->prepare(
      "SELECT count(*), count(DISTINCT version), max(version) "
      "FROM schema_migrations");
  ASSERT_TRUE(versions.ok());
  ASSERT_TRUE(*versions->step());
  const auto known = static_cast<std::int64_t>(stratus_migrations().size());
  EXPECT_EQ(versions->column_int64(0), known);
  EXPECT_EQ(versions->column_int64(1), known);
  EXPECT_EQ(versions->column_int64(2), known);
}

TEST(LedgerRace, SixteenProcessesOnAFreshFileNeverExceedTheCap) {
  for (int round = 0; round < 3; ++round) {
    run_round(round);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace stratus
