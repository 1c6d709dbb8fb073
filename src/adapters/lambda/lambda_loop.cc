#include "adapters/lambda/lambda_loop.h"

#include <exception>
#include <utility>
#include <variant>

#include "adapters/lambda/error_type.h"
#include "domain/time.h"

namespace stratus {
namespace {

using Outcome = std::variant<std::string, FunctionError>;

std::string format_millis(EpochMillis t) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
  const auto millis = (t - seconds).count();
  std::string text = format_utc_timestamp(seconds);  // "2015-08-24T19:45:00Z"
  std::string fraction = std::to_string(millis);
  fraction.insert(0, 3 - fraction.size(), '0');
  text.insert(text.size() - 1, "." + fraction);
  return text;
}

Environment invocation_environment(const Environment& base, const Invocation& invocation) {
  Environment env = base;
  if (invocation.trace_id.empty()) {
    env.erase("_X_AMZN_TRACE_ID");
  } else {
    env["_X_AMZN_TRACE_ID"] = invocation.trace_id;
  }
  return env;
}

// Steps 1 and 2 of the loop (lambda_loop.h) for one invocation. Never throws.
Outcome run_invocation(const Invocation& invocation, const LambdaHandler& handler,
                       const MillisecondClock& clock, const LambdaLoopOptions& options) {
  try {
    if (!invocation.deadline) {
      return FunctionError{std::string(kInternalErrorType),
                           "Lambda-Runtime-Deadline-Ms \"" + invocation.deadline_text +
                               "\": expected the deadline in epoch milliseconds; the step was "
                               "not run"};
    }
    const EpochMillis now = clock.now();
    if (*invocation.deadline - now < options.deadline_margin) {
      const auto late = now - *invocation.deadline;
      std::string when = late.count() >= 0
                             ? "passed " + std::to_string(late.count()) + " ms before"
                             : "was only " + std::to_string(-late.count()) + " ms after";
      return FunctionError{std::string(kDeadlinePassedErrorType),
                           "the invocation's deadline " + format_millis(*invocation.deadline) +
                               " (" + invocation.deadline_text + " ms) " + when +
                               " the event arrived at " + format_millis(now) + "; at least " +
                               std::to_string(options.deadline_margin.count()) +
                               " ms are needed, so the step was not run and wrote nothing"};
    }
    Result<std::string> result =
        handler(invocation, invocation_environment(options.environment, invocation));
    if (!result.ok()) {
      return FunctionError{lambda_error_type(result.error().code), result.error().to_string()};
    }
    return std::move(result).value();
  } catch (const std::exception& e) {
    return FunctionError{std::string(kInternalErrorType),
                         std::string("unexpected exception: ") + e.what()};
  } catch (...) {
    return FunctionError{std::string(kInternalErrorType), "unexpected exception of unknown type"};
  }
}

void log_line(const LambdaLoopOptions& options, const std::string& line) {
  if (options.log) options.log(line);
}

// Posts the outcome. Returns an error only when the Runtime API cannot be reached (or the
// exchange broke): an HTTP refusal of a response is turned into an error report instead.
Status answer(LambdaRuntimeClient& client, const Invocation& invocation, const Outcome& outcome,
              const LambdaLoopOptions& options) {
  const std::string& id = invocation.request_id;
  FunctionError failure;
  if (const auto* response = std::get_if<std::string>(&outcome)) {
    Status sent = client.respond(id, *response);
    if (sent.ok()) return {};
    if (sent.error().code != ErrorCode::kRejected) return sent.error();
    failure = {std::string(kInternalErrorType), "the Lambda Runtime API refused the response (" +
                                                    std::to_string(response->size()) +
                                                    " bytes): " + sent.error().to_string()};
  } else {
    failure = std::get<FunctionError>(outcome);
  }
  log_line(options, id + " " + failure.type + ": " + failure.message);
  Status reported = client.report_error(id, failure);
  if (reported.ok()) return {};
  if (reported.error().code != ErrorCode::kRejected) return reported.error();
  log_line(options, id + " the error report was refused: " + reported.error().to_string());
  return {};
}

}  // namespace

Status run_lambda_loop(LambdaRuntimeClient& client, const LambdaHandler& handler,
                       const MillisecondClock& clock, const LambdaLoopOptions& options) {
  for (int count = 0; !options.max_invocations || count < *options.max_invocations; ++count) {
    Result<Invocation> invocation = client.next();
    if (!invocation.ok()) {
      return invocation.error().within("the Lambda Runtime API (next invocation)");
    }
    const Outcome outcome = run_invocation(*invocation, handler, clock, options);
    Status answered = answer(client, *invocation, outcome, options);
    if (!answered.ok()) {
      return answered.error().within("the Lambda Runtime API (answering " + invocation->request_id +
                                     ")");
    }
  }
  return {};
}

}  // namespace stratus
