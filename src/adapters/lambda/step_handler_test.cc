#include "adapters/lambda/step_handler.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

// A step that adds {"seen": true}, or fails with InvalidInput on a document without "run".
class MarkingStep final : public Step {
 public:
  std::string_view name() const override { return "marking"; }
  Result<Json> run(const Json& doc) override {
    ++runs;
    if (!doc.contains("run")) return Error::invalid_input("missing", "/run");
    Json out = doc;
    out["seen"] = true;
    return out;
  }
  int runs = 0;
};

Invocation with_event(std::string event) {
  Invocation invocation;
  invocation.request_id = "r1";
  invocation.event = std::move(event);
  return invocation;
}

TEST(ParseEventJson, NamesTheByteWhereParsingFailed) {
  // nlohmann::json counts bytes from 1: the second comma is byte 9.
  auto parsed = parse_event_json(R"({"a": 1,, "b": 2})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(parsed.error().message.find("not valid JSON (byte 9)"), std::string::npos)
      << parsed.error().message;
}

TEST(StepHandler, AnswersTheStepsDocument) {
  MarkingStep step;
  auto answer = step_handler(step)(with_event(R"({"run": {"id": "x"}})"), {});
  ASSERT_TRUE(answer.ok()) << answer.error().to_string();
  EXPECT_EQ(Json::parse(*answer), Json::parse(R"({"run": {"id": "x"}, "seen": true})"));
}

TEST(StepHandler, MalformedJsonNeverReachesTheStep) {
  MarkingStep step;
  auto answer = step_handler(step)(with_event("{nonsense"), {});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(step.runs, 0);
}

TEST(StepHandler, StepErrorsAreNamedAfterTheStep) {
  MarkingStep step;
  auto answer = step_handler(step)(with_event("{}"), {});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(answer.error().to_string(), "marking: /run: missing");
}

}  // namespace
}  // namespace stratus
