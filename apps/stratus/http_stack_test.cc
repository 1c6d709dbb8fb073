// Tests of the HTTP stack built from [http]: each setting reaches its layer, and the stack
// answers a refused connection as Unavailable after exactly the configured number of tries.
#include "apps/stratus/http_stack.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include <gtest/gtest.h>

namespace stratus {
namespace {

using std::chrono::milliseconds;

HttpConfig unusual() {
  HttpConfig http;
  http.connect_timeout_ms = 1234;
  http.total_timeout_ms = 5678;
  http.max_attempts = 7;
  http.base_delay_ms = 11;
  http.max_delay_ms = 222;
  http.max_total_delay_ms = 3333;
  http.breaker_failure_threshold = 9;
  return http;
}

TEST(HttpStackOptions, EverySettingReachesItsLayer) {
  const CurlOptions curl = curl_options_from(unusual());
  EXPECT_EQ(curl.connect_timeout, milliseconds(1234));
  EXPECT_EQ(curl.total_timeout, milliseconds(5678));
  const RetryPolicy retry = retry_policy_from(unusual());
  EXPECT_EQ(retry.max_attempts, 7);
  EXPECT_EQ(retry.base_delay, milliseconds(11));
  EXPECT_EQ(retry.max_delay, milliseconds(222));
  EXPECT_EQ(retry.max_total_delay, milliseconds(3333));
  EXPECT_EQ(breaker_options_from(unusual()).failure_threshold, 9);
}

TEST(HttpStackOptions, DefaultsMatchTheAdaptersOwn) {
  const HttpConfig defaults;
  EXPECT_EQ(curl_options_from(defaults).connect_timeout, CurlOptions{}.connect_timeout);
  EXPECT_EQ(curl_options_from(defaults).total_timeout, CurlOptions{}.total_timeout);
  EXPECT_EQ(retry_policy_from(defaults).max_attempts, RetryPolicy{}.max_attempts);
  EXPECT_EQ(retry_policy_from(defaults).base_delay, RetryPolicy{}.base_delay);
  EXPECT_EQ(retry_policy_from(defaults).max_delay, RetryPolicy{}.max_delay);
  EXPECT_EQ(retry_policy_from(defaults).max_total_delay, RetryPolicy{}.max_total_delay);
  EXPECT_EQ(breaker_options_from(defaults).failure_threshold,
            CircuitBreakerOptions{}.failure_threshold);
}

// A port on 127.0.0.1 that refuses connections: bound, never listened on, kept open meanwhile.
class RefusingPort {
 public:
  RefusingPort() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      port_ = ntohs(addr.sin_port);
    }
  }
  ~RefusingPort() {
    if (fd_ >= 0) ::close(fd_);
  }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

TEST(HttpStack, RetriesThenOpensTheCircuitForARefusingHost) {
  // libcurl honours proxy variables: keep 127.0.0.1 off any proxy the developer has set.
  for (const char* name : {"no_proxy", "NO_PROXY"}) ::setenv(name, "127.0.0.1,localhost", 1);
  RefusingPort refusing;
  ASSERT_NE(refusing.port(), 0);
  HttpConfig http;
  http.max_attempts = 2;
  http.base_delay_ms = 1;
  http.max_delay_ms = 1;
  http.breaker_failure_threshold = 4;
  HttpStack stack(http);
  HttpRequest request;
  request.method = "GET";
  request.url = "http://127.0.0.1:" + std::to_string(refusing.port()) + "/v2/account";

  // Two calls of two tries each: four consecutive failures open the circuit...
  for (int call = 0; call < 2; ++call) {
    Result<HttpResponse> answer = stack.client().send(request);
    ASSERT_FALSE(answer.ok());
    EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable) << answer.error().to_string();
    EXPECT_EQ(answer.error().to_string().find("circuit open"), std::string::npos)
        << answer.error().to_string();
  }
  // ...so the third fails fast without reaching the network.
  Result<HttpResponse> answer = stack.client().send(request);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(answer.error().to_string().find("circuit open"), std::string::npos)
      << answer.error().to_string();
}

}  // namespace
}  // namespace stratus
