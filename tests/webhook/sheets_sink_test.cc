// SheetsSink over a real CurlHttpClient against the fake Apps Script web app (tests/fakes/
// apps_script) running deploy/sheets/Code.gs unchanged, on 127.0.0.1: the 302 flow (POST, then
// GET of the echo URL, answered once), rows in Trades / Runs / Events, duplicate event ids
// answered ok+duplicate and not appended twice, a wrong secret refused, Google's failures and
// Retry-After, answers that are not the script's JSON; no secret in any error.
#include "adapters/webhook/sheets_sink.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "sample_events.h"
#include "webhook_fakes.h"

namespace stratus {
namespace {

using namespace webhook_test;  // NOLINT: test helpers.
using Json = nlohmann::json;

class SheetsSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake = start_apps_script();
    ASSERT_NE(fake, nullptr);
  }

  SheetsSink sink(const std::string& secret = kSheetsSecret) {
    return SheetsSink(curl, clock, sheets_url(*fake), secret);
  }

  // Fails the test when the failure's text holds a secret; returns that text.
  std::string error_text(const DeliveryResult& result) {
    EXPECT_FALSE(result.status.ok());
    if (result.status.ok()) return "";
    const std::string text = result.status.error().to_string();
    expect_no_secret(text, "the delivery error");
    return text;
  }

  std::unique_ptr<NodeFake> fake;
  CurlHttpClient curl;
  SystemClock clock;
  Json day = events_of(trading_day("2015-08-24"));
};

TEST_F(SheetsSinkTest, AnOrderBecomesATradesRowThroughThe302Flow) {
  const Json order = first_of(day, "order");
  const DeliveryResult result = sink().deliver(order);
  ASSERT_TRUE(result.status.ok()) << result.status.error().to_string();

  const Json trades = sheet_rows(*fake, "Trades");
  ASSERT_EQ(trades.size(), 2u) << trades.dump();
  EXPECT_EQ(trades[0], Json::array({"time", "run", "event id", "symbol", "qty", "price", "state",
                                    "fill qty", "avg price", "client order id", "reason"}));
  EXPECT_EQ(trades[1],
            Json::array({"2015-08-24T19:45:00Z", "2015-08-24T19:45:00Z/dev", order["event_id"],
                         "AAPL", 2, 105.76, "filled", 2, 105.7612, "dip-AAPL-2015-08-24-1", ""}));
  auto dump = fake->get_json("/__admin/sheets");
  ASSERT_TRUE(dump.ok());
  EXPECT_EQ((*dump)["sheets"]["Trades"]["frozen_rows"], 1);
  EXPECT_EQ((*dump)["sheets"]["Trades"]["bold_cells"].size(), 11u);
  EXPECT_TRUE((*dump)["sheets"]["EventIds"]["hidden"].get<bool>());
  EXPECT_EQ((*dump)["sheets"]["EventIds"]["rows"][1][0], order["event_id"]);
}

TEST_F(SheetsSinkTest, SummariesGoToRunsAndOtherEventsToEvents) {
  SheetsSink to_sheet = sink();
  for (const Json& event : day) {
    const DeliveryResult result = to_sheet.deliver(event);
    ASSERT_TRUE(result.status.ok()) << result.status.error().to_string();
  }
  const Json runs = sheet_rows(*fake, "Runs");
  ASSERT_EQ(runs.size(), 2u) << runs.dump();
  EXPECT_EQ(runs[1], Json::array({"2015-08-24T19:45:00Z", "2015-08-24T19:45:00Z/dev", "dev",
                                  "traded", 2, 1, 1, 0, 1, ""}));
  const Json trades = sheet_rows(*fake, "Trades");
  ASSERT_EQ(trades.size(), 3u) << "order and order_update";
  EXPECT_EQ(trades[2][6], "canceled");
  EXPECT_EQ(trades[2][10], "expired at the close");
  const Json events = sheet_rows(*fake, "Events");
  ASSERT_EQ(events.size(), 1u + 7u)
      << "run, market_check, 2 signals, no_signal, cap_declined, alert";
  EXPECT_EQ(events[0], Json::array({"time", "type", "severity", "event id", "data"}));
  EXPECT_EQ(events[1][1], "run");
  EXPECT_EQ(events[3][1], "signal");
  EXPECT_EQ(Json::parse(events[3][4].get<std::string>())["symbol"], "AAPL");
  EXPECT_EQ(sheet_rows(*fake, "EventIds").size(), 1u + day.size());

  const Json failed = events_of(failing_day("2015-08-25"));
  ASSERT_TRUE(to_sheet.deliver(first_of(failed, "run_summary")).status.ok());
  ASSERT_TRUE(to_sheet.deliver(failed[5]).status.ok());  // The order that could not be sent.
  EXPECT_EQ(sheet_rows(*fake, "Runs")[2][9],
            "execute: Unavailable: broker unreachable: connect refused");
  EXPECT_EQ(sheet_rows(*fake, "Trades")[3][10], "Unavailable: broker unreachable: connect refused");
}

TEST_F(SheetsSinkTest, ARepeatedEventIdIsAnsweredDuplicateAndNotAppendedTwice) {
  const Json order = first_of(day, "order");
  ASSERT_TRUE(sink().deliver(order).status.ok());
  ASSERT_TRUE(sink().deliver(order).status.ok());
  EXPECT_EQ(sheet_rows(*fake, "Trades").size(), 2u);
  EXPECT_EQ(sheet_rows(*fake, "EventIds").size(), 2u);

  // What the script answers, step by step: a 302 to the echo URL, read once with GET.
  HttpRequest post;
  post.method = "POST";
  post.url = sheets_url(*fake);
  post.headers = {{"Content-Type", "application/json"}};
  post.body = Json{{"secret", kSheetsSecret}, {"event", order}}.dump();
  auto posted = curl.send(post);
  ASSERT_TRUE(posted.ok()) << posted.error().to_string();
  ASSERT_EQ(posted->status, 302);
  const auto location = posted->header("Location");
  ASSERT_TRUE(location.has_value());
  EXPECT_EQ(location->rfind(fake->base_url() + "/macros/echo?user_content_key=", 0), 0u);
  HttpRequest get;
  get.url = *location;
  auto echoed = curl.send(get);
  ASSERT_TRUE(echoed.ok());
  EXPECT_EQ(echoed->status, 200);
  EXPECT_EQ(Json::parse(echoed->body), (Json{{"ok", true}, {"duplicate", true}}));
  auto again = curl.send(get);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 404) << "the echo URL answers once";
  EXPECT_EQ(sheet_rows(*fake, "Trades").size(), 2u);
}

TEST_F(SheetsSinkTest, AWrongSecretIsRejectedAndNothingIsAppended) {
  const DeliveryResult result = sink("not-the-secret-at-all").deliver(day[0]);
  ASSERT_FALSE(result.status.ok());
  EXPECT_EQ(result.status.error().code, ErrorCode::kRejected);
  const std::string text = error_text(result);
  EXPECT_NE(text.find("wrong secret"), std::string::npos) << text;
  EXPECT_NE(text.find("the Sheets web app (127.0.0.1:"), std::string::npos) << text;
  EXPECT_EQ(text.find("not-the-secret-at-all"), std::string::npos) << text;
  EXPECT_TRUE(sheet_rows(*fake, "Events").empty());
  EXPECT_TRUE(sheet_rows(*fake, "EventIds").empty());
}

TEST_F(SheetsSinkTest, GoogleFailuresAreUnavailableAndRetryAfterIsKept) {
  ASSERT_TRUE(fake->set_mode("down").ok());
  const DeliveryResult down = sink().deliver(day[0]);
  EXPECT_EQ(down.status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(error_text(down).find("HTTP 503"), std::string::npos) << error_text(down);

  ASSERT_TRUE(fake->set_mode("rate_limited", "retry_after=120").ok());
  const DeliveryResult limited = sink().deliver(day[0]);
  EXPECT_EQ(limited.status.error().code, ErrorCode::kUnavailable);
  ASSERT_TRUE(limited.retry_after.has_value());
  EXPECT_EQ(*limited.retry_after, std::chrono::seconds(120));
  error_text(limited);

  ASSERT_TRUE(fake->set_mode("lock_busy").ok());
  const DeliveryResult busy = sink().deliver(day[0]);
  EXPECT_EQ(busy.status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(error_text(busy).find("busy"), std::string::npos) << error_text(busy);

  ASSERT_TRUE(fake->set_mode("up").ok());
  EXPECT_TRUE(sink().deliver(day[0]).status.ok());
  EXPECT_EQ(sheet_rows(*fake, "Events").size(), 2u) << "only the delivery that was let through";
}

TEST_F(SheetsSinkTest, HalfFailingGoogleStillEndsWithOneRowPerEvent) {
  ASSERT_TRUE(fake->set_mode("half", "seed=7").ok());
  SheetsSink to_sheet = sink();
  int failures = 0;
  for (const Json& event : day) {
    int attempts = 0;
    DeliveryResult result = to_sheet.deliver(event);
    while (!result.status.ok() && ++attempts < 100) {
      ++failures;
      const ErrorCode code = result.status.error().code;
      EXPECT_TRUE(code == ErrorCode::kUnavailable || code == ErrorCode::kAmbiguous)
          << result.status.error().to_string();
      error_text(result);
      result = to_sheet.deliver(event);
    }
    ASSERT_TRUE(result.status.ok());
  }
  EXPECT_GT(failures, 0);
  EXPECT_EQ(sheet_rows(*fake, "EventIds").size(), 1u + day.size());
  EXPECT_EQ(sheet_rows(*fake, "Trades").size(), 3u);
  EXPECT_EQ(sheet_rows(*fake, "Runs").size(), 2u);
  EXPECT_EQ(sheet_rows(*fake, "Events").size(), 8u);
}

TEST_F(SheetsSinkTest, WrongUrlsAndAnswersThatAreNotTheScriptsAreRejectedWithoutSecrets) {
  const std::string other = fake->base_url() + "/macros/s/AKfycbSomeOtherDeployment000000/exec";
  const DeliveryResult missing = SheetsSink(curl, clock, other, kSheetsSecret).deliver(day[0]);
  EXPECT_EQ(missing.status.error().code, ErrorCode::kRejected);
  const std::string text = error_text(missing);
  EXPECT_NE(text.find("HTTP 404"), std::string::npos) << text;
  EXPECT_EQ(text.find("AKfycbSomeOtherDeployment000000"), std::string::npos) << text;

  auto silent = start_apps_script(
      {"--script", std::string(STRATUS_SOURCE_DIR) + "/tests/webhook/scripts/silent.gs"});
  ASSERT_NE(silent, nullptr);
  const DeliveryResult html =
      SheetsSink(curl, clock, sheets_url(*silent), kSheetsSecret).deliver(day[0]);
  EXPECT_EQ(html.status.error().code, ErrorCode::kRejected);
  EXPECT_NE(error_text(html).find("The script completed but did not return anything"),
            std::string::npos)
      << error_text(html);

  const DeliveryResult refused =
      SheetsSink(curl, clock, "http://127.0.0.1:1/macros/s/" + std::string(kDeploymentId) + "/exec",
                 kSheetsSecret)
          .deliver(day[0]);
  EXPECT_EQ(refused.status.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(error_text(refused).find("127.0.0.1:1"), std::string::npos) << error_text(refused);

  EXPECT_EQ(SheetsSink(curl, clock, "not a url", kSheetsSecret).deliver(day[0]).status.error().code,
            ErrorCode::kRejected);
  EXPECT_FALSE(SheetsSink::check_settings("script.google.com/x", kSheetsSecret).ok());
  EXPECT_FALSE(SheetsSink::check_settings(sheets_url(*fake), "").ok());
  EXPECT_TRUE(SheetsSink::check_settings(sheets_url(*fake), kSheetsSecret).ok());
  const Status bad = SheetsSink::check_settings("ftp://x/" + std::string(kDeploymentId), "s");
  ASSERT_FALSE(bad.ok());
  expect_no_secret(bad.error().to_string(), "check_settings");
}

TEST(SheetsSinkRelativeLocation, ALocationPathIsResolvedAgainstTheWebAppUrl) {
  auto fake = start_apps_script({"--echo-location", "relative"});
  ASSERT_NE(fake, nullptr);
  CurlHttpClient curl;
  SystemClock clock;
  const Json run = events_of(closed_day("2015-08-22"))[0];
  const DeliveryResult result =
      SheetsSink(curl, clock, sheets_url(*fake), kSheetsSecret).deliver(run);
  ASSERT_TRUE(result.status.ok()) << result.status.error().to_string();
  EXPECT_EQ(sheet_rows(*fake, "Events").size(), 2u);
}

}  // namespace
}  // namespace stratus
