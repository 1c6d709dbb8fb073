// Tests of base URL parsing: the accepted forms, their normalisation, and every refusal.
#include "config/base_url.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

void expect_url(std::string_view text, std::string_view url, std::string_view host) {
  Result<BaseUrl> parsed = parse_base_url(text);
  ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().to_string();
  EXPECT_EQ(parsed->url, url) << text;
  EXPECT_EQ(parsed->host, host) << text;
}

void expect_refused(std::string_view text, std::string_view why) {
  Result<BaseUrl> parsed = parse_base_url(text);
  ASSERT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(parsed.error().message, HasSubstr(why)) << text;
}

TEST(BaseUrl, AcceptsTheFormsTheAlpacaSdksAccept) {
  expect_url("https://paper-api.alpaca.markets", "https://paper-api.alpaca.markets",
             "paper-api.alpaca.markets");
  expect_url("https://paper-api.alpaca.markets/", "https://paper-api.alpaca.markets",
             "paper-api.alpaca.markets");
  expect_url("https://api.alpaca.markets/v2", "https://api.alpaca.markets", "api.alpaca.markets");
  expect_url("https://api.alpaca.markets/v2/", "https://api.alpaca.markets", "api.alpaca.markets");
  expect_url("HTTPS://API.Alpaca.Markets", "https://api.alpaca.markets", "api.alpaca.markets");
  expect_url("http://127.0.0.1:41234", "http://127.0.0.1:41234", "127.0.0.1");
  expect_url("http://localhost:8080/v2", "http://localhost:8080", "localhost");
  expect_url("http://[::1]:9000/", "http://[::1]:9000", "[::1]");
  expect_url("http://fake_alpaca", "http://fake_alpaca", "fake_alpaca");
}

TEST(BaseUrl, RefusesWhatIsNotABaseUrl) {
  expect_refused("", "scheme");
  expect_refused("paper-api.alpaca.markets", "scheme");
  expect_refused("ftp://paper-api.alpaca.markets", "scheme");
  expect_refused("https://", "host is empty");
  expect_refused("https://:8080", "host is empty");
  expect_refused("https://paper-api.alpaca.markets/v1", "no path");
  expect_refused("https://paper-api.alpaca.markets/v2/orders", "no path");
  expect_refused("https://paper-api.alpaca.markets//", "no path");
  expect_refused("https://paper-api.alpaca.markets?x=1", "query");
  expect_refused("https://paper api.alpaca.markets", "host may hold only");
  expect_refused("https://paper-api.alpaca.markets:", "port is empty");
  expect_refused("https://paper-api.alpaca.markets:0", "1 to 65535");
  expect_refused("https://paper-api.alpaca.markets:65536", "1 to 65535");
  expect_refused("https://paper-api.alpaca.markets:80a", "1 to 65535");
  expect_refused("https://paper-api.alpaca.markets:123456", "1 to 65535");
  expect_refused("http://[::1", "IPv6");
  expect_refused("http://[]:80", "IPv6");
  expect_refused("http://[::1]x", "after the host");
}

TEST(BaseUrl, NeverRepeatsUserInformation) {
  Result<BaseUrl> parsed = parse_base_url("https://stratus:hunter2@proxy.example");
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(parsed.error().to_string(), HasSubstr("user information"));
  EXPECT_THAT(parsed.error().to_string(), Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace stratus
