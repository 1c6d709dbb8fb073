// Tests for Redactor: secret header values never survive into text.
#include "adapters/http/redactor.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

HttpRequest request_with_secrets() {
  HttpRequest request;
  request.headers = {{"APCA-API-KEY-ID", "AKID1234"},
                     {"APCA-API-SECRET-KEY", "s3cr3t/Value+xyz"},
                     {"Authorization", "Bearer tok-987"},
                     {"Accept", "application/json"}};
  request.secret_headers = {"apca-api-key-id", "APCA-API-SECRET-KEY"};
  return request;
}

TEST(Redactor, ReplacesValuesOfSecretHeaderLines) {
  const Redactor redactor(request_with_secrets());
  const std::string out = redactor.redact(
      "POST /v2/orders HTTP/1.1\r\nApca-Api-Key-Id: AKID1234\r\napca-api-secret-key: "
      "s3cr3t/Value+xyz\r\nAuthorization: Bearer tok-987\r\nAccept: application/json\r\n");
  EXPECT_EQ(out,
            "POST /v2/orders HTTP/1.1\r\nApca-Api-Key-Id: [redacted]\r\napca-api-secret-key: "
            "[redacted]\r\nAuthorization: [redacted]\r\nAccept: application/json\r\n");
}

TEST(Redactor, ReplacesSecretValuesAnywhere) {
  const Redactor redactor(request_with_secrets());
  EXPECT_EQ(redactor.redact("got AKID1234 and s3cr3t/Value+xyz twice: s3cr3t/Value+xyz"),
            "got [redacted] and [redacted] twice: [redacted]");
  EXPECT_EQ(redactor.redact("tok-987"), "[redacted]");
}

TEST(Redactor, KnowsWhichHeadersAreSecret) {
  const Redactor redactor(request_with_secrets());
  EXPECT_TRUE(redactor.is_secret_header("Apca-Api-Secret-Key"));
  EXPECT_TRUE(redactor.is_secret_header("proxy-authorization"));
  EXPECT_FALSE(redactor.is_secret_header("Accept"));
}

TEST(Redactor, LeavesTextWithoutSecretsAlone) {
  HttpRequest request;
  request.headers = {{"Accept", "application/json"}};
  const Redactor redactor(request);
  EXPECT_EQ(redactor.redact("Accept: application/json\nno secrets\n"),
            "Accept: application/json\nno secrets\n");
}

}  // namespace
}  // namespace stratus
