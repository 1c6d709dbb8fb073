// The Outbox contract: enqueue once per (sink, event id), due entries oldest first per sink,
// exclusive claims with leases, final deliveries, kept failures, the pending list and find.
// Backend-neutral: only the Outbox port is used (see outbox_contract_test.h for how a backend
// joins).
#include "outbox_contract_test.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace stratus {
namespace {

using std::chrono::seconds;

Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

const Timestamp kAt = t("2015-08-24T19:45:00Z");

#define ASSERT_OK(expr)                                             \
  do {                                                              \
    const auto& stratus_r_ = (expr);                                \
    ASSERT_TRUE(stratus_r_.ok()) << stratus_r_.error().to_string(); \
  } while (false)

std::string payload(const std::string& event_id) {
  return R"({"event_id":")" + event_id + R"(","type":"order","severity":"info"})";
}

void add(Outbox& outbox, const std::string& sink, const std::string& event_id, Timestamp at) {
  auto added = outbox.enqueue(sink, event_id, payload(event_id), at);
  ASSERT_OK(added);
  ASSERT_TRUE(*added) << sink << " " << event_id << " was not added";
}

std::vector<std::string> ids(const std::vector<OutboxEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.event_id);
  return out;
}

std::vector<std::string> due_ids(Outbox& outbox, const std::string& sink, Timestamp now,
                                 std::size_t limit = 100) {
  auto due = outbox.due(sink, now, limit);
  EXPECT_TRUE(due.ok()) << due.error().to_string();
  return due.ok() ? ids(*due) : std::vector<std::string>{"<error>"};
}

OutboxEntry found(Outbox& outbox, const std::string& sink, const std::string& event_id) {
  auto entry = outbox.find(sink, event_id);
  EXPECT_TRUE(entry.ok()) << entry.error().to_string();
  if (!entry.ok() || !entry->has_value()) {
    ADD_FAILURE() << "no entry (" << sink << ", " << event_id << ")";
    return {};
  }
  return **entry;
}

TEST_P(OutboxContractTest, AnEnqueuedEntryIsKeptExactlyAndDueAtOnce) {
  // Quotes, backslashes and non-ASCII text survive byte for byte.
  const std::string text = R"({"event_id":"r#1","data":{"note":"caf\u00e9 \"q\" \\ 日本"}})";
  auto added = outbox().enqueue("slack", "r#1", text, kAt);
  ASSERT_OK(added);
  EXPECT_TRUE(*added);

  const OutboxEntry entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.sink, "slack");
  EXPECT_EQ(entry.event_id, "r#1");
  EXPECT_EQ(entry.payload, text);
  EXPECT_EQ(entry.created_at, kAt);
  EXPECT_EQ(entry.attempts, 0);
  EXPECT_EQ(entry.next_attempt_at, kAt);
  EXPECT_EQ(entry.delivered_at, std::nullopt);
  EXPECT_EQ(entry.last_error, "");
  EXPECT_EQ(due_ids(outbox(), "slack", kAt), std::vector<std::string>{"r#1"});
}

TEST_P(OutboxContractTest, EnqueuingThePairAgainChangesNothing) {
  add(outbox(), "slack", "r#1", kAt);
  auto again = outbox().enqueue("slack", "r#1", R"({"other":true})", kAt + seconds(60));
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  const OutboxEntry entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.payload, payload("r#1"));
  EXPECT_EQ(entry.created_at, kAt);
  EXPECT_EQ(entry.next_attempt_at, kAt);

  // Even once delivered, the pair is never queued again.
  ASSERT_OK(outbox().mark_delivered("slack", "r#1", kAt));
  again = outbox().enqueue("slack", "r#1", payload("r#1"), kAt + seconds(120));
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  EXPECT_TRUE(due_ids(outbox(), "slack", kAt + seconds(120)).empty());

  // The same event for another sink is another entry.
  auto other_sink = outbox().enqueue("sheets", "r#1", payload("r#1"), kAt);
  ASSERT_OK(other_sink);
  EXPECT_TRUE(*other_sink);
}

TEST_P(OutboxContractTest, EnqueueRefusesAnEmptySinkEventIdOrPayload) {
  for (const auto& [sink, id, body] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"", "r#1", payload("r#1")}, {"slack", "", payload("")}, {"slack", "r#1", ""}}) {
    auto added = outbox().enqueue(sink, id, body, kAt);
    ASSERT_FALSE(added.ok()) << "(" << sink << ", " << id << ", " << body << ") was accepted";
    EXPECT_EQ(added.error().code, ErrorCode::kInvalidInput) << added.error().to_string();
  }
  auto pending = outbox().pending();
  ASSERT_OK(pending);
  EXPECT_TRUE(pending->empty());
}

TEST_P(OutboxContractTest, DueEntriesComeOldestFirstThenByEventIdWithNumbersByValue) {
  // Enqueued out of order: two runs, the later one first, its events shuffled.
  const Timestamp later = kAt + seconds(86400);
  for (const char* id : {"b#10", "b#2", "b#1"}) add(outbox(), "slack", id, later);
  for (const char* id : {"a#11", "a#9", "a#10", "a#1"}) add(outbox(), "slack", id, kAt);
  EXPECT_EQ(due_ids(outbox(), "slack", later),
            (std::vector<std::string>{"a#1", "a#9", "a#10", "a#11", "b#1", "b#2", "b#10"}));
  // Entries created after `now` are not due yet.
  EXPECT_EQ(due_ids(outbox(), "slack", later - seconds(1)),
            (std::vector<std::string>{"a#1", "a#9", "a#10", "a#11"}));
  EXPECT_TRUE(due_ids(outbox(), "slack", kAt - seconds(1)).empty());
}

TEST_P(OutboxContractTest, DueTakesAtMostTheLimitAndOnlyTheSinksOwnEntries) {
  for (int i = 1; i <= 7; ++i) add(outbox(), "slack", "r#" + std::to_string(i), kAt);
  for (int i = 1; i <= 3; ++i) add(outbox(), "sheets", "r#" + std::to_string(i), kAt);
  add(outbox(), "sns", "r#9", kAt);
  EXPECT_EQ(due_ids(outbox(), "slack", kAt, 3), (std::vector<std::string>{"r#1", "r#2", "r#3"}));
  EXPECT_EQ(due_ids(outbox(), "slack", kAt, 7).size(), 7u);
  EXPECT_EQ(due_ids(outbox(), "slack", kAt, 0).size(), 0u);
  EXPECT_EQ(due_ids(outbox(), "sheets", kAt), (std::vector<std::string>{"r#1", "r#2", "r#3"}));
  EXPECT_EQ(due_ids(outbox(), "sns", kAt), std::vector<std::string>{"r#9"});
  EXPECT_TRUE(due_ids(outbox(), "nobody", kAt).empty());
  // A sink whose name is a prefix of another's sees only its own entries.
  add(outbox(), "slack2", "r#1", kAt);
  EXPECT_EQ(due_ids(outbox(), "slack2", kAt), std::vector<std::string>{"r#1"});

  // The limit counts due entries: ones waiting for a later attempt do not use it up.
  ASSERT_OK(outbox().mark_failed("slack", "r#1", "down", kAt + seconds(600)));
  ASSERT_OK(outbox().mark_failed("slack", "r#2", "down", kAt + seconds(600)));
  EXPECT_EQ(due_ids(outbox(), "slack", kAt, 3), (std::vector<std::string>{"r#3", "r#4", "r#5"}));
}

TEST_P(OutboxContractTest, AClaimTakesTheEntryForItsLeaseAndCountsTheAttempt) {
  add(outbox(), "slack", "r#1", kAt);
  const Timestamp lease = kAt + seconds(120);
  auto claimed = outbox().claim("slack", "r#1", kAt, lease);
  ASSERT_OK(claimed);
  EXPECT_TRUE(*claimed);
  OutboxEntry entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.attempts, 1);
  EXPECT_EQ(entry.next_attempt_at, lease);
  EXPECT_EQ(entry.delivered_at, std::nullopt);

  // Taken: not due, and a second claim during the lease fails without counting.
  EXPECT_TRUE(due_ids(outbox(), "slack", kAt + seconds(119)).empty());
  auto again = outbox().claim("slack", "r#1", kAt + seconds(119), kAt + seconds(240));
  ASSERT_OK(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(found(outbox(), "slack", "r#1").attempts, 1);
}

TEST_P(OutboxContractTest, AnEntryNotDueYetCannotBeClaimed) {
  add(outbox(), "slack", "r#1", kAt);
  auto early = outbox().claim("slack", "r#1", kAt - seconds(1), kAt + seconds(120));
  ASSERT_OK(early);
  EXPECT_FALSE(*early);
  OutboxEntry entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.attempts, 0);
  EXPECT_EQ(entry.next_attempt_at, kAt);
}

TEST_P(OutboxContractTest, ALeaseThatRunsOutMakesTheEntryDueAgain) {
  // A run claimed it and died before saying how the delivery went.
  add(outbox(), "slack", "r#1", kAt);
  ASSERT_TRUE(*outbox().claim("slack", "r#1", kAt, kAt + seconds(120)));
  EXPECT_TRUE(due_ids(outbox(), "slack", kAt + seconds(119)).empty());
  EXPECT_EQ(due_ids(outbox(), "slack", kAt + seconds(120)), std::vector<std::string>{"r#1"});
  auto next = outbox().claim("slack", "r#1", kAt + seconds(120), kAt + seconds(240));
  ASSERT_OK(next);
  EXPECT_TRUE(*next);
  EXPECT_EQ(found(outbox(), "slack", "r#1").attempts, 2);
}

TEST_P(OutboxContractTest, ADeliveredEntryIsFinal) {
  add(outbox(), "slack", "r#1", kAt);
  add(outbox(), "slack", "r#2", kAt);
  ASSERT_TRUE(*outbox().claim("slack", "r#1", kAt, kAt + seconds(120)));
  const Timestamp delivered = kAt + seconds(5);
  ASSERT_OK(outbox().mark_delivered("slack", "r#1", delivered));

  OutboxEntry entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.delivered_at, std::optional<Timestamp>(delivered));
  EXPECT_EQ(entry.attempts, 1);
  const Timestamp much_later = kAt + seconds(86400);
  EXPECT_EQ(due_ids(outbox(), "slack", much_later), std::vector<std::string>{"r#2"});
  auto claim = outbox().claim("slack", "r#1", much_later, much_later + seconds(120));
  ASSERT_OK(claim);
  EXPECT_FALSE(*claim);

  // Idempotent: marking again keeps the first delivery time; a late failure changes nothing.
  ASSERT_OK(outbox().mark_delivered("slack", "r#1", kAt + seconds(60)));
  ASSERT_OK(outbox().mark_failed("slack", "r#1", "late failure", much_later));
  entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.delivered_at, std::optional<Timestamp>(delivered));
  EXPECT_EQ(entry.last_error, "");
  EXPECT_EQ(entry.next_attempt_at, kAt + seconds(120));
  EXPECT_EQ(entry.attempts, 1);
  EXPECT_EQ(due_ids(outbox(), "slack", much_later), std::vector<std::string>{"r#2"});

  // Delivered without a claim (another run's late answer) is final too.
  ASSERT_OK(outbox().mark_delivered("slack", "r#2", delivered));
  EXPECT_TRUE(due_ids(outbox(), "slack", much_later).empty());
}

TEST_P(OutboxContractTest, AFailureKeepsItsErrorAndWaitsForTheNextAttempt) {
  add(outbox(), "slack", "r#1", kAt);
  ASSERT_TRUE(*outbox().claim("slack", "r#1", kAt, kAt + seconds(120)));
  const Timestamp retry = kAt + seconds(300);
  ASSERT_OK(outbox().mark_failed("slack", "r#1", "the Slack webhook answered 503", retry));

  OutboxEntry entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.last_error, "the Slack webhook answered 503");
  EXPECT_EQ(entry.next_attempt_at, retry);
  EXPECT_EQ(entry.attempts, 1);
  EXPECT_EQ(entry.delivered_at, std::nullopt);
  EXPECT_TRUE(due_ids(outbox(), "slack", retry - seconds(1)).empty());
  EXPECT_EQ(due_ids(outbox(), "slack", retry), std::vector<std::string>{"r#1"});
  EXPECT_FALSE(*outbox().claim("slack", "r#1", retry - seconds(1), retry + seconds(120)));

  // The next attempt succeeds: delivered, and the last error is kept as history.
  ASSERT_TRUE(*outbox().claim("slack", "r#1", retry, retry + seconds(120)));
  ASSERT_OK(outbox().mark_delivered("slack", "r#1", retry + seconds(1)));
  entry = found(outbox(), "slack", "r#1");
  EXPECT_EQ(entry.attempts, 2);
  EXPECT_EQ(entry.delivered_at, std::optional<Timestamp>(retry + seconds(1)));
  EXPECT_EQ(entry.last_error, "the Slack webhook answered 503");
}

TEST_P(OutboxContractTest, PendingListsEverySinksUndeliveredEntriesOldestFirst) {
  const Timestamp later = kAt + seconds(3600);
  add(outbox(), "slack", "b#2", later);
  add(outbox(), "sheets", "a#10", kAt);
  add(outbox(), "slack", "a#2", kAt);
  add(outbox(), "sns", "a#1", kAt);
  add(outbox(), "sheets", "a#2", kAt);
  add(outbox(), "slack", "a#3", kAt);
  ASSERT_OK(outbox().mark_delivered("slack", "a#3", kAt));
  ASSERT_OK(outbox().mark_failed("sheets", "a#10", "refused", later + seconds(60)));

  auto pending = outbox().pending();
  ASSERT_OK(pending);
  std::vector<std::string> got;
  for (const auto& e : *pending) got.push_back(e.sink + " " + e.event_id);
  // Ties between sinks (same time, same id) come in sink order.
  EXPECT_EQ(got, (std::vector<std::string>{"sns a#1", "sheets a#2", "slack a#2", "sheets a#10",
                                           "slack b#2"}));
  for (const auto& e : *pending) {
    EXPECT_EQ(e.payload, payload(e.event_id));
    if (e.event_id == "a#10") {
      EXPECT_EQ(e.last_error, "refused");
      EXPECT_EQ(e.next_attempt_at, later + seconds(60));
    }
  }
}

TEST_P(OutboxContractTest, UnknownPairsAreNotFound) {
  add(outbox(), "slack", "r#1", kAt);
  auto entry = outbox().find("slack", "r#2");
  ASSERT_OK(entry);
  EXPECT_EQ(*entry, std::nullopt);
  entry = outbox().find("sheets", "r#1");
  ASSERT_OK(entry);
  EXPECT_EQ(*entry, std::nullopt);

  auto claim = outbox().claim("slack", "r#2", kAt, kAt + seconds(120));
  ASSERT_FALSE(claim.ok());
  EXPECT_EQ(claim.error().code, ErrorCode::kNotFound) << claim.error().to_string();
  auto delivered = outbox().mark_delivered("sheets", "r#1", kAt);
  ASSERT_FALSE(delivered.ok());
  EXPECT_EQ(delivered.error().code, ErrorCode::kNotFound) << delivered.error().to_string();
  auto failed = outbox().mark_failed("slack", "r#2", "x", kAt);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kNotFound) << failed.error().to_string();
  EXPECT_EQ(ids(*outbox().pending()), std::vector<std::string>{"r#1"});
}

TEST_P(OutboxContractTest, OfTwoClaimersOnlyOneWins) {
  add(outbox(), "slack", "r#1", kAt);
  std::shared_ptr<Outbox> other = store().connect();
  ASSERT_NE(other, nullptr);
  // Both saw the entry due.
  EXPECT_EQ(due_ids(*other, "slack", kAt), std::vector<std::string>{"r#1"});
  auto mine = outbox().claim("slack", "r#1", kAt, kAt + seconds(120));
  auto theirs = other->claim("slack", "r#1", kAt, kAt + seconds(120));
  ASSERT_OK(mine);
  ASSERT_OK(theirs);
  EXPECT_TRUE(*mine);
  EXPECT_FALSE(*theirs);
  EXPECT_EQ(found(*other, "slack", "r#1").attempts, 1);
}

// Eight threads, each with its own connection, all try to claim the same 24 due entries at once:
// every entry is claimed exactly once, and each winner's delivery is recorded.
TEST_P(OutboxContractTest, ConcurrentClaimersNeverShareAnEntry) {
  constexpr int kThreads = 8;
  constexpr int kEntries = 24;
  for (int i = 1; i <= kEntries; ++i) add(outbox(), "slack", "r#" + std::to_string(i), kAt);

  std::vector<std::shared_ptr<Outbox>> handles;
  for (int i = 0; i < kThreads; ++i) {
    handles.push_back(store().connect());
    ASSERT_NE(handles.back(), nullptr);
  }
  std::mutex mutex;
  std::map<std::string, int> wins;
  std::vector<std::string> failures;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      Outbox& mine = *handles[static_cast<std::size_t>(i)];
      ++ready;
      while (!go) std::this_thread::yield();
      auto due = mine.due("slack", kAt, kEntries);
      if (!due.ok()) {
        std::lock_guard<std::mutex> lock(mutex);
        failures.push_back("due: " + due.error().to_string());
        return;
      }
      for (const OutboxEntry& entry : *due) {
        auto claimed = mine.claim("slack", entry.event_id, kAt, kAt + seconds(120));
        Status marked;
        if (claimed.ok() && *claimed) marked = mine.mark_delivered("slack", entry.event_id, kAt);
        std::lock_guard<std::mutex> lock(mutex);
        if (!claimed.ok()) {
          failures.push_back(entry.event_id + ": " + claimed.error().to_string());
        } else if (*claimed) {
          ++wins[entry.event_id];
          if (!marked.ok()) failures.push_back(entry.event_id + ": " + marked.error().to_string());
        }
      }
    });
  }
  while (ready < kThreads) std::this_thread::yield();
  go = true;
  for (auto& thread : threads) thread.join();

  EXPECT_TRUE(failures.empty()) << ::testing::PrintToString(failures);
  EXPECT_EQ(wins.size(), static_cast<std::size_t>(kEntries));
  for (const auto& [id, count] : wins) EXPECT_EQ(count, 1) << id << " was claimed " << count;
  for (int i = 1; i <= kEntries; ++i) {
    const OutboxEntry entry = found(outbox(), "slack", "r#" + std::to_string(i));
    EXPECT_EQ(entry.attempts, 1) << entry.event_id;
    EXPECT_TRUE(entry.delivered_at.has_value()) << entry.event_id;
  }
  auto pending = outbox().pending();
  ASSERT_OK(pending);
  EXPECT_TRUE(pending->empty());
}

}  // namespace
}  // namespace stratus
