// Tests for parse_url: the pieces used in messages and as circuit-breaker keys.
#include "adapters/http/url_parts.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(UrlParts, SplitsSchemeAuthorityAndPathAndDropsQuery) {
  auto url = parse_url("HTTPS://Paper-API.alpaca.markets/v2/orders?status=open#x");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "paper-api.alpaca.markets");
  EXPECT_EQ(url->authority, "paper-api.alpaca.markets");
  EXPECT_EQ(url->path, "/v2/orders");
  EXPECT_EQ(url->display(), "https://paper-api.alpaca.markets/v2/orders");
}

TEST(UrlParts, KeepsPortInAuthorityAndDefaultsPath) {
  auto url = parse_url("http://127.0.0.1:8080");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->authority, "127.0.0.1:8080");
  EXPECT_EQ(url->path, "/");
  auto query_only = parse_url("http://h:1?x=1");
  ASSERT_TRUE(query_only.ok());
  EXPECT_EQ(query_only->authority, "h:1");
  EXPECT_EQ(query_only->path, "/");
}

TEST(UrlParts, HandlesIpv6Literals) {
  auto url = parse_url("http://[::1]:9000/a");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->host, "[::1]");
  EXPECT_EQ(url->authority, "[::1]:9000");
  EXPECT_TRUE(parse_url("http://[::1]/").ok());
  EXPECT_FALSE(parse_url("http://[::1/").ok());
}

TEST(UrlParts, DropsUserInformationEverywhere) {
  auto url = parse_url("https://user:hunter2@example.com/x");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->authority, "example.com");
  EXPECT_EQ(url->display().find("hunter2"), std::string::npos);
  auto bad = parse_url("https://user:hunter2@example.com:99999/x");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.find("hunter2"), std::string::npos);
}

TEST(UrlParts, RejectsWhatIsNotAnAbsoluteHttpUrl) {
  for (const char* text : {"", "example.com/x", "ftp://example.com/", "http:///x", "http://:80/",
                           "http://h:/", "http://h:0/", "http://h:65536/", "http://h:8o/"}) {
    auto url = parse_url(text);
    ASSERT_FALSE(url.ok()) << text;
    EXPECT_EQ(url.error().code, ErrorCode::kInvalidInput) << text;
  }
}

}  // namespace
}  // namespace stratus
