#include "functions/audit_events.h"

#include <gtest/gtest.h>

#include "functions/test_world.h"

namespace stratus {
namespace {

const std::vector<std::string> kAllKinds = {"order_placed", "order_rejected", "run_failed"};

Json order(const std::string& symbol, const std::string& state) {
  return {{"client_order_id", "dip-" + symbol + "-20150824-1"},
          {"symbol", symbol},
          {"qty", 1},
          {"price", "43.07"},
          {"state", state}};
}

std::vector<std::string> types_of(const Json& events) {
  std::vector<std::string> out;
  for (const Json& e : events) out.push_back(e["type"]);
  return out;
}

Json trading_day() {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["market"] = {{"status", "open"}};
  doc["signals"] = Json::array({{{"symbol", "AAPL"}}, {{"symbol", "MSFT"}}});
  doc["passed"] = Json::array({{{"symbol", "XOM"}, {"reason", "drop 4.10% below first tier"}}});
  doc["declined"] = Json::array({{{"symbol", "MSFT"}, {"reason", "cap reached"}}});
  doc["orders"] = Json::array({order("AAPL", "filled")});
  doc["reconciled"] = Json::array({order("KO", "canceled")});
  return doc;
}

TEST(AuditEvents, OneEventPerDecisionInOrderWithIdsByPosition) {
  const Json events = audit_events(trading_day(), kAllKinds);
  EXPECT_EQ(types_of(events), (std::vector<std::string>{"run", "market_check", "signal", "signal",
                                                        "no_signal", "cap_declined", "order",
                                                        "order_update", "run_summary", "alert"}));
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["event_id"], "2015-08-24T19:45:00Z/dev#" + std::to_string(i + 1));
    EXPECT_EQ(events[i]["run_id"], "2015-08-24T19:45:00Z/dev");
    EXPECT_EQ(events[i]["profile"], "dev");
    EXPECT_EQ(events[i]["at"], "2015-08-24T19:45:00Z");
  }
  EXPECT_EQ(events[2]["data"]["symbol"], "AAPL");
  EXPECT_EQ(events[6]["data"]["state"], "filled");
}

TEST(AuditEvents, TheSameDocumentGivesTheSameEvents) {
  EXPECT_EQ(audit_events(trading_day(), kAllKinds), audit_events(trading_day(), kAllKinds));
}

TEST(AuditEvents, SeveritiesSayHowMuchEachEventMatters) {
  const Json events = audit_events(trading_day(), kAllKinds);
  std::map<std::string, std::string> severity;
  for (const Json& e : events) severity[e["type"]] = e["severity"];
  EXPECT_EQ(severity["run"], "info");
  EXPECT_EQ(severity["no_signal"], "debug");
  EXPECT_EQ(severity["cap_declined"], "warning");
  EXPECT_EQ(severity["order"], "info");
  EXPECT_EQ(severity["order_update"], "warning") << "canceled";
  EXPECT_EQ(severity["run_summary"], "info");
  EXPECT_EQ(severity["alert"], "info") << "only order_placed";

  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["orders"] = Json::array({order("AAPL", "rejected"), order("MSFT", "reserved")});
  doc["orders"][1]["error"] = {{"code", "Unavailable"}, {"message", "broker down"}};
  doc["failed"] = {{"step", "execute"}, {"code", "Unavailable"}, {"message", "broker down"}};
  const Json failed = audit_events(doc, kAllKinds);
  EXPECT_EQ(types_of(failed), (std::vector<std::string>{"run", "order", "order", "run_failed",
                                                        "run_summary", "alert"}));
  EXPECT_EQ(failed[1]["severity"], "warning");
  EXPECT_EQ(failed[2]["severity"], "warning") << "not sent";
  EXPECT_EQ(failed[3]["severity"], "error");
  EXPECT_EQ(failed[4]["severity"], "error");
  EXPECT_EQ(failed[5]["severity"], "error");
  EXPECT_EQ(failed[5]["data"]["kinds"], Json::array({"order_rejected", "run_failed"}));
}

TEST(AuditEvents, TheAlertReportsOnlyTheKindsAskedFor) {
  const Json none = audit_events(trading_day(), {"run_failed"});
  EXPECT_EQ(types_of(none).back(), "run_summary");
  const Json placed = audit_events(trading_day(), {"order_placed"});
  ASSERT_EQ(types_of(placed).back(), "alert");
  EXPECT_EQ(placed.back()["data"]["subject"], "Stratus dev: bought AAPL");
  EXPECT_NE(placed.back()["data"]["message"].get<std::string>().find("AAPL"), std::string::npos);
}

TEST(AuditEvents, AVisitSeesTheEventsAsViewsWithTheirRecordingTime) {
  const Json doc = trading_day();
  std::vector<std::string> types;
  std::vector<std::string> ids;
  std::vector<Json> built;
  std::size_t signals = 0;
  auto visited = visit_audit_events(doc, kAllKinds, "2015-08-24T19:45:02Z",
                                    [&](const AuditEventView& event) -> Status {
                                      types.emplace_back(event.type);
                                      ids.emplace_back(event.event_id);
                                      EXPECT_EQ(&event.run, &doc["run"]);
                                      // The signal's data is the document's own entry.
                                      if (event.type == "signal") {
                                        EXPECT_EQ(&event.data, &doc["signals"][signals++]);
                                      }
                                      built.push_back(event.to_json());
                                      return {};
                                    });
  ASSERT_TRUE(visited.ok()) << visited.error().to_string();
  EXPECT_EQ(types, (std::vector<std::string>{"run", "market_check", "signal", "signal", "no_signal",
                                             "cap_declined", "order", "order_update", "run_summary",
                                             "alert"}));
  ASSERT_EQ(*visited, types.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i], "2015-08-24T19:45:00Z/dev#" + std::to_string(i + 1));
  }
  EXPECT_EQ(signals, 2u);
  EXPECT_EQ(built[2], Json::parse(R"({"event_id": "2015-08-24T19:45:00Z/dev#3", "type": "signal",
    "severity": "info", "run_id": "2015-08-24T19:45:00Z/dev", "profile": "dev",
    "at": "2015-08-24T19:45:00Z", "data": {"symbol": "AAPL"},
    "recorded_at": "2015-08-24T19:45:02Z"})"));

  // Without a recording time the field is left out.
  auto unrecorded = visit_audit_events(doc, kAllKinds, "", [](const AuditEventView& event) {
    EXPECT_FALSE(event.to_json().contains("recorded_at"));
    return Status{};
  });
  ASSERT_TRUE(unrecorded.ok());
}

TEST(AuditEvents, ATypesOnlyVisitHasTheSameEventsWithoutBuiltData) {
  Json failed = trading_day();
  failed["failed"] = {{"step", "execute"}, {"code", "Unavailable"}, {"message", "down"}};
  for (const Json& doc : {trading_day(), failed}) {
    for (const std::vector<std::string>& alert_on :
         {kAllKinds, std::vector<std::string>{"run_failed"}, std::vector<std::string>{}}) {
      const Json whole = audit_events(doc, alert_on);
      std::vector<Json> seen;
      auto visited = visit_audit_events(
          doc, alert_on, "",
          [&](const AuditEventView& event) -> Status {
            Json j = event.to_json();
            if (event.type == "run_summary" || event.type == "alert") {
              EXPECT_TRUE(event.data.is_null()) << event.type;
            } else {
              EXPECT_FALSE(event.data.is_null()) << event.type;
            }
            j.erase("data");
            seen.push_back(std::move(j));
            return {};
          },
          AuditEventData::kTypesOnly);
      ASSERT_TRUE(visited.ok());
      ASSERT_EQ(seen.size(), whole.size());
      for (std::size_t i = 0; i < seen.size(); ++i) {
        Json expected = whole[i];
        expected.erase("data");
        EXPECT_EQ(seen[i], expected) << i;  // Same type, id and severity.
      }
    }
  }
}

TEST(AuditEvents, ATypeRunsVisitHasTheSameEventsInRunsOfOneType) {
  Json many = trading_day();
  many["passed"].push_back({{"symbol", "KO"}, {"reason", "drop 1.00% below first tier"}});
  for (const Json& doc : {trading_day(), many}) {
    const Json whole = audit_events(doc, kAllKinds);
    std::vector<Json> expanded;  // Each run written out as the events it stands for.
    std::size_t views = 0;
    auto visited = visit_audit_events(
        doc, kAllKinds, "",
        [&](const AuditEventView& event) -> Status {
          ++views;
          const bool runnable =
              event.type == "signal" || event.type == "no_signal" || event.type == "cap_declined";
          EXPECT_TRUE(event.repeat == 1 || runnable) << event.type;
          if (runnable) {
            EXPECT_TRUE(event.data.is_null()) << event.type;
          }
          Json first = event.to_json();
          first.erase("data");
          const std::string id = first["event_id"];
          const std::size_t position = std::stoul(id.substr(id.find('#') + 1));
          for (std::size_t i = 0; i < event.repeat; ++i) {
            first["event_id"] = id.substr(0, id.find('#') + 1) + std::to_string(position + i);
            expanded.push_back(first);
          }
          return {};
        },
        AuditEventData::kTypeRuns);
    ASSERT_TRUE(visited.ok());
    EXPECT_EQ(*visited, whole.size());
    EXPECT_LT(views, whole.size());  // Two signals and the passes came as one view each.
    ASSERT_EQ(expanded.size(), whole.size());
    for (std::size_t i = 0; i < expanded.size(); ++i) {
      Json expected = whole[i];
      expected.erase("data");
      EXPECT_EQ(expanded[i], expected) << i;  // Same type, id and severity.
    }
  }
}

TEST(AuditEvents, AVisitStopsAtTheVisitorsFirstError) {
  std::vector<std::string> types;
  auto visited = visit_audit_events(trading_day(), kAllKinds, "", [&](const AuditEventView& e) {
    types.emplace_back(e.type);
    return types.size() == 3 ? Status(Error::unavailable("disk full", "audit.jsonl")) : Status{};
  });
  ASSERT_FALSE(visited.ok());
  EXPECT_EQ(visited.error().message, "disk full");
  EXPECT_EQ(types, (std::vector<std::string>{"run", "market_check", "signal"}));
}

TEST(AuditEvents, TheSummaryNamesTheOutcome) {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  EXPECT_EQ(run_summary(doc)["outcome"], "no_signal");
  doc["signals"] = Json::array({{{"symbol", "AAPL"}}});
  doc["orders"] = Json::array({order("AAPL", "rejected")});
  EXPECT_EQ(run_summary(doc)["outcome"], "not_traded");
  EXPECT_EQ(run_summary(doc)["rejected"], 1);
  doc["orders"].push_back(order("MSFT", "submitted"));
  const Json traded = run_summary(doc);
  EXPECT_EQ(traded["outcome"], "traded");
  EXPECT_EQ(traded["placed"], 1);
  EXPECT_EQ(traded["orders"], 2);
  EXPECT_EQ(traded["symbols"], Json::array({"MSFT"}));
  doc["skipped"] = {{"step", "market-check"}, {"reason", "market closed: weekend"}};
  EXPECT_EQ(run_summary(doc)["outcome"], "skipped");
  EXPECT_EQ(run_summary(doc)["skipped"], "market closed: weekend");
  doc["failed"] = {{"step", "execute"}, {"code", "Internal"}, {"message", "x"}};
  EXPECT_EQ(run_summary(doc)["outcome"], "failed");
  EXPECT_EQ(run_summary(doc)["failed"]["step"], "execute");
}

}  // namespace
}  // namespace stratus
