// FakeSns: a local stand-in for Amazon SNS's Query API on cpp-httplib, for tests of Stratus's
// alerts over real sockets on 127.0.0.1. Shapes from the SNS API reference (API version
// 2010-03-31: POST / with an application/x-www-form-urlencoded body, answers in XML):
//   Publish {TopicArn, Message, Subject} -> <PublishResponse><PublishResult><MessageId>.
//     Errors (an <ErrorResponse> with Type, Code, Message): NotFound (404) for a topic this fake
//     does not have; InvalidParameter (400) for a missing or empty Message, one over 262,144
//     bytes, a Subject of 100 characters or more, or one with line breaks, control or non-ASCII
//     characters; InvalidAction (400) for any other Action; a Version other than 2010-03-31 is
//     InvalidParameterValue... (400).
// Every request must carry a valid SigV4 signature (service "sns") made with the known
// credentials: else 403 InvalidClientTokenId (other key id), SignatureDoesNotMatch (other
// secret), IncompleteSignature, or MissingAuthenticationToken without an Authorization header.
// Outages: fail_next(n) answers the next n signed Publish calls with 500 InternalError.
// Admin (unsigned, test support): GET /__admin/messages -> {"messages": [{TopicArn, Subject,
// Message, MessageId}]} in arrival order; POST /__admin/fail_next?count=N.
// Thread-safe. Test support only.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/aws/sigv4.h"
#include "domain/result.h"
#include "fakes/aws/fake_service.h"
#include "fakes/aws/fake_ssm.h"  // kFakeAwsCredentials

namespace stratus::fakes {

struct FakeSnsMessage {
  std::string topic_arn;
  std::string subject;
  std::string message;
  std::string message_id;
};

class FakeSns : public FakeService {
 public:
  // `topics`: the topic ARNs that exist.
  explicit FakeSns(std::set<std::string> topics, AwsCredentials known = kFakeAwsCredentials);
  ~FakeSns();  // Stops.
  FakeSns(const FakeSns&) = delete;
  FakeSns& operator=(const FakeSns&) = delete;

  // start(), stop(), port(), endpoint() (AWS_ENDPOINT_URL_SNS): FakeService.

  std::vector<FakeSnsMessage> messages() const;  // Published, in arrival order.
  void fail_next(int count);                     // See above.
  nlohmann::json state() const;                  // The admin dump.

 private:
  struct Answer {
    int status = 200;
    std::string xml;
  };
  Answer handle(const std::string& body);

  std::set<std::string> topics_;
  AwsCredentials known_;
  mutable std::mutex mutex_;
  std::vector<FakeSnsMessage> messages_;
  int fail_left_ = 0;
  int request_counter_ = 0;
};

}  // namespace stratus::fakes
