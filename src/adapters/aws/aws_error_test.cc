// AWS error answers: where the type and message are read from, and the Stratus class each maps to.
#include "adapters/aws/aws_error.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

HttpResponse answer(int status, std::string body, HttpHeaders headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST(AwsErrorAnswer, TypeFromTheBodyAfterTheHash) {
  const auto a = parse_aws_error_answer(
      answer(400,
             R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
             R"("message":"The conditional request failed"})",
             {{"x-amzn-RequestId", "RID1"}}));
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.type, "ConditionalCheckFailedException");
  EXPECT_EQ(a.message, "The conditional request failed");
  EXPECT_EQ(a.request_id, "RID1");
}

TEST(AwsErrorAnswer, HeaderTypeWinsAndCapitalisedMessageIsRead) {
  const auto a = parse_aws_error_answer(
      answer(400, R"({"__type":"com.amazon.coral.service#Other","Message":"Rate exceeded"})",
             {{"X-Amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/x/"}}));
  EXPECT_EQ(a.type, "ThrottlingException");
  EXPECT_EQ(a.message, "Rate exceeded");
}

TEST(AwsErrorAnswer, NonJsonBodyLeavesTypeEmpty) {
  const auto a = parse_aws_error_answer(answer(502, "<html>Bad Gateway</html>"));
  EXPECT_EQ(a.type, "");
  EXPECT_EQ(a.message, "");
  EXPECT_EQ(aws_error(a, "SSM GetParameter").code, ErrorCode::kUnavailable);
  EXPECT_EQ(aws_error(a, "SSM GetParameter").to_string(),
            "SSM GetParameter: error answer (HTTP 502)");
}

struct Mapping {
  int status;
  const char* type;
  ErrorCode code;
};

TEST(AwsError, EachTypeMapsToItsClass) {
  const Mapping mappings[] = {
      {400, "ThrottlingException", ErrorCode::kUnavailable},
      {400, "ProvisionedThroughputExceededException", ErrorCode::kUnavailable},
      {400, "RequestLimitExceeded", ErrorCode::kUnavailable},
      {400, "TooManyRequestsException", ErrorCode::kUnavailable},
      {429, "", ErrorCode::kUnavailable},
      {500, "InternalServerError", ErrorCode::kUnavailable},
      {503, "ServiceUnavailable", ErrorCode::kUnavailable},
      {400, "ConditionalCheckFailedException", ErrorCode::kConflict},
      {400, "TransactionConflictException", ErrorCode::kConflict},
      {400, "ExpiredTokenException", ErrorCode::kRejected},
      {400, "UnrecognizedClientException", ErrorCode::kRejected},
      {400, "InvalidSignatureException", ErrorCode::kRejected},
      {400, "AccessDeniedException", ErrorCode::kRejected},
      {403, "AccessDenied", ErrorCode::kRejected},
      {400, "ValidationException", ErrorCode::kInvalidInput},
      {400, "SerializationException", ErrorCode::kInvalidInput},
      {400, "InvalidParameterException", ErrorCode::kInvalidInput},
      {400, "ResourceNotFoundException", ErrorCode::kNotFound},
      {400, "ParameterNotFound", ErrorCode::kNotFound},
      {400, "SomethingNewException", ErrorCode::kRejected},
  };
  for (const Mapping& m : mappings) {
    AwsErrorAnswer a{.status = m.status, .type = m.type, .message = "m", .request_id = ""};
    EXPECT_EQ(aws_error(a, "op").code, m.code) << m.type << " " << m.status;
  }
}

TEST(AwsError, MessageKeepsTheShortTypeAndRequestId) {
  const AwsErrorAnswer a{.status = 400,
                         .type = "ConditionalCheckFailedException",
                         .message = "The conditional request failed",
                         .request_id = "RID9"};
  const Error e = aws_error(a, "DynamoDB PutItem");
  EXPECT_EQ(e.context, "DynamoDB PutItem");
  EXPECT_EQ(e.message,
            "ConditionalCheckFailedException: The conditional request failed (HTTP 400, request id "
            "RID9)");
}

TEST(AwsError, CredentialProblemsCarryAHint) {
  AwsErrorAnswer a{.status = 400,
                   .type = "ExpiredTokenException",
                   .message = "The security token included in the request is expired",
                   .request_id = ""};
  EXPECT_NE(aws_error(a, "op").message.find("refresh AWS_SESSION_TOKEN"), std::string::npos);
  a.type = "InvalidSignatureException";
  EXPECT_NE(aws_error(a, "op").message.find("secret access key"), std::string::npos);
  a.type = "UnrecognizedClientException";
  EXPECT_NE(aws_error(a, "op").message.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  a.type = "AccessDeniedException";
  EXPECT_NE(aws_error(a, "op").message.find("IAM policy"), std::string::npos);
}

TEST(AwsError, ThrottlingIsRecognisedByTypeOrStatus) {
  EXPECT_TRUE(is_aws_throttling(
      {.status = 400, .type = "ThrottlingException", .message = "", .request_id = ""}));
  EXPECT_TRUE(is_aws_throttling({.status = 429, .type = "", .message = "", .request_id = ""}));
  EXPECT_FALSE(is_aws_throttling(
      {.status = 400, .type = "ValidationException", .message = "", .request_id = ""}));
  EXPECT_FALSE(is_aws_throttling(
      {.status = 500, .type = "InternalServerError", .message = "", .request_id = ""}));
}

}  // namespace
}  // namespace stratus
