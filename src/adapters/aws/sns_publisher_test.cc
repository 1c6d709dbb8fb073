// SnsPublisher over a real CurlHttpClient against a local fake of SNS's Query API on 127.0.0.1
// (from the SNS API reference: POST / with Action=Publish&Version=2010-03-31, TopicArn, Message,
// Subject; an XML PublishResponse with the MessageId, or an XML ErrorResponse). The fake checks
// the SigV4 signature with the key it knows, and rejects a bad one as AWS does.
#include "adapters/aws/sns_publisher.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <vector>

#include "adapters/aws/sigv4_verifier.h"
#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "local_http_server.h"

namespace stratus {
namespace {

const AwsCredentials kKnown{.access_key_id = "AKIDSNSTEST",
                            .secret_access_key = "sns-test-secret/key+0123456789",
                            .session_token = ""};
constexpr const char* kTopic = "arn:aws:sns:us-east-1:123456789012:stratus-alerts";

std::string error_xml(const std::string& type, const std::string& code,
                      const std::string& message) {
  return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type +
         "</Type><Code>" + code + "</Code><Message>" + message +
         "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>";
}

// Form fields of an application/x-www-form-urlencoded body, decoded.
std::map<std::string, std::string> form_fields(const std::string& body) {
  std::map<std::string, std::string> out;
  for (std::size_t start = 0; start < body.size();) {
    std::size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    const std::string pair = body.substr(start, amp - start);
    const auto eq = pair.find('=');
    out[httplib::detail::decode_url(pair.substr(0, eq), true)] =
        eq == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(eq + 1), true);
    start = amp + 1;
  }
  return out;
}

class FakeSns {
 public:
  FakeSns() {
    server_.routes().Post("/", [this](const httplib::Request& req, httplib::Response& res) {
      auto fields = form_fields(req.body);
      if (const std::string bad = verify_signature(req, kKnown); !bad.empty()) {
        res.status = 403;
        res.set_content(error_xml("Sender", "SignatureDoesNotMatch",
                                  "The request signature we calculated does not match"),
                        "text/xml");
        return;
      }
      if (fields["Action"] != "Publish" || fields["Version"] != "2010-03-31") {
        res.status = 400;
        res.set_content(error_xml("Sender", "InvalidAction", "unknown action"), "text/xml");
        return;
      }
      if (fields["TopicArn"] != kTopic) {
        res.status = 404;
        res.set_content(error_xml("Sender", "NotFound", "Topic does not exist"), "text/xml");
        return;
      }
      std::lock_guard lock(mutex_);
      published_.push_back(fields);
      res.set_content(
          "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
          "<MessageId>msg-" +
              std::to_string(published_.size()) +
              "</MessageId></PublishResult><ResponseMetadata><RequestId>req-2</RequestId>"
              "</ResponseMetadata></PublishResponse>",
          "text/xml");
    });
    server_.start();
  }
  std::string url() const { return server_.url(""); }
  std::vector<std::map<std::string, std::string>> published() {
    std::lock_guard lock(mutex_);
    return published_;
  }

 private:
  http_test::LocalHttpServer server_;
  std::mutex mutex_;
  std::vector<std::map<std::string, std::string>> published_;
};

AwsSettings settings_for(const std::string& endpoint, AwsCredentials keys = kKnown) {
  AwsSettings s;
  s.credentials.credentials = std::move(keys);
  s.region = "us-east-1";
  s.endpoint = endpoint;
  s.signing_service = "sns";
  return s;
}

TEST(SnsPublisher, PublishesASignedMessageAndReturnsItsId) {
  FakeSns sns;
  CurlHttpClient curl;
  SystemClock clock;
  SnsPublisher publisher(curl, settings_for(sns.url()), clock);
  auto id = publisher.publish(
      {kTopic, "Stratus: order placed", "Bought 2 AAPL at 105.76 & 1 MSFT (dip-AAPL-20150824-1)"});
  ASSERT_TRUE(id.ok()) << id.error().to_string();
  EXPECT_EQ(*id, "msg-1");
  const auto seen = sns.published();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].at("Subject"), "Stratus: order placed");
  EXPECT_EQ(seen[0].at("Message"), "Bought 2 AAPL at 105.76 & 1 MSFT (dip-AAPL-20150824-1)");
}

TEST(SnsPublisher, SnsRefusalsBecomeStratusErrorsWithoutSecrets) {
  FakeSns sns;
  CurlHttpClient curl;
  SystemClock clock;
  AwsCredentials wrong = kKnown;
  wrong.secret_access_key = "not-the-secret";
  auto refused =
      SnsPublisher(curl, settings_for(sns.url(), wrong), clock).publish({kTopic, "", "hello"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_NE(refused.error().to_string().find("SignatureDoesNotMatch"), std::string::npos)
      << refused.error().to_string();
  EXPECT_EQ(refused.error().to_string().find("not-the-secret"), std::string::npos);

  auto missing = SnsPublisher(curl, settings_for(sns.url()), clock)
                     .publish({"arn:aws:sns:us-east-1:123456789012:nope", "", "hello"});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound) << missing.error().to_string();
  EXPECT_TRUE(sns.published().empty());
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
