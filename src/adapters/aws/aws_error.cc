#include "adapters/aws/aws_error.h"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>

namespace stratus {
namespace {

bool one_of(std::string_view type, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), type) != names.end();
}

std::string string_field(const nlohmann::json& body, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto it = body.find(name);
    if (it != body.end() && it->is_string()) return it->get<std::string>();
  }
  return "";
}

// What to tell the operator about a credentials problem, by type; "" when it is not one.
std::string credentials_hint(std::string_view type) {
  if (one_of(type, {"ExpiredTokenException", "ExpiredToken"})) {
    return "the temporary credentials have expired: refresh AWS_SESSION_TOKEN (or the profile's "
           "aws_session_token) together with its key pair";
  }
  if (one_of(type, {"UnrecognizedClientException", "InvalidClientTokenId"})) {
    return "AWS does not know this access key id or session token: check AWS_ACCESS_KEY_ID / "
           "AWS_PROFILE and, for temporary credentials, AWS_SESSION_TOKEN";
  }
  if (one_of(type, {"InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature",
                    "IncompleteSignatureException"})) {
    return "the signature does not match: check that the secret access key belongs to the access "
           "key id, and that this machine's clock is right";
  }
  if (type == "RequestExpired") {
    return "the request's time is too far from AWS's: check this machine's clock";
  }
  if (type == "MissingAuthenticationToken") {
    return "the request carried no credentials: set AWS_ACCESS_KEY_ID / AWS_PROFILE";
  }
  if (type.starts_with("AccessDenied") || one_of(type, {"AuthFailure", "NotAuthorized"})) {
    return "the credentials are valid but not allowed to do this: check the IAM policy of the "
           "user or role";
  }
  return "";
}

}  // namespace

AwsErrorAnswer parse_aws_error_answer(const HttpResponse& response) {
  AwsErrorAnswer answer;
  answer.status = response.status;
  answer.request_id = response.header("x-amzn-RequestId")
                          .value_or(response.header("x-amz-request-id").value_or(""));
  const auto body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_object()) {
    answer.message = string_field(body, {"message", "Message"});
    answer.type = string_field(body, {"__type", "code", "Code"});
  }
  if (auto header = response.header("x-amzn-ErrorType"); header && !header->empty()) {
    answer.type = *header;
  }
  answer.type = answer.type.substr(0, answer.type.find(':'));
  if (const auto hash = answer.type.rfind('#'); hash != std::string::npos) {
    answer.type = answer.type.substr(hash + 1);
  }
  return answer;
}

bool is_aws_throttling_type(std::string_view type) {
  return one_of(type, {"ThrottlingException", "Throttling", "ThrottledException",
                       "ProvisionedThroughputExceededException", "RequestLimitExceeded",
                       "TooManyRequestsException", "RequestThrottled", "RequestThrottledException",
                       "LimitExceededException", "SlowDown"});
}

bool is_aws_throttling(const AwsErrorAnswer& answer) {
  return answer.status == 429 || is_aws_throttling_type(answer.type);
}

Error aws_error(const AwsErrorAnswer& answer, std::string_view operation) {
  const std::string_view type = answer.type;
  std::string message = type.empty() ? "error answer" : std::string(type);
  if (!answer.message.empty()) message += ": " + answer.message;
  const std::string hint = credentials_hint(type);
  if (!hint.empty()) message += "; " + hint;
  message += " (HTTP " + std::to_string(answer.status);
  if (!answer.request_id.empty()) message += ", request id " + answer.request_id;
  message += ")";
  std::string context(operation);

  if (is_aws_throttling(answer) || (answer.status >= 500 && answer.status <= 599)) {
    return Error::unavailable(std::move(message), std::move(context));
  }
  if (one_of(type, {"ConditionalCheckFailedException", "TransactionConflictException",
                    "TransactionCanceledException", "ResourceInUseException"})) {
    return Error::conflict(std::move(message), std::move(context));
  }
  if (!hint.empty()) return Error::rejected(std::move(message), std::move(context));
  if (one_of(type, {"ValidationException", "SerializationException", "MissingParameter"}) ||
      type.starts_with("InvalidParameter")) {
    return Error::invalid_input(std::move(message), std::move(context));
  }
  if (one_of(type,
             {"ResourceNotFoundException", "ParameterNotFound", "NotFound", "NotFoundException"})) {
    return Error::not_found(std::move(message), std::move(context));
  }
  return Error::rejected(std::move(message), std::move(context));
}

}  // namespace stratus
