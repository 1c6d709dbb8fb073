// The Slack message of real audit events (functions/audit_events.h on contract-shaped run
// documents): what a phone shows first, the fields, the context with the event id, escaping, and
// Slack's Block Kit limits on hostile input.
#include "adapters/webhook/slack_message.h"

#include <gtest/gtest.h>

#include <string>

#include "../../../tests/webhook/sample_events.h"

namespace stratus {
namespace {

using webhook_test::first_of;
using Json = nlohmann::json;

std::size_t chars(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// Every limit slack_message() promises, checked on `message`.
void expect_within_slack_limits(const Json& message) {
  ASSERT_TRUE(message["text"].is_string());
  EXPECT_FALSE(message["text"].get<std::string>().empty());
  ASSERT_TRUE(message["blocks"].is_array());
  EXPECT_LE(message["blocks"].size(), kSlackMaxBlocks);
  for (const Json& block : message["blocks"]) {
    const std::string type = block["type"];
    if (type == "section") {
      EXPECT_TRUE(block.contains("text") || block.contains("fields"));
      if (block.contains("text")) {
        EXPECT_EQ(block["text"]["type"], "mrkdwn");
        EXPECT_LE(chars(block["text"]["text"]), kSlackMaxSectionText);
      }
      if (block.contains("fields")) {
        EXPECT_LE(block["fields"].size(), kSlackMaxFields);
        for (const Json& f : block["fields"]) EXPECT_LE(chars(f["text"]), kSlackMaxFieldText);
      }
    } else if (type == "context") {
      EXPECT_LE(block["elements"].size(), kSlackMaxContextElements);
      for (const Json& e : block["elements"]) EXPECT_LE(chars(e["text"]), kSlackMaxSectionText);
    } else if (type == "header") {
      EXPECT_LE(chars(block["text"]["text"]), kSlackMaxHeaderText);
    } else {
      ADD_FAILURE() << "unexpected block type " << type;
    }
  }
}

std::string top_line(const Json& message) { return message["blocks"][0]["text"]["text"]; }

std::string all_text(const Json& message) { return message.dump(); }

bool has_field(const Json& message, const std::string& name, const std::string& value) {
  for (const Json& block : message["blocks"]) {
    if (!block.contains("fields")) continue;
    for (const Json& f : block["fields"]) {
      if (f["text"] == "*" + name + "*\n" + value) return true;
    }
  }
  return false;
}

std::string context_of(const Json& message) {
  for (const Json& block : message["blocks"]) {
    if (block["type"] == "context") return block["elements"][0]["text"];
  }
  return "";
}

TEST(SlackMessage, AFilledOrderSaysWhatWasBoughtWithItsFieldsAndContext) {
  const Json events = webhook_test::events_of(webhook_test::trading_day("2015-08-24"));
  const Json order = first_of(events, "order");
  const Json message = slack_message(order);
  expect_within_slack_limits(message);
  EXPECT_EQ(top_line(message), ":white_check_mark: *Bought 2 AAPL at ~105.7612*");
  EXPECT_EQ(slack_headline(order), "Bought 2 AAPL at ~105.7612");
  EXPECT_EQ(message["text"], "Stratus dev: Bought 2 AAPL at ~105.7612");
  EXPECT_TRUE(has_field(message, "Symbol", "AAPL"));
  EXPECT_TRUE(has_field(message, "Qty", "2"));
  EXPECT_TRUE(has_field(message, "Price", "105.76"));
  EXPECT_TRUE(has_field(message, "State", "filled"));
  EXPECT_TRUE(has_field(message, "Filled", "2 @ 105.7612"));
  EXPECT_TRUE(has_field(message, "Month cap used", "4/4 shares (2015-08)"));
  const std::string context = context_of(message);
  EXPECT_NE(context.find("profile *dev*"), std::string::npos) << context;
  EXPECT_NE(context.find("run 2015-08-24T19:45:00Z/dev"), std::string::npos) << context;
  EXPECT_NE(context.find("event " + order["event_id"].get<std::string>()), std::string::npos)
      << context;
  EXPECT_NE(context.find("2015-08-24 19:45:00 UTC"), std::string::npos) << context;
}

TEST(SlackMessage, RefusedOrdersSayWhyOnTheSecondLine) {
  const Json events = webhook_test::events_of(webhook_test::failing_day("2015-08-25"));
  const Json rejected = slack_message(events[4]);
  expect_within_slack_limits(rejected);
  EXPECT_EQ(top_line(rejected), ":x: *Order rejected: 2 AAPL*\ninsufficient buying power");
  const Json not_sent = slack_message(events[5]);
  EXPECT_EQ(top_line(not_sent),
            ":x: *Order not sent: 1 MSFT*\nUnavailable: broker unreachable: connect refused");
  EXPECT_TRUE(has_field(not_sent, "Month cap used", "3/4 shares (2015-08)"));
}

TEST(SlackMessage, CapFailureSummaryAndAlertAreEachToldInOneLine) {
  const Json day = webhook_test::events_of(webhook_test::trading_day("2015-08-24"));
  const Json capped = slack_message(first_of(day, "cap_declined"));
  EXPECT_EQ(top_line(capped),
            ":no_entry: *Cap reached: 1 MSFT not bought*\nmonthly cap reached: 4 of 4 shares used");
  EXPECT_TRUE(has_field(capped, "Month cap used", "4/4 shares (2015-08)"));

  const Json summary = slack_message(first_of(day, "run_summary"));
  EXPECT_EQ(top_line(summary), ":chart_with_upwards_trend: *Run done: bought AAPL*");
  EXPECT_TRUE(has_field(summary, "Placed", "1"));
  EXPECT_TRUE(has_field(summary, "Declined", "1"));

  const Json alert_event = first_of(day, "alert");
  const Json alert = slack_message(alert_event);
  expect_within_slack_limits(alert);
  EXPECT_EQ(top_line(alert), ":bell: *" + alert_event["data"]["subject"].get<std::string>() + "*");
  EXPECT_NE(alert["blocks"][1]["text"]["text"].get<std::string>().find("AAPL"), std::string::npos);
  EXPECT_EQ(alert["blocks"][1]["text"]["text"].get<std::string>().rfind("```", 0), 0u);

  const Json update = slack_message(first_of(day, "order_update"));
  EXPECT_EQ(top_line(update),
            ":heavy_multiplication_x: *Order canceled: 3 KO*\nAn earlier order (was submitted) "
            "changed. expired at the close");

  const Json failed_day = webhook_test::events_of(webhook_test::failing_day("2015-08-25"));
  EXPECT_EQ(top_line(slack_message(first_of(failed_day, "run_failed"))),
            ":rotating_light: *Run failed at execute: broker unreachable: connect refused*\n"
            "Unavailable: broker unreachable: connect refused");
  EXPECT_EQ(top_line(slack_message(first_of(failed_day, "run_summary")))
                .rfind(":rotating_light: *Run failed at execute: broker unreachable", 0),
            0u);

  const Json weekend = webhook_test::events_of(webhook_test::closed_day("2015-08-22"));
  EXPECT_EQ(top_line(slack_message(first_of(weekend, "skipped"))),
            ":double_vertical_bar: *Run skipped at market-check: market closed: weekend*");
  EXPECT_EQ(top_line(slack_message(first_of(weekend, "run_summary"))),
            ":double_vertical_bar: *Run skipped: market closed: weekend*");
  EXPECT_EQ(top_line(slack_message(first_of(day, "signal"))),
            ":chart_with_downwards_trend: *Signal: AAPL 21.39% below its 52-week high*");
}

TEST(SlackMessage, EveryEventOfARunGivesAValidMessage) {
  for (const Json& doc :
       {webhook_test::trading_day("2015-08-24"), webhook_test::failing_day("2015-08-25"),
        webhook_test::closed_day("2015-08-22")}) {
    for (const Json& event : webhook_test::events_of(doc)) {
      SCOPED_TRACE(event.dump());
      const Json message = slack_message(event);
      expect_within_slack_limits(message);
      EXPECT_NE(context_of(message).find(event["event_id"].get<std::string>()), std::string::npos);
    }
  }
}

TEST(SlackMessage, UnknownTypesShowTheirDataAndEverythingIsEscaped) {
  const Json event = {{"event_id", "r#1"},
                      {"type", "future_type"},
                      {"severity", "info"},
                      {"profile", "dev"},
                      {"data", {{"note", "<!channel> & <https://evil|click>"}}}};
  const Json message = slack_message(event);
  expect_within_slack_limits(message);
  EXPECT_EQ(top_line(message), ":information_source: *Event: future_type*");
  const std::string text = all_text(message);
  EXPECT_EQ(text.find("<!channel>"), std::string::npos) << text;
  EXPECT_NE(text.find("&lt;!channel&gt; &amp; &lt;https://evil|click&gt;"), std::string::npos)
      << text;

  Json order = first_of(webhook_test::events_of(webhook_test::trading_day("2015-08-24")), "order");
  order["data"]["symbol"] = "A<B>&C";
  EXPECT_EQ(top_line(slack_message(order)),
            ":white_check_mark: *Bought 2 A&lt;B&gt;&amp;C at ~105.7612*");
}

TEST(SlackMessage, HugeOrOddInputStaysWithinSlackLimits) {
  Json order = first_of(webhook_test::events_of(webhook_test::failing_day("2015-08-25")), "order");
  order["data"]["reason"] = std::string(10'000, '&');  // Each escapes to five characters.
  order["data"]["symbol"] = std::string(3'000, 'X');
  for (int i = 0; i < 20; ++i) order["data"]["extra" + std::to_string(i)] = i;
  expect_within_slack_limits(slack_message(order));

  Json alert = first_of(webhook_test::events_of(webhook_test::trading_day("2015-08-24")), "alert");
  alert["data"]["message"] = std::string(5'000, '\xC3');  // Invalid UTF-8 on its own...
  for (int i = 0; i < 2'000; ++i)
    alert["data"]["message"] = alert["data"]["message"].get<std::string>() + "\xC3\xA9";
  alert["data"]["subject"] = std::string(500, 's');
  const Json big = slack_message(alert);
  expect_within_slack_limits(big);
  EXPECT_NO_THROW(big.dump(-1, ' ', false, Json::error_handler_t::replace));

  Json generic = {{"type", "x"}, {"data", Json::array()}};
  for (int i = 0; i < 3'000; ++i) generic["data"].push_back("<item>");
  expect_within_slack_limits(slack_message(generic));

  for (const Json& odd : {Json(), Json(5), Json("text"), Json::array({1, 2}), Json::object(),
                          Json{{"type", 7}, {"data", "x"}}}) {
    SCOPED_TRACE(odd.dump());
    expect_within_slack_limits(slack_message(odd));
  }
}

}  // namespace
}  // namespace stratus
