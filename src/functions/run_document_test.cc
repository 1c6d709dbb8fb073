// The chain in process (Step::run_in_chain, verdicts held as values) against the JSON path
// (Step::run, the path of `stratus invoke` and the Lambda handlers): the same documents, the same
// ledger and the same audit events.
#include "functions/run_document.h"

#include <gtest/gtest.h>

#include <map>

#include "functions/check_limits.h"
#include "functions/evaluate.h"
#include "functions/execute.h"
#include "functions/record.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

using testing::weekday_bars;

constexpr const char* kLast = "2015-08-21";
constexpr const char* kMonday = "2015-08-24T19:45:00Z";

// Keeps every event whole, or (reads_data = false) only its id and type.
class KeepingSink final : public EventSink {
 public:
  explicit KeepingSink(bool reads_data) : reads_data_(reads_data) {}
  Status append(const Json& event) override {
    events.push_back(event);
    return {};
  }
  Status append_view(const AuditEventView& view) override {
    if (reads_data_) return append(view.to_json());
    const bool held =
        view.type == "signal" || view.type == "no_signal" || view.type == "cap_declined";
    if (held && !view.data.is_null()) held_data_seen = true;
    events.push_back({{"event_id", view.event_id}, {"type", view.type}});
    return {};
  }
  bool reads_event_data() const override { return reads_data_; }

  std::vector<Json> events;
  // A types-only visit handed the data of a signal, a pass or a decline.
  bool held_data_seen = false;

 private:
  bool reads_data_;
};

// Counts events by type, taking runs of one type in one view (AuditEventData::kTypeRuns).
class CountingSink final : public EventSink {
 public:
  Status append(const Json& event) override {
    counts[event.value("type", "")] += 1;
    return {};
  }
  Status append_view(const AuditEventView& view) override {
    counts[std::string(view.type)] += view.repeat;
    ++views;
    return {};
  }
  bool reads_event_data() const override { return false; }
  bool counts_types_only() const override { return true; }

  std::map<std::string, std::size_t> counts;
  std::size_t views = 0;
};

// One world with a symbol of every kind: a signal that is bought (AAPL, 20% down: 2 shares), one
// the cap declines (DEEP, 45% down: 3 shares, the cap is 2 and the policy skip), a symbol below
// the first tier (MSFT), one with too little history (XOM) and one the data does not have (ZZZ).
struct ChainWorld {
  explicit ChainWorld(bool sink_reads_data) : sink(sink_reads_data) {
    world.clock.set(testing::utc(kMonday));
    config.limits.monthly_share_cap = Quantity(2);
    config.limits.on_exceed = ExceedPolicy::kSkip;
  }
  testing::TestWorld world{{{"AAPL", weekday_bars(kLast, {"100", "99", "98", "95", "80"})},
                            {"DEEP", weekday_bars(kLast, {"100", "99", "98", "95", "55"})},
                            {"MSFT", weekday_bars(kLast, {"50", "50", "49", "48", "47"})},
                            {"XOM", weekday_bars(kLast, {"80", "79", "78"})}},
                           kMonday};
  Config config = testing::small_config({"AAPL", "DEEP", "MSFT", "XOM", "ZZZ"});
  KeepingSink sink;
  Evaluate evaluate{config, world.calendar, *world.data, world.clock};
  CheckLimits check_limits{config, *world.ledger, *world.broker};
  Execute execute{*world.ledger, *world.broker, world.clock};
  Record record{sink, world.clock};

  std::vector<Step*> steps() { return {&evaluate, &check_limits, &execute, &record}; }
};

// The document as market-check leaves it on an open Monday.
Json opened() {
  Json doc = testing::envelope(kMonday);
  doc["market"] = {{"session", "2015-08-24"}, {"status", "open"}};
  return doc;
}

Json through_json(ChainWorld& chain) {
  Json doc = opened();
  for (Step* step : chain.steps()) doc = testing::run_ok(*step, doc);
  return doc;
}

TEST(RunDocument, TheChainInProcessGivesTheDocumentAndEventsOfTheJsonPath) {
  ChainWorld by_json(true);
  ChainWorld in_process(true);
  const Json expected = through_json(by_json);

  RunDocument doc(opened());
  for (Step* step : in_process.steps()) ASSERT_TRUE(step->run_in_chain(doc).ok());
  // Nothing asked for the JSON of the sections held as values yet.
  EXPECT_NE(doc.verdicts(), nullptr);
  EXPECT_NE(doc.declines(), nullptr);
  EXPECT_EQ(doc.signal_count(), 2u);
  EXPECT_EQ(doc.verdicts()->size(), 5u);  // 2 signals, 3 passes.
  EXPECT_EQ(doc.declines()->size(), 1u);
  EXPECT_EQ(doc.json(), expected);
  EXPECT_EQ(doc.verdicts(), nullptr);
  EXPECT_EQ(doc.declines(), nullptr);
  // Every event's data, a signal's, a pass's and a decline's included.
  EXPECT_EQ(in_process.sink.events, by_json.sink.events);
  EXPECT_EQ(expected["signals"].size(), 2u);
  EXPECT_EQ(expected["orders"].size(), 1u);
  EXPECT_EQ(expected["declined"].size(), 1u);
  EXPECT_EQ(expected["declined"][0]["bound_by"], "monthly_share_cap");
  EXPECT_EQ(expected["passed"].size(), 3u);
}

TEST(RunDocument, ASinkThatReadsNoDataGetsTheSameEventsWithoutTheSectionsWritten) {
  ChainWorld by_json(true);
  ChainWorld in_process(false);
  through_json(by_json);

  RunDocument doc(opened());
  for (Step* step : in_process.steps()) ASSERT_TRUE(step->run_in_chain(doc).ok());
  EXPECT_NE(doc.verdicts(), nullptr);
  EXPECT_NE(doc.declines(), nullptr);
  ASSERT_EQ(in_process.sink.events.size(), by_json.sink.events.size());
  for (std::size_t i = 0; i < by_json.sink.events.size(); ++i) {
    EXPECT_EQ(in_process.sink.events[i]["event_id"], by_json.sink.events[i]["event_id"]);
    EXPECT_EQ(in_process.sink.events[i]["type"], by_json.sink.events[i]["type"]);
  }
  EXPECT_FALSE(in_process.sink.held_data_seen);
}

TEST(RunDocument, ASinkThatCountsTypesGetsTheSameCountsInRuns) {
  ChainWorld by_json(true);
  through_json(by_json);
  std::map<std::string, std::size_t> expected;
  for (const Json& event : by_json.sink.events) expected[event["type"]] += 1;

  ChainWorld in_process(true);
  CountingSink counting;
  Record record(counting, in_process.world.clock);
  RunDocument doc(opened());
  const std::vector<Step*> steps = {&in_process.evaluate, &in_process.check_limits,
                                    &in_process.execute, &record};
  for (Step* step : steps) {
    ASSERT_TRUE(step->run_in_chain(doc).ok());
  }
  EXPECT_EQ(counting.counts, expected);
  std::size_t events = 0;
  for (const auto& [type, count] : expected) events += count;
  EXPECT_EQ(doc.fields()["recorded"]["events"], events);
  EXPECT_LT(counting.views, events);  // The three passes came as one view.
}

TEST(RunDocument, AStepThatFailsLeavesTheDocumentAndItsVerdictsAsTheyWere) {
  ChainWorld chain(true);
  RunDocument doc(opened());
  ASSERT_TRUE(chain.evaluate.run_in_chain(doc).ok());
  const Json fields = doc.fields();
  // Execute needs the orders check-limits writes.
  const Status failed = chain.execute.run_in_chain(doc);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(doc.fields(), fields);
  ASSERT_NE(doc.verdicts(), nullptr);
  EXPECT_EQ(doc.verdicts()->size(), 5u);
}

TEST(RunDocument, NewVerdictsReplaceSignalsAndPassesGivenAsJson) {
  Json given = opened();
  given["signals"] = Json::array({{{"symbol", "OLD"}}});
  given["passed"] = Json::array();
  RunDocument doc(given);
  EXPECT_EQ(doc.signal_count(), 1u);
  SymbolVerdict pass;
  pass.code = SymbolVerdict::Code::kNoData;
  pass.symbol = "ZZZ";
  pass.reason = "no market data for ZZZ";
  doc.set_verdicts({pass});
  EXPECT_EQ(doc.signal_count(), 0u);
  EXPECT_EQ(doc.verdicts()->size(), 1u);  // The one pass.
  const Json whole = std::move(doc).take_json();
  EXPECT_EQ(whole["signals"], Json::array());
  EXPECT_EQ(whole["passed"],
            Json::array(
                {{{"code", "no_data"}, {"reason", "no market data for ZZZ"}, {"symbol", "ZZZ"}}}));
}

}  // namespace
}  // namespace stratus
