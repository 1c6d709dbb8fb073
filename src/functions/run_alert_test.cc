#include "functions/run_alert.h"

#include <gtest/gtest.h>

#include "functions/test_world.h"

namespace stratus {
namespace {

const std::vector<std::string> kAll = {"order_placed", "order_rejected", "run_failed"};

Json placed_order(const std::string& symbol, int qty) {
  return {{"client_order_id", "dip-" + symbol + "-20150824-1"},
          {"symbol", symbol},
          {"qty", qty},
          {"price", "105.76"},
          {"state", "submitted"}};
}

TEST(RunAlert, NothingWorthSayingIsNoAlert) {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  EXPECT_FALSE(run_alert(doc, kAll));
  EXPECT_TRUE(run_alert_kinds(doc, kAll).empty());
  doc["skipped"] = {{"step", "market-check"}, {"reason", "market closed: weekend"}};
  EXPECT_FALSE(run_alert(doc, kAll));
  doc["orders"] = Json::array({placed_order("AAPL", 2)});
  EXPECT_FALSE(run_alert(doc, {"run_failed"})) << "order_placed is not wanted";
  EXPECT_TRUE(run_alert_kinds(doc, {"run_failed"}).empty());
}

TEST(RunAlert, PlacedOrdersAreListedOnePerLine) {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["orders"] = Json::array({placed_order("AAPL", 2), placed_order("MSFT", 1)});
  doc["orders"][1]["state"] = "filled";
  doc["orders"][1]["fill"] = {{"qty", 1}, {"avg_price", "43.10"}};
  auto alert = run_alert(doc, kAll);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->kinds, std::vector<std::string>{"order_placed"});
  EXPECT_EQ(run_alert_kinds(doc, kAll), alert->kinds);
  EXPECT_EQ(alert->alert.subject, "Stratus dev: bought AAPL, MSFT");
  EXPECT_EQ(alert->alert.message,
            "Orders placed:\n"
            "  AAPL   buy 2 at ~105.76, submitted [dip-AAPL-20150824-1]\n"
            "  MSFT   buy 1 at ~105.76, filled (1 filled at 43.10) [dip-MSFT-20150824-1]\n"
            "\nRun 2015-08-24T19:45:00Z/dev at 2015-08-24T19:45:00Z.\n");
}

TEST(RunAlert, RejectionsAndUnsentOrdersOutrankPlacedOnes) {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  Json rejected = placed_order("XOM", 1);
  rejected["state"] = "rejected";
  rejected["reason"] = "insufficient buying power";
  Json unsent = placed_order("KO", 3);
  unsent["state"] = "reserved";
  unsent["error"] = {{"code", "Unavailable"}, {"message", "broker unreachable"}};
  doc["orders"] = Json::array({placed_order("AAPL", 2), rejected, unsent});
  Json late = placed_order("GOOGL", 1);  // As execute reconciles it: no reference price.
  late.erase("price");
  late["state"] = "rejected";
  late["reason"] = "";
  late["client_order_id"] = "dip-GOOGL-20150821-1";
  doc["reconciled"] = Json::array({late});
  auto alert = run_alert(doc, kAll);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->kinds, (std::vector<std::string>{"order_placed", "order_rejected"}));
  EXPECT_EQ(run_alert_kinds(doc, kAll), alert->kinds);
  EXPECT_EQ(alert->alert.subject, "Stratus dev: order rejected: XOM, KO, GOOGL");
  EXPECT_NE(
      alert->alert.message.find(
          "Orders rejected or not sent:\n"
          "  XOM    buy 1 at ~105.76, rejected: insufficient buying power [dip-XOM-20150824-1]\n"
          "  KO     buy 3 at ~105.76, reserved: not sent: broker unreachable [dip-KO-20150824-1]\n"
          "  GOOGL  buy 1, rejected [dip-GOOGL-20150821-1]\n"),
      std::string::npos)
      << alert->alert.message;
  EXPECT_TRUE(alert->alert.message.starts_with("Orders placed:\n  AAPL   buy 2 at ~105.76"))
      << alert->alert.message;

  auto only_placed = run_alert(doc, {"order_placed"});
  ASSERT_TRUE(only_placed);
  EXPECT_EQ(only_placed->alert.subject, "Stratus dev: bought AAPL");
}

TEST(RunAlert, AFailedRunSaysWhereAndWhy) {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["failed"] = {{"step", "execute"},
                   {"code", "Unavailable"},
                   {"message", "execute: ledger: database is locked"}};
  auto alert = run_alert(doc, kAll);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->kinds, std::vector<std::string>{"run_failed"});
  EXPECT_EQ(run_alert_kinds(doc, kAll), alert->kinds);
  EXPECT_EQ(alert->alert.subject, "Stratus dev: run failed at execute");
  EXPECT_EQ(alert->alert.message,
            "The run failed at execute: Unavailable: execute: ledger: database is locked\n"
            "\nRun 2015-08-24T19:45:00Z/dev at 2015-08-24T19:45:00Z.\n");
}

TEST(RunAlert, SubjectsStayWithinSnsLimits) {
  Json doc = testing::envelope("2015-08-24T19:45:00Z");
  doc["orders"] = Json::array();
  for (int i = 0; i < 40; ++i) doc["orders"].push_back(placed_order("SYM" + std::to_string(i), 1));
  doc["orders"][0]["symbol"] = "\xC3\x89T\n";
  auto alert = run_alert(doc, kAll);
  ASSERT_TRUE(alert);
  EXPECT_EQ(alert->alert.subject.size(), 99u);
  EXPECT_TRUE(alert->alert.subject.ends_with("..."));
  for (char c : alert->alert.subject) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << int(c);
}

}  // namespace
}  // namespace stratus
