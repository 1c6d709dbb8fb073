#include "adapters/lambda/runtime_client.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace stratus {
namespace {

TEST(LambdaRuntimeApiAddress, AcceptsHostAndPort) {
  EXPECT_TRUE(LambdaRuntimeClient::check_runtime_api("127.0.0.1:9001").ok());
  EXPECT_TRUE(LambdaRuntimeClient::check_runtime_api("localhost:80").ok());
}

TEST(LambdaRuntimeApiAddress, RefusesAnythingElseNamingTheValue) {
  for (const char* bad : {"", "127.0.0.1", "http://127.0.0.1:9001", "127.0.0.1:9001/x", ":9001",
                          "127.0.0.1:", "127.0.0.1:90a1", "host name:1"}) {
    const Status checked = LambdaRuntimeClient::check_runtime_api(bad);
    ASSERT_FALSE(checked.ok()) << bad;
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidInput) << bad;
    EXPECT_EQ(checked.error().context, "AWS_LAMBDA_RUNTIME_API");
    EXPECT_NE(checked.error().message.find("\"" + std::string(bad) + "\""), std::string::npos)
        << checked.error().message;
  }
}

TEST(FunctionErrorBody, HasTheThreeFieldsLambdaExpects) {
  const auto body = nlohmann::json::parse(function_error_body({"Stratus.Conflict", "cap reached"}));
  EXPECT_EQ(body, nlohmann::json::parse(
                      R"({"errorMessage": "cap reached", "errorType": "Stratus.Conflict",
                          "stackTrace": []})"));
}

TEST(FunctionErrorBody, ReplacesInvalidUtf8InsteadOfThrowing) {
  const std::string message = "bad byte \xff here";
  const auto body = nlohmann::json::parse(function_error_body({"Stratus.InvalidInput", message}));
  EXPECT_EQ(body["errorMessage"], "bad byte \xEF\xBF\xBD here");
}

}  // namespace
}  // namespace stratus
