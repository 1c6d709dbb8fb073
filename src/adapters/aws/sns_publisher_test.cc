// SnsPublisher over a real CurlHttpClient against the fake SNS of tests/fakes/aws on 127.0.0.1
// (from the SNS API reference: POST / with Action=Publish&Version=2010-03-31, TopicArn, Message,
// Subject; an XML PublishResponse with the MessageId, or an XML ErrorResponse), which checks
// the SigV4 signature with the key it knows and rejects a bad one as AWS does.
#include "adapters/aws/sns_publisher.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "fakes/aws/fake_sns.h"

namespace stratus {
namespace {

using fakes::FakeSns;
using fakes::kFakeAwsCredentials;

constexpr const char* kTopic = "arn:aws:sns:us-east-1:123456789012:stratus-alerts";

// A started fake SNS that has kTopic.
std::unique_ptr<FakeSns> started_sns() {
  auto sns = std::make_unique<FakeSns>(std::set<std::string>{kTopic});
  EXPECT_TRUE(sns->start().ok());
  return sns;
}

AwsSettings settings_for(const std::string& endpoint, AwsCredentials keys = kFakeAwsCredentials) {
  AwsSettings s;
  s.credentials.credentials = std::move(keys);
  s.region = "us-east-1";
  s.endpoint = endpoint;
  s.signing_service = "sns";
  return s;
}

TEST(SnsPublisher, PublishesASignedMessageAndReturnsItsId) {
  auto sns = started_sns();
  CurlHttpClient curl;
  SystemClock clock;
  SnsPublisher publisher(curl, settings_for(sns->endpoint()), clock);
  auto id = publisher.publish(
      {kTopic, "Stratus: order placed", "Bought 2 AAPL at 105.76 & 1 MSFT (dip-AAPL-20150824-1)"});
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(*id, "fake-sns-msg-1");
  const auto seen = sns->messages();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].topic_arn, kTopic);
  EXPECT_EQ(seen[0].subject, "Stratus: order placed");
  EXPECT_EQ(seen[0].message, "Bought 2 AAPL at 105.76 & 1 MSFT (dip-AAPL-20150824-1)");
}

TEST(SnsPublisher, SnsRefusalsBecomeStratusErrorsWithoutSecrets) {
  auto sns = started_sns();
  CurlHttpClient curl;
  SystemClock clock;
  AwsCredentials wrong = kFakeAwsCredentials;
  wrong.secret_access_key = "not-the-secret";
  auto refused = SnsPublisher(curl, settings_for(sns->endpoint(), wrong), clock)
                     .publish({kTopic, "", "hello"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_NE(refused.error().to_string().find("SignatureDoesNotMatch"), std::string::npos)
      << refused.error().to_string();
  EXPECT_EQ(refused.error().to_string().find("not-the-secret"), std::string::npos);

  AwsCredentials stranger = kFakeAwsCredentials;
  stranger.access_key_id = "AKIDSOMEONEELSE";
  auto unknown =
      SnsPublisher(curl, settings_for(sns->endpoint(), stranger), clock).publish({kTopic, "", "x"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kRejected);
  EXPECT_NE(unknown.error().to_string().find("InvalidClientTokenId"), std::string::npos)
      << unknown.error().to_string();

  auto missing = SnsPublisher(curl, settings_for(sns->endpoint()), clock)
                     .publish({"arn:aws:sns:us-east-1:123456789012:nope", "", "hello"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound) << missing.error().to_string();
  EXPECT_TRUE(sns->messages().empty());
}

TEST(SnsPublisher, AnOutageIsUnavailableAndPublishesNothing) {
  auto sns = started_sns();
  sns->fail_next(1);
  CurlHttpClient curl;
  SystemClock clock;
  SnsPublisher publisher(curl, settings_for(sns->endpoint()), clock);
  auto down = publisher.publish({kTopic, "", "hello"});
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, ErrorCode::kUnavailable) << down.error().to_string();
  EXPECT_TRUE(sns->messages().empty());
  auto again = publisher.publish({kTopic, "", "hello"});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_EQ(sns->messages().size(), 1u);
}

TEST(SnsPublisher, BadMessagesAreRefusedBeforeSending) {
  CurlHttpClient curl;
  SystemClock clock;
  SnsPublisher publisher(curl, settings_for("http://127.0.0.1:1"), clock);
  for (const SnsMessage& m :
       {SnsMessage{"alerts", "", "hi"}, SnsMessage{kTopic, "", ""},
        SnsMessage{kTopic, "two\nlines", "hi"}, SnsMessage{kTopic, std::string(100, 's'), "hi"}}) {
    auto r = publisher.publish(m);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << r.error().to_string();
  }
}

TEST(SnsXml, ReadsElementsAndDecodesEntities) {
  EXPECT_EQ(xml_element_text("<a><Code>X&amp;Y &lt;1&gt;</Code></a>", "Code"), "X&Y <1>");
  EXPECT_EQ(xml_element_text("<a></a>", "Code"), "");
  EXPECT_EQ(form_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
}

}  // namespace
}  // namespace stratus
