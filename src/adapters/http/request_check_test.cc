// Tests for check_request: malformed requests fail as InvalidInput before any I/O.
#include "adapters/http/request_check.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

HttpRequest get() {
  HttpRequest request;
  request.url = "http://h/";
  return request;
}

TEST(RequestCheck, AcceptsOrdinaryRequests) {
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    HttpRequest request = get();
    request.method = method;
    request.headers = {{"Content-Type", "application/json"}, {"X-Empty", ""}};
    EXPECT_TRUE(check_request(request).ok()) << method;
  }
}

TEST(RequestCheck, RejectsUnknownMethodsAndBodiesOnGetAndDelete) {
  HttpRequest request = get();
  request.method = "get";
  EXPECT_EQ(check_request(request).error().code, ErrorCode::kInvalidInput);
  request.method = "GET";
  request.body = "x";
  EXPECT_EQ(check_request(request).error().code, ErrorCode::kInvalidInput);
  request.method = "DELETE";
  EXPECT_EQ(check_request(request).error().code, ErrorCode::kInvalidInput);
}

TEST(RequestCheck, RejectsHeaderInjectionWithoutEchoingTheValue) {
  HttpRequest request = get();
  request.headers = {{"APCA-API-SECRET-KEY", "s3cr3t\r\nX-Evil: 1"}};
  auto status = check_request(request);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(status.error().message.find("APCA-API-SECRET-KEY"), std::string::npos);
  EXPECT_EQ(status.error().message.find("s3cr3t"), std::string::npos);
}

TEST(RequestCheck, RejectsBadHeaderNamesEchoingOnlyTheValidPrefix) {
  HttpRequest request = get();
  request.headers = {{"Key: s3cr3t", "v"}};
  auto status = check_request(request);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("'Key...'"), std::string::npos);
  EXPECT_EQ(status.error().message.find("s3cr3t"), std::string::npos);
  request.headers = {{"", "v"}};
  EXPECT_FALSE(check_request(request).ok());
}

}  // namespace
}  // namespace stratus
