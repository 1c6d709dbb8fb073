// The whole path to the webhook receivers: audit events of real run documents queued in the
// SQLite outbox for "sheets" and "slack", delivered by OutboxDelivery through SheetsSink and
// SlackSink over real sockets to the fake Apps Script web app (deploy/sheets/Code.gs) and the
// fake Slack, with the clock advanced between rounds:
//  - both receivers failing half their requests (500 or a dropped connection, seeded): every
//    event arrives, each event id exactly once in the sheet and in Slack;
//  - both receivers down for a simulated day, then up: nothing is lost, nothing repeated;
//  - Slack's Retry-After beyond the backoff decides the next attempt;
//  - no secret (Sheets secret, deployment id, Slack token) in any round's result or any outbox
//    row's last_error.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "adapters/clock/settable_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/sqlite/sqlite_outbox.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "adapters/webhook/sheets_sink.h"
#include "adapters/webhook/slack_sink.h"
#include "functions/outbox_delivery.h"
#include "sample_events.h"
#include "webhook_fakes.h"

namespace stratus {
namespace {

using namespace webhook_test;  // NOLINT: test helpers.
using Json = nlohmann::json;
using std::chrono::seconds;

const DeliveryPolicy kPolicy{.retry_base = seconds(60),
                             .retry_max = seconds(3600),
                             .max_per_sink = 50,
                             .lease = seconds(120)};

// 60 events: three trading days (10 each), two failing days (9 each), three weekends (4 each).
Json sixty_events() {
  Json all = Json::array();
  for (const Json& doc :
       {trading_day("2015-08-24"), trading_day("2015-08-25", "prod"), trading_day("2015-08-26"),
        failing_day("2015-08-27"), failing_day("2015-08-28", "prod"), closed_day("2015-08-29"),
        closed_day("2015-08-30"), closed_day("2015-09-05")}) {
    for (const Json& event : events_of(doc)) all.push_back(event);
  }
  return all;
}

class OutboxWebhooksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sheets_fake = start_apps_script({"--seed", "11"});
    slack_fake = start_slack({"--seed", "13"});
    ASSERT_NE(sheets_fake, nullptr);
    ASSERT_NE(slack_fake, nullptr);
    auto opened = SqliteOutbox::open(dir.path() / "stratus.db", clock);
    ASSERT_TRUE(opened.ok()) << opened.error().to_string();
    outbox = std::move(opened).value();
    sheets = std::make_unique<SheetsSink>(curl, clock, sheets_url(*sheets_fake), kSheetsSecret);
    slack = std::make_unique<SlackSink>(curl, clock, slack_url(*slack_fake));
    delivery = std::make_unique<OutboxDelivery>(*outbox,
                                                std::vector<RemoteSink*>{sheets.get(), slack.get()},
                                                clock, kPolicy, [] { return 0.5; });
  }

  // Queues each event for both sinks, as record does.
  void enqueue(const Json& events) {
    for (const Json& event : events) {
      for (const char* sink : {"sheets", "slack"}) {
        auto added =
            outbox->enqueue(sink, event["event_id"].get<std::string>(), event.dump(), clock.now());
        ASSERT_TRUE(added.ok()) << added.error().to_string();
      }
    }
  }

  // One delivery round; its result is kept for the secret check.
  Json round() {
    Json result = delivery->deliver_due();
    results.push_back(result);
    return result;
  }

  // Rounds, the clock moved past any backoff between them, until nothing is pending; the number
  // of rounds it took (fails the test after `limit`).
  int deliver_everything(int limit) {
    for (int rounds = 1; rounds <= limit; ++rounds) {
      const Json result = round();
      if (result["sheets"]["pending"] == 0 && result["slack"]["pending"] == 0) return rounds;
      clock.advance(kPolicy.retry_max + seconds(1));
    }
    ADD_FAILURE() << "still pending after " << limit << " rounds: " << results.back().dump();
    return limit;
  }

  // Each event of `events` is in the sheet exactly once, in the sheet its type belongs to.
  void expect_sheet_holds_each_once(const Json& events) {
    std::multiset<std::string> stored;
    for (const Json& row : sheet_rows(*sheets_fake, "EventIds")) stored.insert(row[0]);
    std::map<std::string, std::size_t> per_sheet;
    std::multiset<std::string> in_rows;
    for (const Json& event : events) {
      const std::string id = event["event_id"];
      EXPECT_EQ(stored.count(id), 1u) << id;
      const std::string type = event["type"];
      ++per_sheet[type == "order" || type == "order_update" ? "Trades"
                  : type == "run_summary"                   ? "Runs"
                                                            : "Events"];
    }
    for (const auto& [name, count] : per_sheet) {
      const Json rows = sheet_rows(*sheets_fake, name);
      EXPECT_EQ(rows.size(), count + 1) << name << " (header + one row per event)";
      const std::size_t id_column = name == "Trades" ? 2 : name == "Events" ? 3 : 1;
      std::set<std::string> seen;
      for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_TRUE(seen.insert(rows[i][id_column].get<std::string>()).second)
            << name << " repeats " << rows[i].dump();
      }
    }
    EXPECT_EQ(stored.size(), events.size() + 1) << "header + one id per event";
  }

  void expect_slack_holds_each_once(const Json& events) {
    const std::vector<std::string> ids = slack_event_ids(*slack_fake);
    const std::multiset<std::string> received(ids.begin(), ids.end());
    EXPECT_EQ(ids.size(), events.size());
    for (const Json& event : events) {
      EXPECT_EQ(received.count(event["event_id"].get<std::string>()), 1u) << event["event_id"];
    }
  }

  // No round result and no outbox row holds a secret; returns every error text seen.
  std::string expect_no_secret_anywhere() {
    std::string all;
    for (const Json& result : results) all += result.dump() + "\n";
    auto pending = outbox->pending();
    EXPECT_TRUE(pending.ok());
    if (pending.ok()) {
      for (const OutboxEntry& entry : *pending) all += entry.last_error + "\n";
    }
    for (const Json& event : sixty_events()) {
      for (const char* sink : {"sheets", "slack"}) {
        auto entry = outbox->find(sink, event["event_id"].get<std::string>());
        if (entry.ok() && entry->has_value()) all += (*entry)->last_error + "\n";
      }
    }
    expect_no_secret(all, "the delivery results and outbox rows");
    return all;
  }

  TestTempDir dir{"outbox-webhooks"};
  SettableClock clock{*parse_utc_timestamp("2015-08-24T20:00:00Z")};
  CurlHttpClient curl;
  std::unique_ptr<NodeFake> sheets_fake;
  std::unique_ptr<NodeFake> slack_fake;
  std::unique_ptr<SqliteOutbox> outbox;
  std::unique_ptr<SheetsSink> sheets;
  std::unique_ptr<SlackSink> slack;
  std::unique_ptr<OutboxDelivery> delivery;
  std::vector<Json> results;
};

TEST_F(OutboxWebhooksTest, HalfFailingReceiversGetEveryEventExactlyOnce) {
  const Json events = sixty_events();
  ASSERT_EQ(events.size(), 60u);
  enqueue(events);
  ASSERT_TRUE(sheets_fake->set_mode("half").ok());
  ASSERT_TRUE(slack_fake->set_mode("half").ok());

  deliver_everything(2000);

  int failed_attempts = 0;
  for (const Json& result : results) {
    failed_attempts += result["sheets"]["failed"].get<int>() + result["slack"]["failed"].get<int>();
  }
  EXPECT_GT(failed_attempts, 30) << "the receivers did fail";
  expect_sheet_holds_each_once(events);
  expect_slack_holds_each_once(events);
  const std::string errors = expect_no_secret_anywhere();
  EXPECT_NE(errors.find("the Sheets web app (127.0.0.1:"), std::string::npos) << errors;
  EXPECT_NE(errors.find("the Slack webhook (127.0.0.1:"), std::string::npos) << errors;
}

TEST_F(OutboxWebhooksTest, ADayLongOutageLosesNothing) {
  const Json events = sixty_events();
  ASSERT_TRUE(sheets_fake->set_mode("down").ok());
  ASSERT_TRUE(slack_fake->set_mode("down").ok());
  // The events come in over the day while both receivers are down; rounds run every 30 minutes.
  const Timestamp start = clock.now();
  std::size_t queued = 0;
  while (clock.now() < start + std::chrono::hours(24)) {
    if (queued < events.size()) {
      Json batch = Json::array();
      for (int i = 0; i < 15 && queued < events.size(); ++i) batch.push_back(events[queued++]);
      enqueue(batch);
    }
    const Json result = round();
    EXPECT_EQ(result["sheets"]["delivered"], 0);
    EXPECT_EQ(result["slack"]["delivered"], 0);
    clock.advance(seconds(1800));
  }
  ASSERT_EQ(queued, events.size());
  auto pending = outbox->pending();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->size(), 2 * events.size());
  EXPECT_TRUE(sheet_rows(*sheets_fake, "EventIds").empty());
  EXPECT_TRUE(slack_event_ids(*slack_fake).empty());
  const std::string errors = expect_no_secret_anywhere();
  EXPECT_NE(errors.find("HTTP 503"), std::string::npos) << errors;

  ASSERT_TRUE(sheets_fake->set_mode("up").ok());
  ASSERT_TRUE(slack_fake->set_mode("up").ok());
  deliver_everything(20);
  expect_sheet_holds_each_once(events);
  expect_slack_holds_each_once(events);
  expect_no_secret_anywhere();
}

TEST_F(OutboxWebhooksTest, SlacksRetryAfterDecidesTheNextAttempt) {
  const Json events = events_of(closed_day("2015-08-22"));
  enqueue(events);
  ASSERT_TRUE(slack_fake->set_mode("rate_limited", "retry_after=7200").ok());
  const Json first = round();
  EXPECT_EQ(first["slack"]["failed"], 1);
  EXPECT_EQ(first["sheets"]["delivered"], 4);
  auto entry = outbox->find("slack", events[0]["event_id"].get<std::string>());
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_EQ((*entry)->next_attempt_at, clock.now() + seconds(7200))
      << "Retry-After (2 h) beyond the backoff (60 s) decides";
  EXPECT_NE((*entry)->last_error.find("HTTP 429 rate_limited"), std::string::npos)
      << (*entry)->last_error;

  ASSERT_TRUE(slack_fake->set_mode("up").ok());
  clock.advance(seconds(7199));
  EXPECT_EQ(round()["slack"]["delivered"], 3) << "the entries the failure left untried";
  entry = outbox->find("slack", events[0]["event_id"].get<std::string>());
  ASSERT_TRUE(entry.ok() && entry->has_value());
  EXPECT_FALSE((*entry)->delivered_at.has_value()) << "not due before Retry-After has passed";
  clock.advance(seconds(1));
  EXPECT_EQ(round()["slack"]["delivered"], 1);
  expect_slack_holds_each_once(events);
  expect_no_secret_anywhere();
}

}  // namespace
}  // namespace stratus
