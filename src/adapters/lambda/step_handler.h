// The Lambda handler for one step of the chain: the event is the step's input document, the
// response its output document, exactly as `stratus invoke STEP --event FILE` does it.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/lambda/lambda_loop.h"
#include "domain/result.h"
#include "functions/step.h"

namespace stratus {

// Parses an event. InvalidInput when it is not valid JSON, naming the byte where parsing
// failed: "the event is not valid JSON (byte 14): ...".
Result<Json> parse_event_json(std::string_view text);

// A handler that parses the event (InvalidInput as above), runs `step` on it (its errors within
// the step's name, e.g. "market-check: /run/at: ...") and answers the document as compact JSON.
// REQUIRES: step outlives the handler.
LambdaHandler step_handler(Step& step);

}  // namespace stratus
