#include "adapters/aws/sns_publisher.h"

#include "adapters/aws/aws_error.h"
#include "adapters/aws/sigv4.h"
#include "support/percent_encoding.h"

namespace stratus {
namespace {

constexpr std::size_t kMaxMessageBytes = 256 * 1024;
// SNS: "less than 100 characters long" (Publish, API reference).
constexpr std::size_t kMaxSubject = 99;

Status check(const SnsMessage& m) {
  const std::string context = "SNS Publish";
  if (m.topic_arn.rfind("arn:aws", 0) != 0 || m.topic_arn.find(":sns:") == std::string::npos) {
    return Error::invalid_input(
        "topic \"" + m.topic_arn +
            "\": expected an ARN like arn:aws:sns:us-east-1:123456789012:alerts",
        context);
  }
  if (m.message.empty() || m.message.size() > kMaxMessageBytes) {
    return Error::invalid_input(
        "message of " + std::to_string(m.message.size()) + " bytes: expected 1 to 262144", context);
  }
  if (m.subject.size() > kMaxSubject) {
    return Error::invalid_input(
        "subject of " + std::to_string(m.subject.size()) + " characters: expected at most 99",
        context);
  }
  for (char c : m.subject) {
    if (c < 0x20 || c > 0x7e) {
      return Error::invalid_input(
          "subject \"" + m.subject + "\": expected printable ASCII without line breaks", context);
    }
  }
  return {};
}

}  // namespace

std::string form_encode(const std::string& text) { return percent_encode(text); }

std::string xml_element_text(const std::string& xml, const std::string& tag) {
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  const auto start = xml.find(open);
  if (start == std::string::npos) return {};
  const auto end = xml.find(close, start + open.size());
  if (end == std::string::npos) return {};
  std::string raw = xml.substr(start + open.size(), end - start - open.size());
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    bool decoded = false;
    for (auto [entity, ch] :
         {std::pair{"&lt;", '<'}, std::pair{"&gt;", '>'}, std::pair{"&amp;", '&'},
          std::pair{"&quot;", '"'}, std::pair{"&apos;", '\''}}) {
      const std::string e(entity);
      if (raw.compare(i, e.size(), e) == 0) {
        out += ch;
        i += e.size() - 1;
        decoded = true;
        break;
      }
    }
    if (!decoded) out += '&';
  }
  return out;
}

Result<std::string> SnsPublisher::publish(const SnsMessage& message) {
  STRATUS_RETURN_IF_ERROR(check(message));
  HttpRequest request;
  request.method = "POST";
  std::string endpoint = settings_.endpoint;
  while (!endpoint.empty() && endpoint.back() == '/') endpoint.pop_back();
  request.url = endpoint + "/";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = "Action=Publish&Version=2010-03-31&TopicArn=" + form_encode(message.topic_arn) +
                 "&Message=" + form_encode(message.message);
  if (!message.subject.empty()) request.body += "&Subject=" + form_encode(message.subject);
  request.idempotent = false;  // A resent Publish may deliver twice; the caller decides.
  auto signed_request =
      sign_request(request, settings_.credentials.credentials, settings_.scope(), clock_.now());
  if (!signed_request.ok()) return signed_request.error().within("SNS Publish");
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, http_.send(request));
  if (response.status < 200 || response.status >= 300) {
    AwsErrorAnswer answer = parse_aws_error_answer(response);
    if (answer.type.empty()) answer.type = xml_element_text(response.body, "Code");
    if (answer.message.empty()) answer.message = xml_element_text(response.body, "Message");
    if (answer.request_id.empty()) answer.request_id = xml_element_text(response.body, "RequestId");
    return aws_error(answer, "SNS Publish");
  }
  std::string id = xml_element_text(response.body, "MessageId");
  if (id.empty()) {
    return Error::ambiguous(
        "the answer has no MessageId (it may have been published): " + response.body.substr(0, 200),
        "SNS Publish");
  }
  return id;
}

}  // namespace stratus
