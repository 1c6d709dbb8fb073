// The Lambda runtime loop (adapters/lambda) against the Runtime API emulator over real HTTP on
// 127.0.0.1, through the production HTTP client (CurlHttpClient without a total timeout):
// responses, one structured error per kind of failure, exceptions, deadlines, refused
// responses, a held next, init errors and an unreachable API.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/http/curl_http_client.h"
#include "adapters/lambda/error_type.h"
#include "adapters/lambda/lambda_loop.h"
#include "adapters/lambda/runtime_client.h"
#include "fakes/lambda/runtime_api_emulator.h"

namespace stratus {
namespace {

using fakes::EmulatedEvent;
using fakes::RuntimeApiEmulator;
using fakes::RuntimeRecord;
using nlohmann::json;
using namespace std::chrono_literals;

CurlOptions runtime_curl_options() {
  CurlOptions options;
  options.connect_timeout = 2'000ms;
  options.total_timeout = 0ms;  // As in production: next waits for as long as it takes.
  return options;
}

EmulatedEvent event(std::string body, std::chrono::milliseconds deadline_in = 60'000ms) {
  EmulatedEvent e;
  e.body = std::move(body);
  e.deadline_in = deadline_in;
  return e;
}

// What the handler saw of each invocation it ran.
struct Seen {
  std::string request_id;
  std::string event;
  std::optional<EpochMillis> deadline;
  std::string trace_env;
};

class LambdaLoopTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(emulator_.start().ok()); }

  // Runs the loop for `invocations` events with `handler`.
  Status run(int invocations, const LambdaHandler& handler) {
    LambdaRuntimeClient client(http_, emulator_.address());
    LambdaLoopOptions options;
    options.max_invocations = invocations;
    options.environment = {{"_HANDLER", "market-check"}, {"_X_AMZN_TRACE_ID", "stale"}};
    options.log = [this](std::string_view line) { log_.emplace_back(line); };
    return run_lambda_loop(client, handler, clock_, options);
  }

  // A handler that records what it saw and answers {"echo": <event>}.
  LambdaHandler echo() {
    return [this](const Invocation& inv, const Environment& env) -> Result<std::string> {
      auto trace = env.find("_X_AMZN_TRACE_ID");
      seen_.push_back({inv.request_id, inv.event, inv.deadline,
                       trace == env.end() ? "<unset>" : trace->second});
      return json{{"echo", json::parse(inv.event)}}.dump();
    };
  }

  // The single error record for `id`, checked for the shape Lambda requires.
  static json error_body(const RuntimeRecord& record, const std::string& type) {
    EXPECT_EQ(record.kind, "error");
    EXPECT_EQ(record.status, 202);
    EXPECT_EQ(record.headers.at("lambda-runtime-function-error-type"), type);
    json body = json::parse(record.body);
    EXPECT_EQ(body["errorType"], type);
    EXPECT_TRUE(body["errorMessage"].is_string());
    EXPECT_EQ(body["stackTrace"], json::array());
    return body;
  }

  RuntimeApiEmulator emulator_;
  CurlHttpClient http_{runtime_curl_options()};
  SystemMillisecondClock clock_;
  std::vector<Seen> seen_;
  std::vector<std::string> log_;
};

TEST_F(LambdaLoopTest, AnswersEachEventWithTheHandlersDocument) {
  emulator_.enqueue(event(R"({"n": 1})"));
  EmulatedEvent untraced = event(R"({"n": 2})");
  untraced.trace_id.clear();
  emulator_.enqueue(untraced);
  ASSERT_TRUE(run(2, echo()).ok());

  const auto records = emulator_.records();
  ASSERT_EQ(records.size(), 2u);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(records[i].kind, "response");
    EXPECT_EQ(records[i].status, 202);
    EXPECT_EQ(records[i].request_id, "req-" + std::to_string(i + 1));
    EXPECT_EQ(json::parse(records[i].body), json({{"echo", {{"n", i + 1}}}}));
  }
  ASSERT_EQ(seen_.size(), 2u);
  EXPECT_EQ(seen_[0].request_id, "req-1");
  EXPECT_EQ(seen_[0].event, R"({"n": 1})");
  // The handler gets the deadline the API sent, to the millisecond.
  ASSERT_TRUE(seen_[0].deadline.has_value());
  EXPECT_EQ(seen_[0].deadline->time_since_epoch().count(), records[0].deadline_ms);
  // _X_AMZN_TRACE_ID follows each invocation's trace header; never a stale one.
  EXPECT_EQ(seen_[0].trace_env, EmulatedEvent{}.trace_id);
  EXPECT_EQ(seen_[1].trace_env, "<unset>");
  EXPECT_TRUE(log_.empty());
}

TEST_F(LambdaLoopTest, EveryErrorCodeBecomesItsOwnErrorType) {
  const std::vector<Error> errors = {
      Error::invalid_input("qty -1: expected >= 1", "/signals/0/qty"),
      Error::unavailable("broker down"),
      Error::ambiguous("order may have been placed"),
      Error::rejected("insufficient buying power"),
      Error::conflict("cap reached"),
      Error::not_found("no such order"),
      Error::internal("broken invariant")};
  for (std::size_t i = 0; i < errors.size(); ++i) emulator_.enqueue(event("{}"));
  std::size_t call = 0;
  ASSERT_TRUE(run(static_cast<int>(errors.size()),
                  [&](const Invocation&, const Environment&) -> Result<std::string> {
                    return errors[call++];
                  })
                  .ok());
  const auto records = emulator_.records();
  ASSERT_EQ(records.size(), errors.size());
  for (std::size_t i = 0; i < errors.size(); ++i) {
    const json body = error_body(records[i], lambda_error_type(errors[i].code));
    EXPECT_EQ(body["errorMessage"], errors[i].to_string());
  }
  EXPECT_EQ(log_.size(), errors.size());
}

TEST_F(LambdaLoopTest, ExceptionsAreReportedAndTheLoopGoesOn) {
  emulator_.enqueue(event(R"({"throw": "std"})"));
  emulator_.enqueue(event(R"({"throw": "int"})"));
  emulator_.enqueue(event(R"({"n": 3})"));
  auto inner = echo();
  ASSERT_TRUE(run(3, [&](const Invocation& inv, const Environment& env) -> Result<std::string> {
                if (inv.event == R"({"throw": "std"})") throw std::runtime_error("disk on fire");
                if (inv.event == R"({"throw": "int"})") throw 42;
                return inner(inv, env);
              }).ok());
  const auto records = emulator_.records();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(error_body(records[0], "Stratus.Internal")["errorMessage"],
            "unexpected exception: disk on fire");
  EXPECT_EQ(error_body(records[1], "Stratus.Internal")["errorMessage"],
            "unexpected exception of unknown type");
  EXPECT_EQ(records[2].kind, "response");
  EXPECT_EQ(json::parse(records[2].body), json({{"echo", {{"n", 3}}}}));
}

TEST_F(LambdaLoopTest, APassedDeadlineIsReportedWithoutRunningTheHandler) {
  emulator_.enqueue(event(R"({"late": true})", -1'000ms));  // Past when handed out.
  emulator_.enqueue(event(R"({"close": true})", 50ms));     // Inside the 100 ms margin.
  EmulatedEvent garbled = event(R"({"garbled": true})");
  garbled.deadline_header = "soon";
  emulator_.enqueue(garbled);
  emulator_.enqueue(event(R"({"n": 4})", 5'000ms));
  ASSERT_TRUE(run(4, echo()).ok());

  const auto records = emulator_.records();
  ASSERT_EQ(records.size(), 4u);
  const json late = error_body(records[0], "Stratus.DeadlinePassed");
  EXPECT_NE(late["errorMessage"].get<std::string>().find("the step was not run"), std::string::npos)
      << late;
  EXPECT_NE(late["errorMessage"].get<std::string>().find(std::to_string(records[0].deadline_ms)),
            std::string::npos)
      << late;
  error_body(records[1], "Stratus.DeadlinePassed");
  const json garbled_body = error_body(records[2], "Stratus.Internal");
  EXPECT_NE(
      garbled_body["errorMessage"].get<std::string>().find("Lambda-Runtime-Deadline-Ms \"soon\""),
      std::string::npos)
      << garbled_body;
  EXPECT_EQ(records[3].kind, "response");
  // The handler ran only for the event with time left.
  ASSERT_EQ(seen_.size(), 1u);
  EXPECT_EQ(seen_[0].event, R"({"n": 4})");
}

TEST_F(LambdaLoopTest, ARefusedResponseBecomesAnErrorReport) {
  emulator_.refuse_responses(413);
  emulator_.enqueue(event(R"({"n": 1})"));
  ASSERT_TRUE(run(1, echo()).ok());
  const auto records = emulator_.records();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].kind, "response");
  EXPECT_EQ(records[0].status, 413);
  const json body = error_body(records[1], "Stratus.Internal");
  EXPECT_NE(body["errorMessage"].get<std::string>().find("refused the response"), std::string::npos)
      << body;
  EXPECT_NE(body["errorMessage"].get<std::string>().find("413"), std::string::npos) << body;
}

TEST_F(LambdaLoopTest, NextWaitsForTheNextEventHoweverLongItTakes) {
  emulator_.enqueue(event(R"({"n": 1})"));
  auto loop = std::async(std::launch::async, [&] { return run(2, echo()); });
  // The first event is answered, then next is held with the queue empty...
  ASSERT_TRUE(emulator_.wait_for_held_next(1, 5s));
  ASSERT_TRUE(emulator_.wait_for_records(1, 5s));
  EXPECT_EQ(loop.wait_for(300ms), std::future_status::timeout);
  // ...until an event arrives.
  emulator_.enqueue(event(R"({"n": 2})"));
  ASSERT_EQ(loop.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(loop.get().ok());
  EXPECT_EQ(emulator_.records().size(), 2u);
}

TEST_F(LambdaLoopTest, TheLoopEndsWhenTheApiGoesAway) {
  auto loop = std::async(std::launch::async, [&] { return run(5, echo()); });
  ASSERT_TRUE(emulator_.wait_for_held_next(1, 5s));
  emulator_.stop();  // The held next is answered 500, as Lambda does before it stops a sandbox.
  ASSERT_EQ(loop.wait_for(10s), std::future_status::ready);
  const Status ended = loop.get();
  ASSERT_FALSE(ended.ok());
  EXPECT_NE(ended.error().to_string().find("the Lambda Runtime API (next invocation)"),
            std::string::npos)
      << ended.error().to_string();
  EXPECT_NE(ended.error().to_string().find("500"), std::string::npos) << ended.error().to_string();
}

TEST_F(LambdaLoopTest, AnUnreachableApiEndsTheLoopAtOnce) {
  const std::string address = emulator_.address();
  emulator_.stop();  // Nothing listens on the port any more.
  LambdaRuntimeClient client(http_, address);
  LambdaLoopOptions options;
  const Status ended = run_lambda_loop(client, echo(), clock_, options);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, ErrorCode::kUnavailable) << ended.error().to_string();
  EXPECT_TRUE(seen_.empty());
}

TEST_F(LambdaLoopTest, InitErrorsReachTheInitEndpoint) {
  LambdaRuntimeClient client(http_, emulator_.address());
  ASSERT_TRUE(
      client.report_init_error({std::string(kInvalidHandlerErrorType), "_HANDLER \"x\""}).ok());
  const auto records = emulator_.records();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].kind, "init_error");
  EXPECT_EQ(records[0].path, "/2018-06-01/runtime/init/error");
  EXPECT_EQ(records[0].headers.at("lambda-runtime-function-error-type"), "Stratus.InvalidHandler");
  EXPECT_EQ(json::parse(records[0].body)["errorMessage"], "_HANDLER \"x\"");
}

TEST_F(LambdaLoopTest, AnsweringAnUnknownInvocationIsRefused) {
  LambdaRuntimeClient client(http_, emulator_.address());
  const Status sent = client.respond("never-handed-out", "{}");
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code, ErrorCode::kRejected);
  EXPECT_NE(sent.error().message.find("HTTP 400"), std::string::npos) << sent.error().message;
}

}  // namespace
}  // namespace stratus
