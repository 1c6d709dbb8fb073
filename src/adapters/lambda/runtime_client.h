// LambdaRuntimeClient: the Lambda Runtime API (version 2018-06-01) over the HttpClient port.
//
// The Runtime API is plain HTTP on the address in $AWS_LAMBDA_RUNTIME_API ("127.0.0.1:9001").
// next() blocks until Lambda has an event, for as long as that takes, so the HttpClient given
// must have no total timeout (CurlOptions::total_timeout of zero: libcurl reads 0 as "none").
//
// Error classes, for every call:
//   the API cannot be reached, or the exchange broke        -> the HttpClient's error
//                                                              (Unavailable, Ambiguous)
//   the API answered with an unexpected HTTP status         -> Rejected, naming the status and
//                                                              the start of the answer's body
//   next() answered without Lambda-Runtime-Aws-Request-Id,  -> Internal
//   or with one that is not URL-safe ([A-Za-z0-9._-])
// A deadline header that is missing or not epoch milliseconds is not an error of next(): the
// Invocation says so (deadline is nullopt), so the runtime can report it for that invocation.
#pragma once

#include <string>
#include <string_view>

#include "adapters/lambda/invocation.h"
#include "domain/result.h"
#include "ports/http_client.h"

namespace stratus {

class LambdaRuntimeClient {
 public:
  // `runtime_api` is host:port, as in $AWS_LAMBDA_RUNTIME_API. REQUIRES: http outlives this.
  LambdaRuntimeClient(HttpClient& http, std::string runtime_api);

  // Checks the form of $AWS_LAMBDA_RUNTIME_API: host:port, no scheme, no path. InvalidInput
  // naming the value otherwise.
  static Status check_runtime_api(std::string_view runtime_api);

  // GET /runtime/invocation/next: waits for the next event. 200 expected.
  Result<Invocation> next();
  // POST /runtime/invocation/{request_id}/response with `body` (JSON text). 202 expected.
  Status respond(std::string_view request_id, std::string_view body);
  // POST /runtime/invocation/{request_id}/error, with Lambda-Runtime-Function-Error-Type.
  // 202 expected.
  Status report_error(std::string_view request_id, const FunctionError& error);
  // POST /runtime/init/error: initialisation failed; the runtime exits after this. 202 expected.
  Status report_init_error(const FunctionError& error);

 private:
  Status post(std::string path, std::string body, const FunctionError* error);

  HttpClient& http_;
  std::string base_url_;  // http://host:port/2018-06-01
};

// The JSON body Lambda expects for an error report (invalid UTF-8 in the message is replaced).
std::string function_error_body(const FunctionError& error);

}  // namespace stratus
