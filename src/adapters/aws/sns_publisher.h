// SnsPublisher: Amazon SNS `Publish` (the Query API: a form-encoded, SigV4-signed POST answered
// in XML, API version 2010-03-31), for alerts. One message to one topic per call; a message is
// delivered at least once (a Publish whose answer was lost may have been delivered).
#pragma once

#include <string>

#include "adapters/aws/aws_environment.h"
#include "ports/clock.h"
#include "ports/http_client.h"

namespace stratus {

struct SnsMessage {
  std::string topic_arn;  // "arn:aws:sns:<region>:<account>:<name>".
  std::string subject;    // Optional; e-mail subscribers see it. At most 99 printable ASCII.
  std::string message;    // Non-empty, at most 256 KiB.
};

class SnsPublisher {
 public:
  // REQUIRES: http and clock outlive it. settings come from resolve_aws_settings(env,
  // kSnsService).
  SnsPublisher(HttpClient& http, AwsSettings settings, const Clock& clock)
      : http_(http), settings_(std::move(settings)), clock_(clock) {}

  // Publishes `message`; returns SNS's MessageId. Errors: InvalidInput for a bad ARN, subject or
  // message (nothing is sent); the classes of aws_error() for SNS's error answers (e.g.
  // NotFound for an unknown topic, Rejected for refused credentials, Unavailable when
  // throttled); Unavailable or Ambiguous from the HTTP client.
  Result<std::string> publish(const SnsMessage& message);

 private:
  HttpClient& http_;
  AwsSettings settings_;
  const Clock& clock_;
};

// `text` percent-encoded for an application/x-www-form-urlencoded body (RFC 3986 unreserved
// characters kept, everything else %XX).
std::string form_encode(const std::string& text);

// The text of the first <tag>...</tag> element in `xml`, with the five XML entities decoded;
// empty when absent. Enough for SNS's flat answers.
std::string xml_element_text(const std::string& xml, const std::string& tag);

}  // namespace stratus
