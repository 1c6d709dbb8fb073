// record against the real chained audit log and the real SQLite outbox in a temporary directory,
// with scripted receivers standing in for the remote sinks.
#include "functions/record.h"

#include <gtest/gtest.h>

#include <fstream>

#include "adapters/clock/settable_clock.h"
#include "adapters/file/audit_chain.h"
#include "adapters/file/jsonl_event_sink.h"
#include "adapters/sqlite/sqlite_outbox.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "functions/scripted_sink.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

std::vector<Json> read_lines(const std::filesystem::path& path) {
  std::vector<Json> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  return lines;
}

std::vector<std::string> types(const std::vector<Json>& lines) {
  std::vector<std::string> out;
  for (const Json& line : lines) out.push_back(line["type"]);
  return out;
}

Json doc_with_an_order(const char* at = "2015-08-24T19:45:00Z") {
  Json doc = testing::envelope(at);
  doc["market"] = {{"status", "open"}};
  doc["orders"] = Json::array({{{"client_order_id", "dip-AAPL-20150824-1"},
                                {"symbol", "AAPL"},
                                {"qty", 2},
                                {"state", "submitted"}}});
  return doc;
}

TEST(Record, WritesOneChainedEventPerDecision) {
  TestTempDir dir("record");
  const auto log = dir.path() / "audit" / "audit.jsonl";
  JsonlEventSink sink(log.string());
  SettableClock clock(testing::utc("2015-08-24T19:45:03Z"));
  Record step(sink, clock, {.alert_on = {}});
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["market"] = {{"status", "open"}};
  doc["signals"] = Json::array({{{"symbol", "AAPL"}}});
  doc["passed"] = {{{"symbol", "MSFT"}}, {{"symbol", "XOM"}}};
  doc["orders"] = Json::array({{{"client_order_id", "dip-AAPL-20150824-1"}}});
  Json out = testing::run_ok(step, doc);
  EXPECT_EQ(out["recorded"]["events"], 7);
  EXPECT_FALSE(out["recorded"].contains("outbox"));

  auto lines = read_lines(log);
  EXPECT_EQ(types(lines), (std::vector<std::string>{"run", "market_check", "signal", "no_signal",
                                                    "no_signal", "order", "run_summary"}));
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["event_id"], "2015-08-24T19:45:00Z/dev#" + std::to_string(i + 1));
    EXPECT_EQ(lines[i]["seq"], i + 1);
    EXPECT_EQ(lines[i]["run_id"], "2015-08-24T19:45:00Z/dev");
    EXPECT_EQ(lines[i]["profile"], "dev");
    EXPECT_EQ(lines[i]["at"], "2015-08-24T19:45:00Z");
    EXPECT_EQ(lines[i]["recorded_at"], "2015-08-24T19:45:03Z");
  }
  auto verdict = verify_audit_log(log.string());
  ASSERT_TRUE(verdict.ok()) << verdict.error().to_string();
  EXPECT_FALSE(verdict->broken.has_value());
  EXPECT_EQ(verdict->intact.lines, 7u);
}

TEST(Record, RecordsSkipsAndFailures) {
  TestTempDir dir("record");
  JsonlEventSink sink((dir.path() / "audit.jsonl").string());
  SettableClock clock(testing::utc("2015-08-22T19:45:00Z"));
  Record step(sink, clock, {.alert_on = {}});
  Json doc = testing::envelope("2015-08-22T19:45:00Z");
  doc["skipped"] = {{"step", "market-check"}, {"reason", "market closed: weekend"}};
  doc["failed"] = {{"step", "execute"}, {"code", "Internal"}, {"message", "x"}};
  testing::run_ok(step, doc);
  auto lines = read_lines(dir.path() / "audit.jsonl");
  EXPECT_EQ(types(lines),
            (std::vector<std::string>{"run", "skipped", "run_failed", "run_summary"}));
  EXPECT_EQ(lines[1]["data"]["reason"], "market closed: weekend");
  EXPECT_EQ(lines[3]["data"]["outcome"], "failed");
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

// A record step with two remote sinks: "slack" takes orders and alerts, "sheets" run summaries.
class RecordWithSinks : public ::testing::Test {
 protected:
  void SetUp() override {
    auto outbox = SqliteOutbox::open(dir_.file("stratus.db"), clock_);
    ASSERT_TRUE(outbox.ok()) << outbox.error().to_string();
    outbox_ = std::move(outbox).value();
    delivery_ =
        std::make_unique<OutboxDelivery>(*outbox_, std::vector<RemoteSink*>{&slack_, &sheets_},
                                         clock_, DeliveryPolicy{}, [] { return 0.0; });
  }

  Record step(bool deliver = true) {
    return Record(sink_, clock_,
                  {.alert_on = {"order_placed"},
                   .routes = {{"slack", {"order", "alert"}, Severity::kInfo},
                              {"sheets", {"run_summary"}, Severity::kDebug}},
                   .outbox = outbox_.get(),
                   .delivery = deliver ? delivery_.get() : nullptr});
  }

  std::vector<Json> lines() { return read_lines(log_); }

  TestTempDir dir_{"record-sinks"};
  std::filesystem::path log_ = dir_.path() / "audit.jsonl";
  JsonlEventSink sink_{log_.string()};
  SettableClock clock_{testing::utc("2015-08-24T19:45:03Z")};
  bool slack_down_ = false;
  ScriptedSink slack_{"slack", [this](int, const Json&) {
                        return slack_down_ ? DeliveryResult::failed(Error::unavailable("503"))
                                           : DeliveryResult::delivered();
                      }};
  ScriptedSink sheets_{"sheets", [](int, const Json&) { return DeliveryResult::delivered(); }};
  std::unique_ptr<SqliteOutbox> outbox_;
  std::unique_ptr<OutboxDelivery> delivery_;
};

TEST_F(RecordWithSinks, QueuesTheRoutedEventsThenDeliversThemAndRecordsTheRound) {
  auto record = step();
  Json out = testing::run_ok(record, doc_with_an_order());

  auto log = lines();
  EXPECT_EQ(types(log), (std::vector<std::string>{"run", "market_check", "order", "run_summary",
                                                  "alert", "delivery"}));
  const std::string run = "2015-08-24T19:45:00Z/dev#";
  EXPECT_EQ(slack_.accepted, (std::vector<std::string>{run + "3", run + "5"}));
  EXPECT_EQ(sheets_.accepted, (std::vector<std::string>{run + "4"}));
  EXPECT_EQ(out["recorded"]["events"], 6);
  EXPECT_EQ(out["recorded"]["outbox"]["slack"]["delivered"], 2);
  EXPECT_EQ(out["recorded"]["outbox"]["sheets"]["pending"], 0);

  const Json& delivery = log.back();
  EXPECT_EQ(delivery["event_id"], run + "6");
  EXPECT_EQ(delivery["severity"], "info");
  EXPECT_EQ(delivery["data"], out["recorded"]["outbox"]);
  // What a sink received is the audit line's event, id and all (without the chain members).
  auto queued = outbox_->find("slack", run + "3");
  ASSERT_TRUE(queued.ok() && queued->has_value());
  Json payload = Json::parse((*queued)->payload);
  EXPECT_EQ(payload["type"], "order");
  EXPECT_EQ(payload["data"], log[2]["data"]);
  EXPECT_FALSE(payload.contains("hash"));
}

TEST_F(RecordWithSinks, ASinkThatIsDownNeverFailsTheRunAndLosesNothing) {
  slack_down_ = true;
  auto record = step();
  Json out = testing::run_ok(record, doc_with_an_order());
  EXPECT_EQ(out["recorded"]["outbox"]["slack"]["failed"], 1);
  EXPECT_EQ(out["recorded"]["outbox"]["slack"]["pending"], 2);
  EXPECT_EQ(out["recorded"]["outbox"]["sheets"]["delivered"], 1);
  EXPECT_EQ(lines().back()["severity"], "warning");
  EXPECT_TRUE(slack_.kept.empty());

  // The next day's run delivers yesterday's events with its own once the receiver is back.
  slack_down_ = false;
  clock_.set(testing::utc("2015-08-25T19:45:03Z"));
  Json next = doc_with_an_order("2015-08-25T19:45:00Z");
  testing::run_ok(record, next);
  EXPECT_EQ(slack_.kept,
            (std::vector<std::string>{"2015-08-24T19:45:00Z/dev#3", "2015-08-24T19:45:00Z/dev#5",
                                      "2015-08-25T19:45:00Z/dev#3", "2015-08-25T19:45:00Z/dev#5"}));
  auto pending = outbox_->pending();
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
}

TEST_F(RecordWithSinks, ARepeatedRecordQueuesEachEventOnce) {
  auto record = step(/*deliver=*/false);
  testing::run_ok(record, doc_with_an_order());
  testing::run_ok(record, doc_with_an_order());  // e.g. Step Functions retried the step
  auto pending = outbox_->pending();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->size(), 3u);         // slack: order, alert; sheets: run_summary
  EXPECT_EQ(types(lines()).size(), 10u);  // the log keeps both attempts, chained
}

TEST_F(RecordWithSinks, NothingIsQueuedWhenTheAuditLogCannotBeWritten) {
  std::ofstream(dir_.path() / "file") << "x";
  JsonlEventSink broken((dir_.path() / "file" / "audit.jsonl").string());
  Record record(broken, clock_,
                {.routes = {{"slack", {"order"}, Severity::kDebug}},
                 .outbox = outbox_.get(),
                 .delivery = delivery_.get()});
  EXPECT_FALSE(record.run(doc_with_an_order()).ok());
  auto pending = outbox_->pending();
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->empty());
  EXPECT_TRUE(slack_.calls.empty());
}

}  // namespace
}  // namespace stratus
