// Alpaca's error answers ({"code": <number>, "message": <string>}, or whatever a proxy sends) as
// Stratus errors with a clear message: the HTTP status, Alpaca's code and message, and a hint
// where one helps. Text from the answer is shortened and stripped of the API key values.
#pragma once

#include <optional>
#include <string>

#include "adapters/alpaca/alpaca_endpoint.h"
#include "domain/error.h"
#include "ports/http_client.h"

namespace stratus {

struct AlpacaRefusal {
  int status = 0;
  std::optional<long long> code;  // Alpaca's error code, when the body carried one.
  std::string message;            // Alpaca's message, or the start of the body.
};

// Reads an error answer. Never fails: a body that is not Alpaca's error JSON gives its start.
AlpacaRefusal read_refusal(const HttpResponse& response, const AlpacaEndpoint& endpoint);

// "HTTP 403, code 40310000: insufficient buying power".
std::string describe_refusal(const AlpacaRefusal& refusal);

// The error for an answer that is not a success: 429 and 5xx are Unavailable (transient); every
// other status is Rejected (401/403 with a hint about the keys and the base URL).
Error error_for_answer(const HttpResponse& response, const AlpacaEndpoint& endpoint);

// `text` with every occurrence of the endpoint's key id and secret key replaced by "[redacted]".
std::string redact_keys(std::string text, const AlpacaEndpoint& endpoint);

}  // namespace stratus
