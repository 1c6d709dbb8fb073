// AWS Signature Version 4 (HMAC-SHA256) for Stratus's own AWS calls (DynamoDB, SSM, SNS), made
// through the HttpClient port without the AWS SDK.
//
// Two ways to sign an HttpRequest, both in place:
//   sign_request()    adds the Authorization header (what AWS JSON/query APIs expect);
//   presign_request() adds the signature to the URL's query (a URL usable without headers).
// Both return the intermediate texts (canonical request, string to sign, signature) so tests
// and logs can compare them with AWS's documented forms. Both are checked against every case of
// AWS's SigV4 test suite (tests/fixtures/aws-sigv4/, src/adapters/aws/sigv4_suite_test.cc).
//
// Typical use, for each attempt (the signature holds the time, so sign again when resending):
//   HttpRequest r{.method = "POST", .url = "https://dynamodb.us-east-1.amazonaws.com/", ...};
//   r.headers = {{"Content-Type", "application/x-amz-json-1.0"},
//                {"X-Amz-Target", "DynamoDB_20120810.GetItem"}};
//   STRATUS_ASSIGN_OR_RETURN(auto signed_parts,
//       sign_request(r, credentials, {.region = "us-east-1", .service = "dynamodb"}, clock.now()));
//   http.send(r);
#pragma once

#include <chrono>
#include <string>

#include "domain/result.h"
#include "domain/time.h"
#include "ports/http_client.h"

namespace stratus {

// An AWS access key pair, with the session token of temporary (STS) credentials.
struct AwsCredentials {
  std::string access_key_id;      // "AKIA..." / "ASIA..."; required.
  std::string secret_access_key;  // Required. Never put into messages.
  std::string session_token;      // Empty for long-term keys. Never put into messages.
};

// Where a signature is valid: the region and the service's signing name ("dynamodb", "ssm",
// "sns"), as in the credential scope "<date>/<region>/<service>/aws4_request".
struct SigningScope {
  std::string region;
  std::string service;
};

struct SigningOptions {
  // Normalise the URI path before signing (drop "." and empty segments, resolve ".."). True for
  // every AWS service except S3.
  bool normalize_path = true;
  // Header signing only: also add and sign x-amz-content-sha256 (the hex SHA-256 of the body).
  bool add_content_sha256 = false;
  // Whether X-Amz-Security-Token is covered by the signature. It is always added to the request
  // when the credentials carry a session token; a few services want it left out of the
  // signature.
  bool sign_session_token = true;
  // Presigning only: X-Amz-Expires, how long the URL stays valid. 1 s .. 7 days.
  std::chrono::seconds expires{3600};
};

// The texts a signature is computed from, as AWS documents them.
struct SigningResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // 64 lower-case hex digits.
};

// Signs `request` with an Authorization header at instant `at`.
//
// REQUIRES: request.url is an absolute http(s) URL whose path and query are as they will be sent
// (percent-encoded as on the wire).
// Guarantees on success, headers appended in this order to the request's own headers:
//   Host (only when the request has none: the URL's host[:port]),
//   X-Amz-Security-Token (when credentials.session_token is set),
//   X-Amz-Date ("20150830T123600Z"),
//   x-amz-content-sha256 (with options.add_content_sha256),
//   Authorization ("AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=..., "
//                  "Signature=...").
// Any Authorization, X-Amz-Date, X-Amz-Security-Token (and x-amz-content-sha256 when it is to be
// added) already present are replaced, so a request can be signed again before a resend.
// Every header of the request is signed except those of is_unsigned_header() (sigv4_canonical.h).
// "Authorization" and "X-Amz-Security-Token" are added to request.secret_headers.
// The URL and body are not changed. The payload hash is the SHA-256 of request.body.
// Errors: InvalidInput (request unchanged) for an empty access key id, secret key, region or
// service, an empty method, or a URL that is not absolute http(s). Messages never contain the
// secret key or the session token.
Result<SigningResult> sign_request(HttpRequest& request, const AwsCredentials& credentials,
                                   const SigningScope& scope, Timestamp at,
                                   const SigningOptions& options = {});

// Presigns `request` at instant `at`: appends to the URL's query, after the parameters already
// there, X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Expires,
// X-Amz-Security-Token (when there is a session token) and X-Amz-Signature. The request's
// headers (Host added when absent) are signed; no other header is added. The payload hash is the
// SHA-256 of request.body. options.add_content_sha256 is ignored.
// Errors: as sign_request(), plus InvalidInput for options.expires outside 1 s .. 604800 s.
Result<SigningResult> presign_request(HttpRequest& request, const AwsCredentials& credentials,
                                      const SigningScope& scope, Timestamp at,
                                      const SigningOptions& options = {});

// "20150830T123600Z": the X-Amz-Date form of `at`.
std::string amz_date(Timestamp at);

}  // namespace stratus
