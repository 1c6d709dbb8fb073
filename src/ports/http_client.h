// HttpClient port: one HTTP exchange. Implementations: libcurl (adapters/http), and decorators
// that add retries and a circuit breaker. Brokers and data sources speak HTTP only through it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.h"

namespace stratus {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // GET, POST, DELETE, PATCH, PUT.
  std::string url;             // Absolute: https://host[:port]/path?query.
  HttpHeaders headers;
  std::string body;
  // Whether sending it twice has the same effect as once (GET, DELETE; a POST that carries its
  // own idempotency key). Only idempotent requests are retried after they may have been sent.
  bool idempotent = true;
  // Header names whose values must never appear in logs or errors (e.g. API keys).
  std::vector<std::string> secret_headers;
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers;  // Names as received; look up case-insensitively with header().
  std::string body;

  // The first value of header `name` (case-insensitive), if present.
  std::optional<std::string> header(std::string_view name) const;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // Performs one exchange. Any HTTP status is a successful exchange (the caller interprets it).
  // Errors: Unavailable when the request certainly did not reach the server (DNS, connect
  // refused, TLS handshake, circuit open); Ambiguous when it may have reached the server but no
  // complete answer came back (timeout or reset after sending); InvalidInput for a malformed
  // request. Error messages name the host and never contain secret header values.
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

}  // namespace stratus
