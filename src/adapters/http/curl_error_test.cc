// Tests for curl_failure_error: libcurl outcomes to Unavailable / Ambiguous / InvalidInput.
#include "adapters/http/curl_error.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

CurlFailure failure(CURLcode code, bool started) {
  CurlFailure f;
  f.code = code;
  f.request_started = started;
  f.target = "POST https://api.example.com/v2/orders";
  f.authority = "api.example.com";
  f.detail = "detail from libcurl";
  f.connect_timeout = std::chrono::milliseconds{150};
  f.total_timeout = std::chrono::milliseconds{200};
  return f;
}

TEST(CurlError, FailuresBeforeSendingAreUnavailable) {
  for (CURLcode code : {CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_OPERATION_TIMEDOUT,
                        CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION,
                        CURLE_COULDNT_RESOLVE_PROXY, CURLE_RECV_ERROR}) {
    const Error error = curl_failure_error(failure(code, false));
    EXPECT_EQ(error.code, ErrorCode::kUnavailable) << code;
    EXPECT_TRUE(error.message.starts_with("POST https://api.example.com/v2/orders: ")) << code;
    EXPECT_NE(error.message.find("api.example.com"), std::string::npos);
    EXPECT_NE(error.message.find("not sent"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find("detail from libcurl"), std::string::npos);
  }
  EXPECT_NE(curl_failure_error(failure(CURLE_OPERATION_TIMEDOUT, false))
                .message.find("connect timeout of 150 ms"),
            std::string::npos);
  EXPECT_NE(curl_failure_error(failure(CURLE_PEER_FAILED_VERIFICATION, false))
                .message.find("TLS certificate"),
            std::string::npos);
}

TEST(CurlError, FailuresAfterSendingStartedAreAmbiguous) {
  for (CURLcode code :
       {CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE,
        CURLE_SEND_ERROR, CURLE_ABORTED_BY_CALLBACK, CURLE_HTTP2_STREAM, CURLE_OUT_OF_MEMORY}) {
    const Error error = curl_failure_error(failure(code, true));
    EXPECT_EQ(error.code, ErrorCode::kAmbiguous) << code;
    EXPECT_NE(error.message.find("api.example.com"), std::string::npos);
    EXPECT_NE(error.message.find("may have taken effect"), std::string::npos) << error.message;
  }
  EXPECT_NE(curl_failure_error(failure(CURLE_OPERATION_TIMEDOUT, true))
                .message.find("total timeout of 200 ms"),
            std::string::npos);
  CurlFailure refused = failure(CURLE_ABORTED_BY_CALLBACK, true);
  refused.resend_refused = true;
  EXPECT_NE(curl_failure_error(refused).message.find("not resent"), std::string::npos);
}

TEST(CurlError, LocalProblemsAreNotTransient) {
  EXPECT_EQ(curl_failure_error(failure(CURLE_URL_MALFORMAT, false)).code, ErrorCode::kInvalidInput);
  EXPECT_EQ(curl_failure_error(failure(CURLE_UNSUPPORTED_PROTOCOL, false)).code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(curl_failure_error(failure(CURLE_OUT_OF_MEMORY, false)).code, ErrorCode::kInternal);
}

}  // namespace
}  // namespace stratus
