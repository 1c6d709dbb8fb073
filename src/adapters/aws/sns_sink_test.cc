// SnsSink over SnsAlertPublisher and a real CurlHttpClient against the fake SNS of
// tests/fakes/aws on 127.0.0.1: alert events keep their subject and text, other events get a
// generic subject and a readable body, each ends with its event id, and SNS's refusals and
// outages become the delivery results the outbox acts on.
#include "adapters/aws/sns_sink.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "adapters/aws/sns_alert_publisher.h"
#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "fakes/aws/fake_sns.h"
#include "webhook/sample_events.h"

namespace stratus {
namespace {

using fakes::FakeSns;
using Json = nlohmann::json;

constexpr const char* kTopic = "arn:aws:sns:us-east-1:123456789012:stratus-alerts";

struct SnsWorld {
  SnsWorld() : sns(std::set<std::string>{kTopic}) {
    EXPECT_TRUE(sns.start().ok());
    settings.credentials.credentials = fakes::kFakeAwsCredentials;
    settings.region = "us-east-1";
    settings.endpoint = sns.endpoint();
    settings.signing_service = "sns";
  }
  FakeSns sns;
  CurlHttpClient curl;
  SystemClock clock;
  AwsSettings settings;
};

Json day_events() { return webhook_test::events_of(webhook_test::trading_day("2015-08-24")); }

TEST(SnsSink, AnAlertEventIsPublishedWithItsSubjectTextAndEventId) {
  SnsWorld world;
  SnsPublisher publisher(world.curl, world.settings, world.clock);
  SnsAlertPublisher alerts(publisher, kTopic);
  SnsSink sink(alerts);
  EXPECT_EQ(sink.name(), "sns");
  const Json alert = webhook_test::first_of(day_events(), "alert");
  const DeliveryResult result = sink.deliver(alert);
  ASSERT_TRUE(result.status.ok()) << result.status.error().to_string();
  const auto seen = world.sns.messages();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].topic_arn, kTopic);
  EXPECT_EQ(seen[0].subject, alert["data"]["subject"]);
  EXPECT_EQ(seen[0].message.rfind(alert["data"]["message"].get<std::string>(), 0), 0u);
  EXPECT_NE(seen[0].message.find("event " + alert["event_id"].get<std::string>()),
            std::string::npos);
}

TEST(SnsSink, OtherEventsGetAGenericSubjectAndAReadableBody) {
  SnsWorld world;
  SnsPublisher publisher(world.curl, world.settings, world.clock);
  SnsAlertPublisher alerts(publisher, kTopic);
  SnsSink sink(alerts);
  const Json order = webhook_test::first_of(day_events(), "order");
  ASSERT_TRUE(sink.deliver(order).status.ok());
  const auto seen = world.sns.messages();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].subject, "Stratus dev: order (info) AAPL");
  for (const std::string line : {"what: order\n", "severity: info\n", "at: 2015-08-24T19:45:00Z\n",
                                 "run: 2015-08-24T19:45:00Z/dev\n", "symbol: AAPL\n", "qty: 2\n",
                                 "state: filled\n", "event 2015-08-24T19:45:00Z/dev#7\n"}) {
    EXPECT_NE(seen[0].message.find(line), std::string::npos) << line << "in\n" << seen[0].message;
  }
}

TEST(SnsSink, RefusalsAreRejectedAndOutagesUnavailable) {
  SnsWorld world;
  SnsPublisher publisher(world.curl, world.settings, world.clock);
  SnsAlertPublisher missing_topic(publisher, "arn:aws:sns:us-east-1:123456789012:nope");
  const DeliveryResult refused = SnsSink(missing_topic).deliver(day_events()[0]);
  ASSERT_FALSE(refused.status.ok());
  EXPECT_EQ(refused.status.error().code, ErrorCode::kRejected);
  EXPECT_NE(refused.status.error().to_string().find("NotFound"), std::string::npos)
      << refused.status.error().to_string();

  SnsAlertPublisher alerts(publisher, kTopic);
  SnsSink sink(alerts);
  world.sns.fail_next(1);
  const DeliveryResult down = sink.deliver(day_events()[0]);
  ASSERT_FALSE(down.status.ok());
  EXPECT_EQ(down.status.error().code, ErrorCode::kUnavailable) << down.status.error().to_string();
  EXPECT_TRUE(world.sns.messages().empty());
  EXPECT_TRUE(sink.deliver(day_events()[0]).status.ok());
  EXPECT_EQ(world.sns.messages().size(), 1u);
}

TEST(SnsSink, SubjectsArePrintableAsciiWithinSnsLimitsWhateverTheEvent) {
  Json alert = webhook_test::first_of(day_events(), "alert");
  alert["data"]["subject"] = "Caf\xC3\xA9 \n bought " + std::string(200, 'x');
  const Alert made = sns_alert_for(alert);
  EXPECT_LE(made.subject.size(), 99u);
  EXPECT_EQ(made.subject.rfind("Caf? bought xxx", 0), 0u) << made.subject;
  for (const Json& odd : {Json(), Json(5), Json::object(), Json{{"type", "alert"}}}) {
    const Alert a = sns_alert_for(odd);
    EXPECT_FALSE(a.subject.empty());
    EXPECT_FALSE(a.message.empty());
    for (char c : a.subject) EXPECT_TRUE(c >= 0x20 && c < 0x7f);
  }
}

}  // namespace
}  // namespace stratus
