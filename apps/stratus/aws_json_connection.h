// AwsJsonConnection: a signed AWS JSON client (adapters/aws/aws_json_client.h) for one service
// with everything it runs on: its own plain CurlHttpClient with [http]'s timeouts, the system
// clock, sleeps and jitter. The client retries by the options' policy (callers pass [http]'s:
// http_stack.h retry_policy_from) and signs each attempt, so no RetryingHttpClient sits in front.
// The DynamoDB ledger's and SSM's connections hold one.
#pragma once

#include <string>

#include "adapters/aws/aws_environment.h"
#include "adapters/aws/aws_json_client.h"
#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/http/random_source.h"
#include "adapters/http/sleeper.h"
#include "config/config.h"

namespace stratus {

class AwsJsonConnection {
 public:
  // `options` says the service's protocol (target prefix, signing name, endpoint) and retries.
  AwsJsonConnection(const HttpConfig& http, const AwsSettings& settings,
                    AwsJsonClientOptions options);
  AwsJsonConnection(const AwsJsonConnection&) = delete;
  AwsJsonConnection& operator=(const AwsJsonConnection&) = delete;

  AwsJsonClient& client() { return aws_; }
  // Where requests go, e.g. "https://dynamodb.us-east-1.amazonaws.com" (safe to show).
  const std::string& endpoint() const { return endpoint_; }

 private:
  std::string endpoint_;
  CurlHttpClient http_;
  SystemClock clock_;
  ThreadSleeper sleeper_;
  Mt19937RandomSource random_;
  AwsJsonClient aws_;
};

}  // namespace stratus
