// SlackSink over a real CurlHttpClient against the fake Slack incoming webhook (tests/fakes/
// slack) on 127.0.0.1, which validates Block Kit as Slack documents: messages of real events
// arrive with their event id, each documented refusal becomes Rejected with Slack's code, 429
// and 5xx Unavailable with Retry-After kept, a lost answer Ambiguous; no token in any error.
#include "adapters/webhook/slack_sink.h"

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

class SlackSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake = start_slack();
    ASSERT_NE(fake, nullptr);
  }

  SlackSink sink() { return SlackSink(curl, clock, slack_url(*fake)); }

  std::string error_text(const DeliveryResult& result) {
    EXPECT_FALSE(result.status.ok());
    if (result.status.ok()) return "";
    const std::string text = result.status.error().to_string();
    expect_no_secret(text, "the delivery error");
    return text;
  }

  // Posts `body` straight to the webhook: Slack's answer (status and text).
  std::pair<int, std::string> post_raw(const std::string& body) {
    HttpRequest request;
    request.method = "POST";
    request.url = slack_url(*fake);
    request.headers = {{"Content-Type", "application/json"}};
    request.body = body;
    auto answer = curl.send(request);
    EXPECT_TRUE(answer.ok());
    return answer.ok() ? std::pair{answer->status, answer->body} : std::pair{0, std::string()};
  }

  std::unique_ptr<NodeFake> fake;
  CurlHttpClient curl;
  SystemClock clock;
};

TEST_F(SlackSinkTest, EveryEventOfARunArrivesAsAValidMessageWithItsEventId) {
  SlackSink to_slack = sink();
  EXPECT_EQ(to_slack.name(), "slack");
  std::vector<std::string> sent;
  for (const Json& doc :
       {trading_day("2015-08-24"), failing_day("2015-08-25"), closed_day("2015-08-22")}) {
    for (const Json& event : events_of(doc)) {
      const DeliveryResult result = to_slack.deliver(event);
      ASSERT_TRUE(result.status.ok()) << result.status.error().to_string() << "\n" << event.dump();
      sent.push_back(event["event_id"]);
    }
  }
  EXPECT_EQ(slack_event_ids(*fake), sent);
  auto dump = fake->get_json("/__admin/messages");
  ASSERT_TRUE(dump.ok());
  const Json& first = (*dump)["messages"][0];
  EXPECT_EQ(first["webhook"], std::string(kSlackTeam) + "/" + kSlackBot);
  EXPECT_EQ(first["text"], "Stratus dev: Run started");
  expect_no_secret(dump->dump(), "the fake's record");
}

TEST_F(SlackSinkTest, HugeEventsStayWithinTheLimitsSlackChecks) {
  Json order = first_of(events_of(failing_day("2015-08-25")), "order");
  order["data"]["reason"] = std::string(10'000, '<');
  order["data"]["symbol"] = std::string(4'000, 'X');
  Json alert = first_of(events_of(trading_day("2015-08-24")), "alert");
  alert["data"]["message"] = std::string(20'000, '&');
  alert["data"]["subject"] = std::string(1'000, 'S');
  Json odd = {{"event_id", "odd#1"}, {"type", "new_kind"}, {"data", Json::array()}};
  for (int i = 0; i < 5'000; ++i) odd["data"].push_back(i);
  for (const Json& event : {order, alert, odd}) {
    const DeliveryResult result = sink().deliver(event);
    EXPECT_TRUE(result.status.ok()) << result.status.error().to_string();
  }
  EXPECT_EQ(slack_event_ids(*fake).size(), 3u);
}

TEST_F(SlackSinkTest, SlacksRefusalsAreRejectedWithItsCode) {
  const Json event = events_of(trading_day("2015-08-24"))[0];
  const std::string wrong_token =
      fake->base_url() + "/services/" + kSlackTeam + "/" + kSlackBot + "/xoxSomeOtherToken12345";
  const DeliveryResult invalid = SlackSink(curl, clock, wrong_token).deliver(event);
  EXPECT_EQ(invalid.status.error().code, ErrorCode::kRejected);
  EXPECT_NE(error_text(invalid).find("HTTP 403 invalid_token"), std::string::npos)
      << error_text(invalid);
  EXPECT_EQ(error_text(invalid).find("xoxSomeOtherToken12345"), std::string::npos);
  EXPECT_NE(error_text(invalid).find("the Slack webhook (127.0.0.1:"), std::string::npos);

  const std::string unknown = fake->base_url() + "/services/T0NOBODY/B0NOBODY/xoxUnknownHook000000";
  const DeliveryResult no_service = SlackSink(curl, clock, unknown).deliver(event);
  EXPECT_EQ(no_service.status.error().code, ErrorCode::kRejected);
  EXPECT_NE(error_text(no_service).find("HTTP 404 no_service"), std::string::npos);

  for (const auto& [mode, answer] : std::vector<std::pair<std::string, std::string>>{
           {"channel_not_found", "HTTP 404 channel_not_found"},
           {"channel_is_archived", "HTTP 410 channel_is_archived"},
           {"action_prohibited", "HTTP 403 action_prohibited"}}) {
    ASSERT_TRUE(fake->set_mode(mode).ok());
    const DeliveryResult refused = sink().deliver(event);
    EXPECT_EQ(refused.status.error().code, ErrorCode::kRejected) << mode;
    EXPECT_NE(error_text(refused).find(answer), std::string::npos) << error_text(refused);
  }
  EXPECT_TRUE(slack_event_ids(*fake).empty());
}

TEST_F(SlackSinkTest, TheFakeAnswersMalformedMessagesAsSlackDocuments) {
  EXPECT_EQ(post_raw("not json"), (std::pair<int, std::string>{400, "invalid_payload"}));
  EXPECT_EQ(post_raw("{}"), (std::pair<int, std::string>{400, "no_text"}));
  EXPECT_EQ(post_raw(R"({"text": ""})"), (std::pair<int, std::string>{400, "no_text"}));
  EXPECT_EQ(post_raw(R"({"blocks": {}})"),
            (std::pair<int, std::string>{400, "invalid_blocks_format"}));
  Json many = {{"text", "x"}, {"blocks", Json::array()}};
  for (int i = 0; i < 51; ++i) many["blocks"].push_back({{"type", "divider"}});
  EXPECT_EQ(post_raw(many.dump()), (std::pair<int, std::string>{400, "invalid_blocks"}));
  const auto section = [](std::size_t n) {
    return Json{
        {"text", "x"},
        {"blocks",
         {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::string(n, 'a')}}}}}}}
        .dump();
  };
  EXPECT_EQ(post_raw(section(3000)).first, 200);
  EXPECT_EQ(post_raw(section(3001)), (std::pair<int, std::string>{400, "invalid_blocks"}));
  const Json header = {{"text", "x"},
                       {"blocks",
                        {{{"type", "header"},
                          {"text", {{"type", "plain_text"}, {"text", std::string(151, 'h')}}}}}}};
  EXPECT_EQ(post_raw(header.dump()), (std::pair<int, std::string>{400, "invalid_blocks"}));
  EXPECT_EQ(post_raw(R"({"text": "hello"})"), (std::pair<int, std::string>{200, "ok"}));
}

TEST_F(SlackSinkTest, RateLimitsAndOutagesAreUnavailableWithRetryAfter) {
  const Json event = events_of(trading_day("2015-08-24"))[0];
  ASSERT_TRUE(fake->set_mode("rate_limited", "retry_after=42").ok());
  const DeliveryResult limited = sink().deliver(event);
  EXPECT_EQ(limited.status.error().code, ErrorCode::kUnavailable);
  ASSERT_TRUE(limited.retry_after.has_value());
  EXPECT_EQ(*limited.retry_after, std::chrono::seconds(42));
  EXPECT_NE(error_text(limited).find("HTTP 429 rate_limited"), std::string::npos);

  ASSERT_TRUE(fake->set_mode("down").ok());
  const DeliveryResult down = sink().deliver(event);
  EXPECT_EQ(down.status.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(down.retry_after.has_value());
  error_text(down);

  const DeliveryResult refused =
      SlackSink(curl, clock,
                "http://127.0.0.1:1/services/" + std::string(kSlackTeam) + "/" + kSlackBot + "/" +
                    kSlackToken)
          .deliver(event);
  EXPECT_EQ(refused.status.error().code, ErrorCode::kUnavailable);
  error_text(refused);
  EXPECT_TRUE(slack_event_ids(*fake).empty());
}

TEST_F(SlackSinkTest, ADroppedAnswerIsAmbiguousAndNothingWasPosted) {
  ASSERT_TRUE(fake->set_mode("half", "seed=3").ok());
  const Json events = events_of(trading_day("2015-08-24"));
  SlackSink to_slack = sink();
  int ambiguous = 0;
  int unavailable = 0;
  for (const Json& event : events) {
    DeliveryResult result = to_slack.deliver(event);
    for (int tries = 0; !result.status.ok() && tries < 100; ++tries) {
      const ErrorCode code = result.status.error().code;
      ambiguous += code == ErrorCode::kAmbiguous;
      unavailable += code == ErrorCode::kUnavailable;
      error_text(result);
      result = to_slack.deliver(event);
    }
    ASSERT_TRUE(result.status.ok());
  }
  EXPECT_GT(ambiguous, 0) << "dropped connections";
  EXPECT_GT(unavailable, 0) << "500 answers";
  std::vector<std::string> expected;
  for (const Json& event : events) expected.push_back(event["event_id"]);
  EXPECT_EQ(slack_event_ids(*fake), expected) << "the fake failed before posting: no repeats";
}

TEST(SlackSinkSettings, ABadUrlIsRefusedWithoutRepeatingIt) {
  EXPECT_TRUE(SlackSink::check_settings("https://hooks.slack.com/services/T/B/x").ok());
  const Status bad =
      SlackSink::check_settings(std::string("hooks.slack.com/services/") + kSlackToken);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  expect_no_secret(bad.error().to_string(), "check_settings");
  CurlHttpClient curl;
  SystemClock clock;
  const DeliveryResult result = SlackSink(curl, clock, std::string("nope/") + kSlackToken)
                                    .deliver(Json{{"event_id", "x#1"}, {"type", "run"}});
  EXPECT_EQ(result.status.error().code, ErrorCode::kRejected);
  expect_no_secret(result.status.error().to_string(), "the delivery error");
}

}  // namespace
}  // namespace stratus
