#include "adapters/alpaca/alpaca_answer.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

const AlpacaEndpoint kEndpoint{"https://paper-api.alpaca.markets", "PKEXAMPLEKEYID",
                               "s3cr3t-EXAMPLE"};

HttpResponse answer(int status, std::string body, HttpHeaders headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST(AlpacaAnswer, AlpacaErrorsKeepTheirCodeAndMessage) {
  const Error e = error_for_answer(
      answer(403, R"({"code":40310000,"message":"insufficient buying power"})"), kEndpoint);
  EXPECT_EQ(e.code, ErrorCode::kRejected);
  EXPECT_EQ(e.message, "Alpaca answered HTTP 403, code 40310000: insufficient buying power");
  const Error v =
      error_for_answer(answer(422, R"({"code":40010001,"message":"qty is required"})"), kEndpoint);
  EXPECT_EQ(v.code, ErrorCode::kRejected);
  EXPECT_EQ(v.message, "Alpaca answered HTTP 422, code 40010001: qty is required");
}

TEST(AlpacaAnswer, UnauthorizedNamesWhatToCheck) {
  const Error e = error_for_answer(
      answer(401, R"({"code":40110000,"message":"request is not authorized"})"), kEndpoint);
  EXPECT_EQ(e.code, ErrorCode::kRejected);
  EXPECT_NE(e.message.find("HTTP 401, code 40110000: request is not authorized"),
            std::string::npos);
  EXPECT_NE(e.message.find("check the API key id and secret key"), std::string::npos);
}

TEST(AlpacaAnswer, TransientAnswersAreUnavailable) {
  const Error limited =
      error_for_answer(answer(429, R"({"code":42910000,"message":"rate limit exceeded"})",
                              {{"x-ratelimit-reset", "1700000000"}}),
                       kEndpoint);
  EXPECT_EQ(limited.code, ErrorCode::kUnavailable);
  EXPECT_NE(limited.message.find("refills at 2023-11-14T22:13:20Z"), std::string::npos);
  const Error gateway =
      error_for_answer(answer(502, "<html>\r\n<body>502 Bad Gateway</body>\r\n</html>"), kEndpoint);
  EXPECT_EQ(gateway.code, ErrorCode::kUnavailable);
  EXPECT_NE(gateway.message.find("HTTP 502: <html>  <body>502 Bad Gateway</body>"),
            std::string::npos);
  EXPECT_NE(error_for_answer(answer(500, ""), kEndpoint).message.find("(empty body)"),
            std::string::npos);
}

TEST(AlpacaAnswer, KeyValuesNeverSurviveInMessages) {
  const Error e = error_for_answer(
      answer(400, R"({"message":"bad header PKEXAMPLEKEYID / s3cr3t-EXAMPLE"})"), kEndpoint);
  EXPECT_EQ(e.message.find("PKEXAMPLEKEYID"), std::string::npos);
  EXPECT_EQ(e.message.find("s3cr3t-EXAMPLE"), std::string::npos);
  EXPECT_NE(e.message.find("[redacted] / [redacted]"), std::string::npos);
}

TEST(AlpacaAnswer, RedactionTerminatesWhenTheMarkContainsTheKey) {
  const AlpacaEndpoint short_keys{"https://x", "a", "d"};
  EXPECT_EQ(redact_keys("a-d", short_keys), "[redacted]-[redacted]");
}

}  // namespace
}  // namespace stratus
