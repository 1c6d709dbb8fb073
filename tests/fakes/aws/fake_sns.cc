// FakeSns (see fake_sns.h).
#include "fakes/aws/fake_sns.h"

#include <httplib.h>

#include <chrono>
#include <map>
#include <utility>

#include "adapters/aws/sigv4_verifier.h"

namespace stratus::fakes {
namespace {

constexpr const char* kXmlns = "http://sns.amazonaws.com/doc/2010-03-31/";
constexpr std::size_t kMaxMessageBytes = 262'144;
constexpr std::size_t kMaxSubject = 99;  // "less than 100 characters long".

std::string xml_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string error_xml(const std::string& type, const std::string& code, const std::string& message,
                      int request) {
  return std::string("<ErrorResponse xmlns=\"") + kXmlns + "\"><Error><Type>" + type +
         "</Type><Code>" + code + "</Code><Message>" + xml_escape(message) +
         "</Message></Error><RequestId>fake-sns-" + std::to_string(request) +
         "</RequestId></ErrorResponse>";
}

// The fields of an application/x-www-form-urlencoded body, decoded.
std::map<std::string, std::string> form_fields(const std::string& body) {
  std::map<std::string, std::string> out;
  for (std::size_t start = 0; start <= body.size();) {
    std::size_t amp = body.find('&', start);
    if (amp == std::string::npos) amp = body.size();
    const std::string pair = body.substr(start, amp - start);
    if (!pair.empty()) {
      const auto eq = pair.find('=');
      out[httplib::detail::decode_url(pair.substr(0, eq), true)] =
          eq == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(eq + 1), true);
    }
    start = amp + 1;
  }
  return out;
}

bool is_clean_subject(const std::string& subject) {
  for (char c : subject) {
    if (c < 0x20 || c >= 0x7f) return false;
  }
  return true;
}

}  // namespace

FakeSns::FakeSns(std::set<std::string> topics, AwsCredentials known)
    : FakeService("the fake SNS"), topics_(std::move(topics)), known_(std::move(known)) {
  server().Post("/", [this](const httplib::Request& req, httplib::Response& res) {
    int request = 0;
    {
      std::lock_guard lock(mutex_);
      request = ++request_counter_;
    }
    std::string refused;
    if (!req.has_header("Authorization")) {
      refused = "MissingAuthenticationToken";
    } else {
      refused = verify_signature(req, known_);
    }
    if (!refused.empty()) {
      // SNS names these without the "Exception" suffix the JSON services use.
      if (refused.ends_with("Exception")) refused.resize(refused.size() - 9);
      if (refused == "UnrecognizedClient") refused = "InvalidClientTokenId";
      if (refused == "InvalidSignature") refused = "SignatureDoesNotMatch";
      res.status = 403;
      res.set_content(error_xml("Sender", refused,
                                "The request signature we calculated does not match the "
                                "signature you provided, or the key is not known",
                                request),
                      "text/xml");
      return;
    }
    Answer answer = handle(req.body);
    res.status = answer.status;
    res.set_content(answer.xml, "text/xml");
  });
  server().Get("/__admin/messages", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(state().dump(), "application/json");
  });
  server().Post("/__admin/fail_next", [this](const httplib::Request& req, httplib::Response& res) {
    try {
      fail_next(std::stoi(req.get_param_value("count")));
      res.set_content("{}", "application/json");
    } catch (const std::exception&) {
      res.status = 400;
      res.set_content("{\"error\": \"expected ?count=N\"}", "application/json");
    }
  });
}

FakeSns::~FakeSns() { stop(); }

std::vector<FakeSnsMessage> FakeSns::messages() const {
  std::lock_guard lock(mutex_);
  return messages_;
}

void FakeSns::fail_next(int count) {
  std::lock_guard lock(mutex_);
  fail_left_ = count;
}

nlohmann::json FakeSns::state() const {
  std::lock_guard lock(mutex_);
  nlohmann::json list = nlohmann::json::array();
  for (const FakeSnsMessage& m : messages_) {
    list.push_back({{"TopicArn", m.topic_arn},
                    {"Subject", m.subject},
                    {"Message", m.message},
                    {"MessageId", m.message_id}});
  }
  return {{"messages", list}};
}

FakeSns::Answer FakeSns::handle(const std::string& body) {
  auto fields = form_fields(body);
  std::lock_guard lock(mutex_);
  const int request = request_counter_;
  auto refuse = [&](int status, const std::string& code, const std::string& message) {
    return Answer{status, error_xml("Sender", code, message, request)};
  };
  if (fields["Action"] != "Publish") {
    return refuse(400, "InvalidAction", "The action " + fields["Action"] + " is not valid");
  }
  if (fields["Version"] != "2010-03-31") {
    return refuse(400, "InvalidParameterValue", "Version: expected 2010-03-31");
  }
  if (fail_left_ > 0) {
    --fail_left_;
    return Answer{500, error_xml("Receiver", "InternalError", "Internal failure", request)};
  }
  const std::string& topic = fields["TopicArn"];
  if (topics_.count(topic) == 0) return refuse(404, "NotFound", "Topic does not exist");
  const std::string& message = fields["Message"];
  if (message.empty()) {
    return refuse(400, "InvalidParameter", "Invalid parameter: Empty message");
  }
  if (message.size() > kMaxMessageBytes) {
    return refuse(400, "InvalidParameter", "Invalid parameter: Message too long");
  }
  const std::string& subject = fields["Subject"];
  if (subject.size() > kMaxSubject || !is_clean_subject(subject)) {
    return refuse(400, "InvalidParameter", "Invalid parameter: Subject");
  }
  FakeSnsMessage stored{topic, subject, message,
                        "fake-sns-msg-" + std::to_string(messages_.size() + 1)};
  messages_.push_back(stored);
  return Answer{200, std::string("<PublishResponse xmlns=\"") + kXmlns +
                         "\"><PublishResult><MessageId>" + stored.message_id +
                         "</MessageId></PublishResult><ResponseMetadata><RequestId>fake-sns-" +
                         std::to_string(request) +
                         "</RequestId></ResponseMetadata></PublishResponse>"};
}

}  // namespace stratus::fakes
