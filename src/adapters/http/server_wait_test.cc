// Tests for server_requested_wait: Retry-After first, then X-RateLimit-Reset.
#include "adapters/http/server_wait.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const Timestamp kNow = parse_utc_timestamp("2026-03-02T10:00:00Z").value();

HttpResponse with(HttpHeaders headers) {
  HttpResponse response;
  response.status = 429;
  response.headers = std::move(headers);
  return response;
}

TEST(ServerWait, RetryAfterSeconds) {
  EXPECT_EQ(server_requested_wait(with({{"retry-after", " 7 "}}), kNow), milliseconds{7000});
  EXPECT_EQ(server_requested_wait(with({{"Retry-After", "0"}}), kNow), milliseconds{0});
}

TEST(ServerWait, RetryAfterHttpDateCountsFromNow) {
  EXPECT_EQ(server_requested_wait(with({{"Retry-After", "Mon, 02 Mar 2026 10:00:05 GMT"}}), kNow),
            milliseconds{5000});
  EXPECT_EQ(server_requested_wait(with({{"Retry-After", "Mon, 02 Mar 2026 09:00:00 GMT"}}), kNow),
            milliseconds{0});
}

TEST(ServerWait, RateLimitResetIsAnEpochSecond) {
  const auto epoch = kNow.time_since_epoch().count();
  EXPECT_EQ(server_requested_wait(with({{"X-RateLimit-Reset", std::to_string(epoch + 3)}}), kNow),
            milliseconds{3000});
  EXPECT_EQ(server_requested_wait(with({{"X-RateLimit-Reset", std::to_string(epoch - 30)}}), kNow),
            milliseconds{0});
}

TEST(ServerWait, RetryAfterWinsAndMalformedValuesAreIgnored) {
  const auto reset = std::to_string(kNow.time_since_epoch().count() + 9);
  EXPECT_EQ(server_requested_wait(with({{"X-RateLimit-Reset", reset}, {"Retry-After", "2"}}), kNow),
            milliseconds{2000});
  EXPECT_EQ(
      server_requested_wait(with({{"Retry-After", "soon"}, {"X-RateLimit-Reset", reset}}), kNow),
      milliseconds{9000});
  EXPECT_FALSE(server_requested_wait(with({{"Retry-After", "-1"}}), kNow).has_value());
  EXPECT_FALSE(server_requested_wait(with({{"X-RateLimit-Reset", "1.5"}}), kNow).has_value());
  EXPECT_FALSE(server_requested_wait(with({}), kNow).has_value());
}

TEST(ServerWait, HugeValuesSaturateInsteadOfOverflowing) {
  auto wait = server_requested_wait(with({{"Retry-After", "99999999999999999999999"}}), kNow);
  ASSERT_TRUE(wait.has_value());
  EXPECT_GT(*wait, std::chrono::hours{24 * 365 * 99});
  EXPECT_GT(*wait, milliseconds{0});
}

}  // namespace
}  // namespace stratus
