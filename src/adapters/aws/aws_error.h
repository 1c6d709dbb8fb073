// AWS error answers (the JSON protocols of DynamoDB, SSM, SNS's JSON API...) as Stratus errors.
//
// An error answer names its type in the x-amzn-ErrorType header
// ("ThrottlingException:http://internal.amazon.com/...") and/or in the body's "__type"
// ("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException"), with a "message" or
// "Message". Callers that must branch on the type keep the AwsErrorAnswer (AwsJsonClient's
// exchange() hands it over); the mapping below is what everyone else gets.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "ports/http_client.h"

namespace stratus {

struct AwsErrorAnswer {
  int status = 0;
  // The short type name, e.g. "ConditionalCheckFailedException"; "" when the answer names none.
  std::string type;
  std::string message;     // AWS's message ("message" or "Message"); may be empty.
  std::string request_id;  // x-amzn-RequestId (or x-amz-request-id); may be empty.
};

// Reads an error answer. The type comes from x-amzn-ErrorType (the text before ':') and else from
// the body's "__type" (the text after the last '#') or "code"; a body that is not JSON leaves the
// type and message empty. Never fails.
AwsErrorAnswer parse_aws_error_answer(const HttpResponse& response);

// ThrottlingException, Throttling, ThrottledException, ProvisionedThroughputExceededException,
// RequestLimitExceeded, TooManyRequestsException, RequestThrottled, RequestThrottledException,
// LimitExceededException, SlowDown.
bool is_aws_throttling_type(std::string_view type);

// Whether AWS asks to come back later without having acted: a throttling type (whatever the
// status: DynamoDB throttles with 400) or a 429 status.
bool is_aws_throttling(const AwsErrorAnswer& answer);

// The Stratus error for an answer to `operation` (e.g. "DynamoDB PutItem", used as context):
//   throttling (is_aws_throttling), any 5xx                                  -> Unavailable
//   ConditionalCheckFailedException, TransactionConflictException,
//   TransactionCanceledException, ResourceInUseException                   -> Conflict
//   ExpiredToken(Exception), UnrecognizedClientException, InvalidClientTokenId,
//   InvalidSignatureException, SignatureDoesNotMatch, IncompleteSignature(Exception),
//   MissingAuthenticationToken, RequestExpired, AccessDenied*, AuthFailure,
//   NotAuthorized                                                            -> Rejected, with
//                                                                   a hint about credentials
//   ValidationException, SerializationException, InvalidParameter*,
//   MissingParameter                                                         -> InvalidInput
//   ResourceNotFoundException, ParameterNotFound, NotFound(Exception)        -> NotFound
//   anything else                                                            -> Rejected
// The message reads "<type>: <AWS message>[; <hint>] (HTTP <status>, request id <id>)"; without
// a type it shows the status. It never contains request headers (keys, tokens).
Error aws_error(const AwsErrorAnswer& answer, std::string_view operation);

}  // namespace stratus
