// Outbox delivery against the real SQLite outbox in a temporary directory, with scripted
// receivers: one that fails its first N attempts, one that fails half the time (seeded), one
// that asks to wait (Retry-After), and one that keeps every event but loses half its answers
// (Ambiguous). The clock is set by hand; jitter is fixed or scripted.
#include "functions/outbox_delivery.h"

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <random>
#include <set>

#include "adapters/clock/settable_clock.h"
#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/sqlite_outbox.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "functions/scripted_sink.h"

namespace stratus {
namespace {

using nlohmann::json;
using std::chrono::seconds;

Timestamp t(const char* text) { return *parse_utc_timestamp(text); }

const Timestamp kStart = t("2015-08-24T19:45:00Z");

json event(const std::string& id, const std::string& type = "order",
           const std::string& severity = "info") {
  return {{"event_id", id}, {"type", type}, {"severity", severity}, {"data", {{"n", id}}}};
}

DeliveryResult ok() { return DeliveryResult::delivered(); }
DeliveryResult down() {
  return DeliveryResult::failed(Error::unavailable("the receiver answered 503"));
}

ScriptedSink::Answer failing_first(int n) {
  return [n](int attempt, const json&) { return attempt <= n ? down() : ok(); };
}

class OutboxDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto outbox = SqliteOutbox::open(dir_.file("stratus.db"), clock_);
    ASSERT_TRUE(outbox.ok()) << outbox.error().to_string();
    outbox_ = std::move(outbox).value();
  }

  void enqueue(const std::string& sink, const std::string& id, Timestamp at = kStart) {
    auto added = outbox_->enqueue(sink, id, event(id).dump(), at);
    ASSERT_TRUE(added.ok() && *added) << sink << " " << id;
  }

  OutboxEntry entry(const std::string& sink, const std::string& id) {
    auto found = outbox_->find(sink, id);
    EXPECT_TRUE(found.ok() && found->has_value()) << sink << " " << id;
    return found.ok() && found->has_value() ? **found : OutboxEntry{};
  }

  OutboxDelivery delivery(std::vector<RemoteSink*> sinks, std::function<double()> jitter) {
    return OutboxDelivery(*outbox_, std::move(sinks), clock_, policy_, std::move(jitter));
  }

  TestTempDir dir_{"outbox-delivery"};
  SettableClock clock_{kStart};
  DeliveryPolicy policy_;  // 60 s base, 3600 s cap, 50 per sink, 120 s lease.
  std::unique_ptr<SqliteOutbox> outbox_;
};

std::function<double()> fixed(double value) {
  return [value] { return value; };
}

TEST(Routes, ARouteTakesItsTypesAtOrAboveItsSeverity) {
  const SinkRoute slack{"slack", {"order", "run_failed"}, Severity::kWarning};
  EXPECT_TRUE(routes_to(slack, event("r#1", "order", "warning")));
  EXPECT_TRUE(routes_to(slack, event("r#1", "run_failed", "error")));
  EXPECT_FALSE(routes_to(slack, event("r#1", "order", "info")));    // Below the severity.
  EXPECT_FALSE(routes_to(slack, event("r#1", "signal", "error")));  // Not one of its types.
  EXPECT_FALSE(routes_to(slack, event("r#1", "order", "loud")));    // Unknown severity.
  EXPECT_FALSE(routes_to(slack, json{{"type", "order"}}));          // No severity.
  EXPECT_FALSE(routes_to(slack, json{{"severity", "error"}}));      // No type.
  EXPECT_FALSE(routes_to(slack, json::array()));

  const SinkRoute everything{"sheets", {"order", "delivery"}, Severity::kDebug};
  EXPECT_TRUE(routes_to(everything, event("r#1", "order", "debug")));
  // Delivery events stay local, even when a route names them.
  EXPECT_FALSE(routes_to(everything, event("r#1", "delivery", "info")));
}

TEST(RetryDelay, DoublesFromTheBaseUpToTheCapThenTakesItsJitteredHalf) {
  const DeliveryPolicy policy;  // 60 s base, 3600 s cap.
  const double almost_one = std::nextafter(1.0, 0.0);
  // jitter 0: half the delay; jitter just below 1: the whole delay (rounded up).
  const std::vector<std::pair<int, std::int64_t>> delays = {
      {1, 60}, {2, 120}, {3, 240}, {4, 480}, {5, 960}, {6, 1920}, {7, 3600}, {8, 3600}};
  for (const auto& [attempts, delay] : delays) {
    EXPECT_EQ(retry_delay(policy, attempts, 0.0).count(), delay / 2) << attempts;
    EXPECT_EQ(retry_delay(policy, attempts, almost_one).count(), delay) << attempts;
    EXPECT_EQ(retry_delay(policy, attempts, 0.5).count(), delay * 3 / 4) << attempts;
  }
  EXPECT_EQ(retry_delay(policy, 100000, 0.0).count(), 1800);  // No overflow far out.
  EXPECT_EQ(retry_delay(policy, 0, 0.0).count(), 30);         // Counts as the first.
  // Jitter outside [0, 1) is clamped into it.
  EXPECT_EQ(retry_delay(policy, 1, -3.0).count(), 30);
  EXPECT_EQ(retry_delay(policy, 1, 7.0).count(), 60);
  EXPECT_EQ(retry_delay(policy, 1, std::nan("")).count(), 30);
  // Whole seconds, never zero.
  const DeliveryPolicy tiny{.retry_base = seconds(1), .retry_max = seconds(1)};
  EXPECT_EQ(retry_delay(tiny, 1, 0.0).count(), 1);
  EXPECT_EQ(retry_delay(tiny, 5, 0.9).count(), 1);
}

TEST_F(OutboxDeliveryTest, FailedAttemptsWaitAGrowingJitteredBackoffUntilOneSucceeds) {
  ScriptedSink slack("slack", failing_first(3));
  enqueue("slack", "r#1");
  auto engine = delivery({&slack}, fixed(0.5));

  json round = engine.deliver_due();
  EXPECT_EQ(round["slack"]["delivered"], 0);
  EXPECT_EQ(round["slack"]["failed"], 1);
  EXPECT_EQ(round["slack"]["pending"], 1);
  EXPECT_EQ(round["slack"]["error"], "event r#1: the receiver answered 503");
  OutboxEntry e = entry("slack", "r#1");
  EXPECT_EQ(e.attempts, 1);
  EXPECT_EQ(e.last_error, "the receiver answered 503");
  EXPECT_EQ(e.next_attempt_at, kStart + seconds(45));  // 60 s: 30 + 0.5 * 30.

  // Not due before then: nothing is tried.
  clock_.advance(seconds(44));
  round = engine.deliver_due();
  EXPECT_EQ(round["slack"], (json{{"delivered", 0}, {"failed", 0}, {"pending", 1}}));
  EXPECT_EQ(slack.calls.size(), 1u);

  clock_.advance(seconds(1));
  engine.deliver_due();
  EXPECT_EQ(entry("slack", "r#1").next_attempt_at, clock_.now() + seconds(90));  // 120 s.
  clock_.advance(seconds(90));
  engine.deliver_due();
  EXPECT_EQ(entry("slack", "r#1").next_attempt_at, clock_.now() + seconds(180));  // 240 s.
  clock_.advance(seconds(180));
  round = engine.deliver_due();
  EXPECT_EQ(round["slack"], (json{{"delivered", 1}, {"failed", 0}, {"pending", 0}}));
  e = entry("slack", "r#1");
  EXPECT_EQ(e.attempts, 4);
  EXPECT_EQ(e.delivered_at, std::optional<Timestamp>(clock_.now()));
  EXPECT_EQ(slack.accepted, std::vector<std::string>{"r#1"});
  EXPECT_EQ(slack.calls.size(), 4u);

  // Delivered is final: later rounds never offer it again.
  clock_.advance(seconds(86400));
  engine.deliver_due();
  EXPECT_EQ(slack.calls.size(), 4u);
}

TEST_F(OutboxDeliveryTest, TheBackoffStopsGrowingAtTheCap) {
  policy_.retry_base = seconds(60);
  policy_.retry_max = seconds(300);
  ScriptedSink slack("slack", [](int, const json&) { return down(); });
  enqueue("slack", "r#1");
  auto engine = delivery({&slack}, fixed(0.0));
  std::vector<std::int64_t> waits;
  for (int i = 0; i < 6; ++i) {
    engine.deliver_due();
    const Timestamp next = entry("slack", "r#1").next_attempt_at;
    waits.push_back((next - clock_.now()).count());
    clock_.set(next);
  }
  // Half of 60, 120, 240, then of the 300 s cap for good.
  EXPECT_EQ(waits, (std::vector<std::int64_t>{30, 60, 120, 150, 150, 150}));
  EXPECT_EQ(entry("slack", "r#1").attempts, 6);
}

TEST_F(OutboxDeliveryTest, EachFailureDrawsItsOwnJitter) {
  ScriptedSink slack("slack", [](int, const json&) { return down(); });
  ScriptedSink sheets("sheets", [](int, const json&) { return down(); });
  enqueue("slack", "r#1");
  enqueue("sheets", "r#1");
  std::deque<double> draws = {0.0, 0.9};
  int drawn = 0;
  auto engine = delivery({&slack, &sheets}, [&] {
    ++drawn;
    const double value = draws.front();
    draws.pop_front();
    return value;
  });
  engine.deliver_due();
  EXPECT_EQ(drawn, 2);
  EXPECT_EQ(entry("slack", "r#1").next_attempt_at, kStart + seconds(30));   // 30 + 0.0 * 30.
  EXPECT_EQ(entry("sheets", "r#1").next_attempt_at, kStart + seconds(57));  // 30 + 0.9 * 30.
}

TEST_F(OutboxDeliveryTest, RetryAfterIsRespectedWhenLongerThanTheBackoff) {
  int asked = 900;
  ScriptedSink slack("slack", [&](int, const json&) {
    return DeliveryResult::failed(Error::unavailable("the Slack webhook answered 429"),
                                  seconds(asked));
  });
  enqueue("slack", "r#1");
  auto engine = delivery({&slack}, fixed(0.5));
  engine.deliver_due();
  EXPECT_EQ(entry("slack", "r#1").next_attempt_at, kStart + seconds(900));

  // Waiting less than Retry-After tries nothing; at it, the next attempt goes out.
  clock_.set(kStart + seconds(899));
  engine.deliver_due();
  EXPECT_EQ(slack.calls.size(), 1u);
  clock_.set(kStart + seconds(900));
  asked = 10;  // Shorter than the backoff (120 s, jittered to 90): the backoff wins.
  engine.deliver_due();
  EXPECT_EQ(slack.calls.size(), 2u);
  EXPECT_EQ(entry("slack", "r#1").next_attempt_at, clock_.now() + seconds(90));
}

TEST_F(OutboxDeliveryTest, ASinkStopsAtItsFirstFailureWhileOtherSinksGoOn) {
  ScriptedSink slack("slack", [](int, const json&) { return down(); });
  ScriptedSink sheets("sheets", [](int, const json&) { return ok(); });
  for (const char* id : {"r#1", "r#2", "r#3"}) {
    enqueue("slack", id);
    enqueue("sheets", id);
  }
  auto engine = delivery({&slack, &sheets}, fixed(0.5));
  const json round = engine.deliver_due();
  EXPECT_EQ(round["slack"], (json{{"delivered", 0},
                                  {"failed", 1},
                                  {"pending", 3},
                                  {"error", "event r#1: the receiver answered 503"}}));
  EXPECT_EQ(round["sheets"], (json{{"delivered", 3}, {"failed", 0}, {"pending", 0}}));
  EXPECT_EQ(slack.calls, std::vector<std::string>{"r#1"});  // Not hammered.
  EXPECT_EQ(sheets.accepted, (std::vector<std::string>{"r#1", "r#2", "r#3"}));
  // The entries behind the failure were not touched.
  EXPECT_EQ(entry("slack", "r#2").attempts, 0);
  EXPECT_EQ(entry("slack", "r#3").next_attempt_at, kStart);
}

TEST_F(OutboxDeliveryTest, ARoundDeliversAtMostMaxPerSinkOldestFirst) {
  policy_.max_per_sink = 2;
  ScriptedSink slack("slack", [](int, const json&) { return ok(); });
  for (int i = 5; i >= 1; --i) enqueue("slack", "r#" + std::to_string(i));
  auto engine = delivery({&slack}, fixed(0.5));
  EXPECT_EQ(engine.deliver_due()["slack"], (json{{"delivered", 2}, {"failed", 0}, {"pending", 3}}));
  EXPECT_EQ(engine.deliver_due()["slack"], (json{{"delivered", 2}, {"failed", 0}, {"pending", 1}}));
  EXPECT_EQ(engine.deliver_due()["slack"], (json{{"delivered", 1}, {"failed", 0}, {"pending", 0}}));
  EXPECT_EQ(slack.accepted, (std::vector<std::string>{"r#1", "r#2", "r#3", "r#4", "r#5"}));
}

TEST_F(OutboxDeliveryTest, PendingCountsEntriesNotDueYetAndOnlyConfiguredSinksAreServed) {
  ScriptedSink slack("slack", [](int, const json&) { return ok(); });
  enqueue("slack", "r#1");
  enqueue("slack", "r#2", kStart + seconds(600));  // Not due yet.
  enqueue("teams", "r#1");                         // No such sink configured: kept.
  auto engine = delivery({&slack}, fixed(0.5));
  const json round = engine.deliver_due();
  EXPECT_EQ(round, (json{{"slack", {{"delivered", 1}, {"failed", 0}, {"pending", 1}}}}));
  EXPECT_EQ(entry("teams", "r#1").attempts, 0);
}

TEST_F(OutboxDeliveryTest, APayloadThatIsNotJsonFailsAloneWithoutStoppingItsSink) {
  ScriptedSink slack("slack", [](int, const json&) { return ok(); });
  ASSERT_TRUE(*outbox_->enqueue("slack", "r#1", "{not json", kStart));
  enqueue("slack", "r#2");
  auto engine = delivery({&slack}, fixed(0.5));
  const json round = engine.deliver_due();
  EXPECT_EQ(round["slack"]["delivered"], 1);
  EXPECT_EQ(round["slack"]["failed"], 1);
  EXPECT_EQ(slack.calls, std::vector<std::string>{"r#2"});
  const OutboxEntry bad = entry("slack", "r#1");
  EXPECT_EQ(bad.last_error, "the outbox payload is not JSON");
  EXPECT_EQ(bad.delivered_at, std::nullopt);
}

TEST_F(OutboxDeliveryTest, EveryEntryReachesFlakyReceiversExactlyOnceInOrder) {
  // Two receivers, each failing half the time from a seeded generator: one refuses outright
  // (Unavailable, nothing kept), one keeps the event but loses the answer (Ambiguous), so the
  // outbox must send it again and the receiver drops the repeat by event id.
  std::mt19937 random(20150824);
  std::bernoulli_distribution coin(0.5);
  ScriptedSink flaky("slack", [&](int, const json&) { return coin(random) ? ok() : down(); });
  ScriptedSink lossy("sheets", [&](int, const json&) {
    return coin(random) ? ok() : DeliveryResult::failed(Error::ambiguous("the answer was lost"));
  });
  std::vector<std::string> ids;
  for (int run = 1; run <= 3; ++run) {
    for (int n = 1; n <= 12; ++n) {
      const std::string id = "run" + std::to_string(run) + "#" + std::to_string(n);
      ids.push_back(id);
      enqueue("slack", id, kStart + seconds(run));
      enqueue("sheets", id, kStart + seconds(run));
    }
  }
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto engine = delivery({&flaky, &lossy}, [&] { return unit(random); });
  int rounds = 0;
  for (; rounds < 500; ++rounds) {
    const json round = engine.deliver_due();
    for (const char* sink : {"slack", "sheets"}) {
      // Only the receivers fail here ("event <id>: ..."), never the outbox.
      ASSERT_EQ(round[sink].value("error", "event ").rfind("event ", 0), 0u) << round.dump();
    }
    if (round["slack"]["pending"] == 0 && round["sheets"]["pending"] == 0) break;
    clock_.advance(seconds(3600));  // The backoff cap: every failed entry is due again.
  }
  ASSERT_LT(rounds, 500) << "entries were still pending after 500 rounds";
  EXPECT_GT(rounds, 3) << "the receivers should have failed along the way";

  // The receivers hold every event once, in the order the runs recorded them.
  EXPECT_EQ(flaky.kept, ids);
  EXPECT_EQ(lossy.kept, ids);
  // An accepted event was never sent again.
  EXPECT_EQ(flaky.accepted, ids);
  EXPECT_EQ(lossy.accepted, ids);
  EXPECT_GT(lossy.calls.size(), ids.size()) << "some events should have been sent twice";
  for (const std::string& id : ids) {
    for (const char* sink : {"slack", "sheets"}) {
      const OutboxEntry e = entry(sink, id);
      EXPECT_TRUE(e.delivered_at.has_value()) << sink << " " << id;
    }
  }
}

TEST_F(OutboxDeliveryTest, AnUnreadableOutboxIsReportedNotThrown) {
  ScriptedSink slack("slack", [](int, const json&) { return ok(); });
  ScriptedSink sheets("sheets", [](int, const json&) { return ok(); });
  enqueue("slack", "r#1");
  auto other = Database::open(dir_.file("stratus.db"));
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->exec("DROP TABLE outbox").ok());  // The storage breaks under the run.

  auto engine = delivery({&slack, &sheets}, fixed(0.5));
  json round;
  ASSERT_NO_THROW(round = engine.deliver_due());
  for (const char* sink : {"slack", "sheets"}) {
    EXPECT_EQ(round[sink]["delivered"], 0) << round.dump();
    EXPECT_EQ(round[sink]["pending"], 0) << round.dump();
    const std::string error = round[sink].value("error", "");
    EXPECT_NE(error.find("reading the outbox"), std::string::npos) << error;
    EXPECT_NE(error.find("no such table: outbox"), std::string::npos) << error;
  }
  EXPECT_TRUE(slack.calls.empty());
}

TEST_F(OutboxDeliveryTest, ALockedOutboxStopsTheSinkBeforeSendingAndSaysWhy) {
  ScriptedSink slack("slack", [](int, const json&) { return ok(); });
  enqueue("slack", "r#1");
  // This run's connection waits at most 20 ms for a lock another process holds throughout.
  auto impatient = SqliteOutbox::open(dir_.file("stratus.db"), clock_,
                                      {.busy_timeout = std::chrono::milliseconds(20)});
  ASSERT_TRUE(impatient.ok());
  auto holder = Database::open(dir_.file("stratus.db"));
  ASSERT_TRUE(holder.ok());
  auto lock = (*holder)->begin_immediate();
  ASSERT_TRUE(lock.ok());

  OutboxDelivery engine(**impatient, {&slack}, clock_, policy_, fixed(0.5));
  const json round = engine.deliver_due();
  EXPECT_EQ(round["slack"]["delivered"], 0);
  EXPECT_EQ(round["slack"]["pending"], 1);  // Reads still work under WAL.
  const std::string error = round["slack"].value("error", "");
  EXPECT_NE(error.find("claiming event r#1"), std::string::npos) << error;
  EXPECT_NE(error.find("locked"), std::string::npos) << error;
  EXPECT_TRUE(slack.calls.empty()) << "nothing may be sent without a claim";
}

}  // namespace
}  // namespace stratus
