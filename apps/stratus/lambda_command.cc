// `stratus lambda`: the AWS Lambda custom runtime (provided.al2023). Started by
// deploy/lambda/bootstrap; serves the step named by $_HANDLER through the Runtime API at
// $AWS_LAMBDA_RUNTIME_API until Lambda stops the process.
//
// Initialisation, once: the handler name, the config (from the environment, as every command
// loads it), the Wiring and the step. Any failure there is POSTed to /runtime/init/error
// ("Stratus.InvalidHandler" for an unknown _HANDLER, "Stratus.<ErrorCode>" otherwise) and the
// process exits 1. Then the loop of adapters/lambda/lambda_loop.h; it ends (exit 1, message on
// stderr) only when the Runtime API cannot be reached.
// Logs are JSON lines at info by default (support/log.h; --log-level/--log-format and
// STRATUS_LOG_* still apply): one per invocation. Every error message reported to Lambda or
// logged is redacted (support/redaction.h).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "adapters/clock/system_clock.h"
#include "adapters/http/curl_http_client.h"
#include "adapters/lambda/error_type.h"
#include "adapters/lambda/lambda_loop.h"
#include "adapters/lambda/millisecond_clock.h"
#include "adapters/lambda/runtime_client.h"
#include "adapters/lambda/step_handler.h"
#include "apps/stratus/commands.h"
#include "apps/stratus/wiring.h"
#include "pipeline/chain.h"
#include "support/log.h"
#include "support/redaction.h"

namespace stratus {
namespace {

std::string env_value(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

// The Runtime API is on loopback: a proxy configured for the function's outbound calls must
// not be asked to reach it. Adds the API's host to no_proxy (libcurl reads it per request).
void bypass_proxy_for(const std::string& runtime_api) {
  const std::string host = runtime_api.substr(0, runtime_api.rfind(':'));
  for (const char* name : {"no_proxy", "NO_PROXY"}) {
    const char* current = std::getenv(name);
    const std::string value =
        current == nullptr || *current == '\0' ? host : std::string(current) + "," + host;
    ::setenv(name, value.c_str(), 1);
  }
}

// Reports a failed initialisation to Lambda and to the log, redacted. Returns the exit code.
int init_failed(LambdaRuntimeClient& client, FunctionError error) {
  error.message = redact(error.message);
  log_error("initialisation failed", {{"error_type", error.type}, {"error", error.message}});
  if (Status reported = client.report_init_error(error); !reported.ok()) {
    log_error("could not report the initialisation failure",
              {{"error", reported.error().to_string()}});
  }
  return kExitFailure;
}

// `handler` with every invocation logged (info: request id, step, outcome, duration) and every
// error it answers redacted: an error response never carries a registered secret. An exception
// becomes an Internal error here, so its text is redacted too.
LambdaHandler logged_and_redacted(LambdaHandler handler, std::string step) {
  return [handler = std::move(handler), step = std::move(step)](
             const Invocation& invocation, const Environment& environment) -> Result<std::string> {
    const LogStopwatch stopwatch;
    Result<std::string> result = Error::internal("the handler did not run");
    try {
      result = handler(invocation, environment);
    } catch (const std::exception& e) {
      result = Error::internal(std::string("unexpected exception: ") + e.what());
    } catch (...) {
      result = Error::internal("unexpected exception");
    }
    if (result.ok()) {
      log_info("invocation", {{"request_id", invocation.request_id},
                              {"step", step},
                              {"outcome", "ok"},
                              {"duration_ms", stopwatch.elapsed_ms()}});
      return result;
    }
    Error error = result.error();
    error.message = redact(error.message);
    error.context = redact(error.context);
    log_warning("invocation", {{"request_id", invocation.request_id},
                               {"step", step},
                               {"outcome", "error"},
                               {"code", std::string(error_code_name(error.code))},
                               {"error", error.to_string()},
                               {"duration_ms", stopwatch.elapsed_ms()}});
    return error;
  };
}

FunctionError init_error(const Error& error) {
  return {lambda_error_type(error.code), error.to_string()};
}

}  // namespace

int lambda_command(const GlobalOptions& global) {
  const Environment env = read_environment();
  const std::string runtime_api = env_value(env, "AWS_LAMBDA_RUNTIME_API");
  if (Status checked = LambdaRuntimeClient::check_runtime_api(runtime_api); !checked.ok()) {
    return report_error(checked.error().within("stratus lambda runs inside AWS Lambda"));
  }
  bypass_proxy_for(runtime_api);

  CurlOptions curl;
  curl.connect_timeout = std::chrono::milliseconds{5'000};
  curl.total_timeout = std::chrono::milliseconds{0};  // None: next() waits for the next event.
  curl.user_agent = "stratus/0.1 (lambda runtime)";
  CurlHttpClient http(curl);
  LambdaRuntimeClient client(http, runtime_api);

  const std::string handler_name = env_value(env, "_HANDLER");
  if (!find_chain_step(handler_name)) {
    std::string known;
    for (const ChainStep& s : kTradingDayChain) {
      known += (known.empty() ? "" : ", ") + std::string(s.name);
    }
    return init_failed(client, {std::string(kInvalidHandlerErrorType),
                                "_HANDLER \"" + handler_name + "\": expected one of " + known});
  }

  // Initialisation: whatever fails or throws here is an init error.
  std::optional<Config> config;
  std::unique_ptr<Wiring> wiring;
  SystemClock clock;
  Step* step = nullptr;
  try {
    auto loaded = load_effective_config(global, env);
    if (!loaded.ok()) return init_failed(client, init_error(loaded.error()));
    config = std::move(loaded).value();
    wiring = std::make_unique<Wiring>(*config, clock, env);
    auto built = wiring->step(handler_name);
    if (!built.ok()) return init_failed(client, init_error(built.error().within(handler_name)));
    step = *built;
  } catch (const std::exception& e) {
    return init_failed(client, {std::string(kInternalErrorType),
                                std::string("unexpected exception: ") + e.what()});
  }

  // The loop catches every failure of an invocation; it returns only when the API goes away.
  LambdaLoopOptions options;
  options.environment = env;
  options.log = [](std::string_view line) {
    log_error("runtime", {{"detail", std::string(line)}});
  };
  const SystemMillisecondClock millis;
  log_info("lambda runtime ready", {{"step", handler_name}, {"profile", config->profile}});
  const Status ended = run_lambda_loop(
      client, logged_and_redacted(step_handler(*step), handler_name), millis, options);
  if (!ended.ok()) log_error("runtime API unreachable", {{"error", ended.error().to_string()}});
  return kExitFailure;
}

}  // namespace stratus
