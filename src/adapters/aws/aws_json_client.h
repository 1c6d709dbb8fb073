// AwsJsonClient: one AWS JSON-protocol service (DynamoDB, SSM, ...) spoken over the HttpClient
// port: POST <endpoint>/ with Content-Type application/x-amz-json-1.0 (or 1.1), X-Amz-Target
// "<target prefix>.<operation>" and a JSON body, signed with SigV4 again before every attempt
// (a signature holds its time).
//
// Retries (RetryPolicy: attempts, full-jitter backoff, total delay; Retry-After honoured):
//   throttling answers (aws_error.h is_aws_throttling: DynamoDB's 400 ThrottlingException,
//   ProvisionedThroughputExceededException, ..., or 429)   always: AWS did not act on them
//   5xx answers except 501/505                              only idempotent calls
//   Unavailable from the HttpClient (certainly not sent)     always
//   Ambiguous from the HttpClient (may have been applied)    only idempotent calls
// Give it an HttpClient without a RetryingHttpClient in front (e.g. the circuit breaker over
// curl), so that retries are not multiplied and each attempt is freshly signed.
//
// Thread-safe if the HttpClient, Clock, Sleeper and RandomSource are.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/aws/aws_error.h"
#include "adapters/aws/sigv4.h"
#include "adapters/http/random_source.h"
#include "adapters/http/retry_policy.h"
#include "adapters/http/sleeper.h"
#include "ports/clock.h"
#include "ports/http_client.h"

namespace stratus {

struct AwsJsonClientOptions {
  std::string service_name;   // For messages: "DynamoDB".
  std::string endpoint;       // Base URL: "https://dynamodb.us-east-1.amazonaws.com".
  SigningScope scope;         // {region, signing name}.
  std::string target_prefix;  // "DynamoDB_20120810" (SSM: "AmazonSSM").
  std::string content_type = "application/x-amz-json-1.0";  // SSM wants 1.1.
  RetryPolicy retry;
};

// The final answer of a call, after any retries.
struct AwsJsonAnswer {
  int status = 0;
  std::string text;     // The body as received.
  nlohmann::json body;  // The parsed body (null when it is empty or not JSON).
  // Set for every non-2xx answer: its type, message and request id.
  std::optional<AwsErrorAnswer> error;
  int attempts = 0;  // How many times the request was sent.
};

class AwsJsonClient {
 public:
  // REQUIRES: http, clock, sleeper and random outlive this client.
  AwsJsonClient(HttpClient& http, AwsCredentials credentials, AwsJsonClientOptions options,
                const Clock& clock, Sleeper& sleeper, RandomSource& random);

  // Sends `operation` with `request` and returns the final answer whatever its status.
  // `idempotent`: whether sending it twice has the effect of once (reads; conditional writes
  // that are safe to repeat); it governs the retries above and HttpRequest::idempotent.
  // Errors: the HttpClient's (Unavailable, Ambiguous, InvalidInput) once retries are over;
  // InvalidInput from signing (empty credentials or region, bad endpoint).
  Result<AwsJsonAnswer> exchange(std::string_view operation, const nlohmann::json& request,
                                 bool idempotent);

  // As exchange(), but an error answer becomes aws_error(answer, "<service> <operation>")
  // (throttling left after retries -> Unavailable, ConditionalCheckFailedException -> Conflict,
  // ...) and a 2xx body that is not JSON is Internal. Returns the answer's JSON ({} when empty).
  Result<nlohmann::json> call(std::string_view operation, const nlohmann::json& request,
                              bool idempotent);

 private:
  HttpClient& http_;
  AwsCredentials credentials_;
  AwsJsonClientOptions options_;
  const Clock& clock_;
  Sleeper& sleeper_;
  RandomSource& random_;
};

}  // namespace stratus
