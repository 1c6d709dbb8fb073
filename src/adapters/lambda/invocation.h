// Invocation and FunctionError: what the Lambda Runtime API hands the runtime, and what the
// runtime reports back when an invocation (or the runtime's initialisation) fails.
#pragma once

#include <optional>
#include <string>

#include "adapters/lambda/millisecond_clock.h"

namespace stratus {

// One event from GET /runtime/invocation/next.
struct Invocation {
  std::string request_id;     // Lambda-Runtime-Aws-Request-Id; never empty.
  std::string deadline_text;  // Lambda-Runtime-Deadline-Ms as received (for messages).
  // The deadline, when deadline_text is a valid epoch-millisecond count; nullopt otherwise.
  std::optional<EpochMillis> deadline;
  std::string function_arn;  // Lambda-Runtime-Invoked-Function-Arn; may be empty.
  std::string trace_id;      // Lambda-Runtime-Trace-Id; may be empty.
  std::string event;         // The body: the event as sent (JSON text, unchecked).
};

// The body of POST /runtime/invocation/{id}/error and /runtime/init/error:
// {"errorMessage": message, "errorType": type, "stackTrace": []}.
struct FunctionError {
  std::string type;     // e.g. "Stratus.InvalidInput" (see error_type.h).
  std::string message;  // What went wrong, naming the field, the value and what was expected.
};

}  // namespace stratus
