#include "functions/record.h"

#include <gtest/gtest.h>

#include <fstream>
#include <optional>

#include "adapters/clock/settable_clock.h"
#include "adapters/file/jsonl_event_sink.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

std::vector<Json> read_lines(const std::filesystem::path& path) {
  std::vector<Json> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  return lines;
}

TEST(Record, WritesOneEventPerDecision) {
  TestTempDir dir("record");
  JsonlEventSink sink((dir.path() / "audit" / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-24T19:45:03Z"));
  Record step(sink, clock);
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["market"] = {{"status", "open"}};
  doc["signals"] = Json::array({{{"symbol", "AAPL"}}});
  doc["passed"] = {{{"symbol", "MSFT"}}, {{"symbol", "XOM"}}};
  doc["orders"] = Json::array({{{"client_order_id", "dip-AAPL-20150824-1"}}});
  Json out = testing::run_ok(step, doc);
  EXPECT_EQ(out["recorded"]["events"], 6);

  auto lines = read_lines(dir.path() / "audit" / "audit.jsonl");
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0]["type"], "run");
  EXPECT_EQ(lines[1]["type"], "market_check");
  EXPECT_EQ(lines[2]["type"], "signal");
  EXPECT_EQ(lines[5]["type"], "order");
  for (const Json& line : lines) {
    EXPECT_EQ(line["run_id"], "2015-08-24T19:45:00Z/dev");
    EXPECT_EQ(line["profile"], "dev");
    EXPECT_EQ(line["at"], "2015-08-24T19:45:00Z");
    EXPECT_EQ(line["recorded_at"], "2015-08-24T19:45:03Z");
  }
}

TEST(Record, RecordsSkipsAndFailures) {
  TestTempDir dir("record");
  JsonlEventSink sink((dir.path() / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-22T19:45:00Z"));
  Record step(sink, clock);
  Json doc = testing::envelope("2015-08-22T19:45:00Z");
  doc["skipped"] = {{"step", "market-check"}, {"reason", "market closed: weekend"}};
  doc["failed"] = {{"step", "execute"}, {"code", "Internal"}, {"message", "x"}};
  testing::run_ok(step, doc);
  auto lines = read_lines(dir.path() / "audit.jsonl");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1]["type"], "skipped");
  EXPECT_EQ(lines[1]["data"]["reason"], "market closed: weekend");
  EXPECT_EQ(lines[2]["type"], "run_failed");
}

TEST(Record, AnUnwritableLogFailsTheStep) {
  TestTempDir dir("record");
  std::ofstream(dir.path() / "file") << "x";
  JsonlEventSink sink((dir.path() / "file" / "audit.jsonl").string());  // parent is a file
  SettableClock clock(testing::utc("2015-08-24T19:45:00Z"));
  Record step(sink, clock);
  auto r = step.run(testing::envelope("2015-08-24T19:45:00Z"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

// An AlertPublisher that keeps what it is given and answers as told.
class KeepingPublisher final : public AlertPublisher {
 public:
  Result<std::string> publish(const Alert& alert) override {
    published.push_back(alert);
    if (failure) return *failure;
    return "msg-" + std::to_string(published.size());
  }
  std::vector<Alert> published;
  std::optional<Error> failure;
};

Json doc_with_an_order() {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["orders"] = Json::array({{{"client_order_id", "dip-AAPL-20150824-1"},
                                {"symbol", "AAPL"},
                                {"qty", 2},
                                {"state", "submitted"}}});
  return doc;
}

TEST(Record, AlertsAfterTheAuditLogAndRecordsTheOutcome) {
  TestTempDir dir("record");
  JsonlEventSink sink((dir.path() / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-24T19:45:03Z"));
  KeepingPublisher alerts;
  Record step(sink, clock, alerts, {"order_placed", "run_failed"});
  Json out = testing::run_ok(step, doc_with_an_order());
  ASSERT_EQ(alerts.published.size(), 1u);
  EXPECT_EQ(alerts.published[0].subject, "Stratus dev: bought AAPL");
  EXPECT_EQ(out["recorded"]["events"], 3);
  EXPECT_EQ(out["recorded"]["alert"]["sent"], true);
  EXPECT_EQ(out["recorded"]["alert"]["message_id"], "msg-1");
  auto lines = read_lines(dir.path() / "audit.jsonl");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1]["type"], "order");
  EXPECT_EQ(lines[2]["type"], "alert");
  EXPECT_EQ(lines[2]["data"]["kinds"], Json::array({"order_placed"}));
  EXPECT_EQ(lines[2]["run_id"], "2015-08-24T19:45:00Z/dev");
}

TEST(Record, AFailedAlertIsNotedAndTheRunStillSucceeds) {
  TestTempDir dir("record");
  JsonlEventSink sink((dir.path() / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-24T19:45:03Z"));
  KeepingPublisher alerts;
  alerts.failure = Error::unavailable("SNS: throttled");
  Record step(sink, clock, alerts, {"order_placed"});
  Json out = testing::run_ok(step, doc_with_an_order());
  EXPECT_EQ(out["recorded"]["alert"]["sent"], false);
  EXPECT_EQ(out["recorded"]["alert"]["error"]["code"], "Unavailable");
  auto lines = read_lines(dir.path() / "audit.jsonl");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2]["data"]["sent"], false);
}

TEST(Record, NoAlertWhenNothingAskedForHappened) {
  TestTempDir dir("record");
  JsonlEventSink sink((dir.path() / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-24T19:45:03Z"));
  KeepingPublisher alerts;
  Record step(sink, clock, alerts, {"run_failed"});
  Json out = testing::run_ok(step, doc_with_an_order());
  EXPECT_TRUE(alerts.published.empty());
  EXPECT_FALSE(out["recorded"].contains("alert"));
  EXPECT_EQ(read_lines(dir.path() / "audit.jsonl").size(), 2u);
}

TEST(Record, NoAlertIsSentWhenTheAuditLogCannotBeWritten) {
  TestTempDir dir("record");
  std::ofstream(dir.path() / "file") << "x";
  JsonlEventSink sink((dir.path() / "file" / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-24T19:45:00Z"));
  KeepingPublisher alerts;
  Record step(sink, clock, alerts, {"order_placed"});
  EXPECT_FALSE(step.run(doc_with_an_order()).ok());
  EXPECT_TRUE(alerts.published.empty());
}

}  // namespace
}  // namespace stratus
