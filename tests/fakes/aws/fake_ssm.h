// FakeSsm: a local stand-in for AWS Systems Manager Parameter Store's HTTP API on cpp-httplib,
// for tests of Stratus's SSM client and of `stratus` itself over real sockets on 127.0.0.1.
// Shapes from the SSM API reference (AWS JSON 1.1: POST / with X-Amz-Target
// "AmazonSSM.<operation>", Content-Type application/x-amz-json-1.1, errors as HTTP 400 with
// {"__type", "message"} and an x-amzn-RequestId header):
//   GetParametersByPath {Path, Recursive, WithDecryption, MaxResults (1-10, default 10),
//     NextToken} -> {Parameters: [...], NextToken}; only parameters strictly below Path (a
//     parameter named Path itself is not listed); without Recursive only direct children.
//     A NextToken this fake did not hand out: ValidationException.
//   GetParameter {Name, WithDecryption} -> {Parameter: {...}}; ParameterNotFound.
//   PutParameter {Name, Value, Type, Overwrite, Tier} -> {Version, Tier}. ParameterAlreadyExists
//     without Overwrite; ValidationException for a name not of [A-Za-z0-9_.-/], not starting
//     with '/' while holding one, starting with "aws"/"ssm", longer than 2048, an empty value,
//     a value over 4096 characters (Standard tier), a Type other than String, StringList or
//     SecureString, a new parameter without Type, a Tier other than Standard, Advanced or
//     Intelligent-Tiering; HierarchyLevelLimitExceededException beyond 15 levels.
//   Each parameter as SSM returns it: Name, Type, Value, Version (1, then +1 per overwrite),
//   LastModifiedDate (epoch seconds), ARN (arn:aws:ssm:<region>:<account>:parameter<Name>),
//   DataType "text". A SecureString read without WithDecryption shows fake_ssm_ciphertext().
// Every request must carry a valid SigV4 signature (adapters/aws/sigv4_verifier.h) made with the
// known credentials, else 400 UnrecognizedClientException (other key id),
// InvalidSignatureException (other secret) or IncompleteSignatureException; a missing
// Authorization header is 400 MissingAuthenticationTokenException.
// Admin (unsigned, test support): GET /__admin/parameters -> {"parameters": [{Name, Type, Value,
// Version, ...}]} in name order, values in clear; GET /__admin/requests -> {"requests": N,
// "operations": {"PutParameter": N, ...}} (signed requests that reached an operation).
// Thread-safe. Test support only.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/aws/sigv4.h"
#include "domain/result.h"
#include "fakes/aws/fake_service.h"

namespace stratus::fakes {

// The AWS_* variables a client needs to reach a fake SSM at `endpoint` with the default
// credentials (kFakeAwsCredentials) in us-east-1, and no shared AWS files.
std::map<std::string, std::string> fake_ssm_client_environment(const std::string& endpoint);

// What a SecureString's value reads as without decryption (the fake's stand-in for KMS).
std::string fake_ssm_ciphertext(const std::string& value);

struct FakeSsmParameter {
  std::string name;
  std::string value;  // In clear.
  std::string type;   // "String", "StringList" or "SecureString".
  std::int64_t version = 1;
  std::int64_t last_modified = 0;  // Epoch seconds.
  std::string tier = "Standard";
};

class FakeSsm : public FakeService {
 public:
  explicit FakeSsm(AwsCredentials known = kFakeAwsCredentials, std::string region = "us-east-1");
  ~FakeSsm();  // Stops.
  FakeSsm(const FakeSsm&) = delete;
  FakeSsm& operator=(const FakeSsm&) = delete;

  // start(), stop(), port(), endpoint() (AWS_ENDPOINT_URL_SSM): FakeService.

  // Stores a parameter directly (a new one at version 1, else the next version).
  void set(const std::string& name, const std::string& value, const std::string& type);
  // Seeds from JSON: an array of {"Name", "Value", "Type" (default "String")}, or an object
  // {"parameters": [...]}. InvalidInput naming the entry when one is malformed.
  Status seed(const nlohmann::json& parameters);
  std::optional<FakeSsmParameter> find(const std::string& name) const;
  std::vector<FakeSsmParameter> parameters() const;  // In name order.
  // The admin dump (see above).
  nlohmann::json state() const;

  // Answers the next `count` signed requests with ThrottlingException.
  void throttle_next(int count);
  int requests() const;  // Signed requests that reached an operation (throttled ones included).
  int calls(const std::string& operation) const;  // Requests for "GetParametersByPath" etc.

 private:
  struct Answer {
    int status = 200;
    nlohmann::json body;
  };
  Answer handle(const std::string& target, const std::string& body_text);
  Answer get_parameters_by_path(const nlohmann::json& body);
  Answer get_parameter(const nlohmann::json& body);
  Answer put_parameter(const nlohmann::json& body);
  nlohmann::json describe(const FakeSsmParameter& p, bool decrypt) const;

  AwsCredentials known_;
  std::string region_;
  mutable std::mutex mutex_;
  std::map<std::string, FakeSsmParameter> stored_;
  std::map<std::string, int> calls_;
  int requests_ = 0;
  int throttle_left_ = 0;
  std::int64_t request_counter_ = 0;
};

}  // namespace stratus::fakes
