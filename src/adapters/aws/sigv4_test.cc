// SigV4 signing beyond the suite: re-signing, secrets, validation, presigning details and the
// canonical forms of paths and queries.
#include "adapters/aws/sigv4.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "adapters/aws/sigv4_canonical.h"
#include "adapters/aws/sigv4_signer.h"
#include "adapters/clock/settable_clock.h"

namespace stratus {
namespace {

const AwsCredentials kKeys{.access_key_id = "AKIDEXAMPLE",
                           .secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                           .session_token = ""};
const SigningScope kScope{.region = "us-east-1", .service = "service"};
const Timestamp kAt = parse_utc_timestamp("2015-08-30T12:36:00Z").value();

HttpRequest make_request(std::string method, std::string url) {
  HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  return r;
}

int count_header(const HttpRequest& r, const std::string& name) {
  return static_cast<int>(std::count_if(r.headers.begin(), r.headers.end(),
                                        [&](const auto& h) { return h.first == name; }));
}

std::string header(const HttpRequest& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "<absent>";
}

bool lists(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

TEST(SigV4, AmzDate) {
  EXPECT_EQ(amz_date(kAt), "20150830T123600Z");
  EXPECT_EQ(amz_date(parse_utc_timestamp("2026-01-02T03:04:05Z").value()), "20260102T030405Z");
}

TEST(SigV4, VanillaGetMatchesTheDocumentedSignatureAndAddsHost) {
  HttpRequest r = make_request("GET", "https://example.amazonaws.com/");
  auto result = sign_request(r, kKeys, kScope, kAt);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(header(r, "Host"), "example.amazonaws.com");
  EXPECT_EQ(header(r, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_TRUE(lists(r.secret_headers, "Authorization"));
}

TEST(SigV4, HostKeepsANonDefaultPort) {
  HttpRequest r = make_request("POST", "http://127.0.0.1:8123/");
  ASSERT_TRUE(sign_request(r, kKeys, kScope, kAt).ok());
  EXPECT_EQ(header(r, "Host"), "127.0.0.1:8123");
}

TEST(SigV4, SigningAgainReplacesTheSignatureHeaders) {
  AwsCredentials temporary = kKeys;
  temporary.session_token = "token-one";
  HttpRequest r = make_request("POST", "https://dynamodb.us-east-1.amazonaws.com/");
  r.body = "{}";
  auto first = sign_request(r, temporary, kScope, kAt);
  ASSERT_TRUE(first.ok());
  temporary.session_token = "token-two";
  auto second = sign_request(r, temporary, kScope, kAt + std::chrono::seconds{5});
  ASSERT_TRUE(second.ok());
  EXPECT_NE(first->signature, second->signature);
  EXPECT_EQ(count_header(r, "Authorization"), 1);
  EXPECT_EQ(count_header(r, "X-Amz-Date"), 1);
  EXPECT_EQ(count_header(r, "X-Amz-Security-Token"), 1);
  EXPECT_EQ(count_header(r, "Host"), 1);
  EXPECT_EQ(header(r, "X-Amz-Security-Token"), "token-two");
  EXPECT_EQ(header(r, "X-Amz-Date"), "20150830T123605Z");
  EXPECT_NE(header(r, "Authorization").find("Signature=" + second->signature), std::string::npos);
  EXPECT_EQ(std::count(r.secret_headers.begin(), r.secret_headers.end(), "Authorization"), 1);
  EXPECT_TRUE(lists(r.secret_headers, "X-Amz-Security-Token"));
}

TEST(SigV4, UserAgentAndHopByHopHeadersAreNotSigned) {
  HttpRequest r = make_request("GET", "https://example.amazonaws.com/");
  r.headers = {{"User-Agent", "stratus/0.1"}, {"Connection", "keep-alive"}, {"X-Custom", "a"}};
  auto result = sign_request(r, kKeys, kScope, kAt);
  ASSERT_TRUE(result.ok());
  EXPECT_NE(header(r, "Authorization").find("SignedHeaders=host;x-amz-date;x-custom,"),
            std::string::npos)
      << header(r, "Authorization");
}

TEST(SigV4, ErrorsNameTheMissingPieceLeaveTheRequestAloneAndHideSecrets) {
  HttpRequest r = make_request("GET", "https://example.amazonaws.com/");
  const HttpRequest before = r;
  AwsCredentials no_secret = kKeys;
  no_secret.secret_access_key.clear();
  no_secret.session_token = "very-secret-token";
  auto result = sign_request(r, no_secret, kScope, kAt);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(result.error().message.find("secret_access_key"), std::string::npos);
  EXPECT_NE(result.error().message.find("AKIDEXAMPLE"), std::string::npos);
  EXPECT_EQ(result.error().to_string().find("very-secret-token"), std::string::npos);
  EXPECT_EQ(r.headers, before.headers);

  AwsCredentials no_id = kKeys;
  no_id.access_key_id.clear();
  result = sign_request(r, no_id, kScope, kAt);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("access_key_id"), std::string::npos);
  EXPECT_EQ(result.error().to_string().find(kKeys.secret_access_key), std::string::npos);

  result = sign_request(r, kKeys, {.region = "", .service = "ssm"}, kAt);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("region"), std::string::npos);

  result = sign_request(r, kKeys, {.region = "eu-west-1", .service = ""}, kAt);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("service"), std::string::npos);

  HttpRequest relative = make_request("GET", "/no-host");
  result = sign_request(relative, kKeys, kScope, kAt);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(relative.headers.empty());
}

TEST(SigV4, PresignKeepsTheQueryAndFragmentAndChecksExpiry) {
  HttpRequest r = make_request("GET", "https://example.amazonaws.com/a?b=1#frag");
  SigningOptions options;
  options.expires = std::chrono::seconds{60};
  ASSERT_TRUE(presign_request(r, kKeys, kScope, kAt, options).ok());
  EXPECT_EQ(r.url.rfind("https://example.amazonaws.com/a?b=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&", 0),
            0u)
      << r.url;
  EXPECT_NE(r.url.find("&X-Amz-Expires=60&"), std::string::npos);
  EXPECT_EQ(r.url.substr(r.url.size() - 5), "#frag");
  EXPECT_EQ(count_header(r, "Authorization"), 0);

  HttpRequest too_long = make_request("GET", "https://example.amazonaws.com/");
  options.expires = std::chrono::seconds{604'801};
  auto result = presign_request(too_long, kKeys, kScope, kAt, options);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("604801"), std::string::npos);
  EXPECT_EQ(too_long.url, "https://example.amazonaws.com/");
}

TEST(SigV4Canonical, PathIsEncodedOnceMoreAndNormalised) {
  EXPECT_EQ(canonical_uri("", true), "/");
  EXPECT_EQ(canonical_uri("/documents and settings/", true), "/documents%20and%20settings/");
  EXPECT_EQ(canonical_uri("/a%20b", true), "/a%2520b");  // Wire form encoded again.
  EXPECT_EQ(canonical_uri("/a/b/../c/./d//", true), "/a/c/d/");
  EXPECT_EQ(canonical_uri("/a/b/..", true), "/a/");
  EXPECT_EQ(canonical_uri("/../..", true), "/");
  EXPECT_EQ(canonical_uri("/a/b/../c", false), "/a/b/../c");
}

TEST(SigV4Canonical, QueryIsDecodedEncodedAndSorted) {
  EXPECT_EQ(canonical_query(parse_query("b=2&a=%7e&c&a=1&&z=a+b")), "a=1&a=~&b=2&c=&z=a%2Bb");
  EXPECT_EQ(canonical_query(parse_query("")), "");
  EXPECT_EQ(aws_uri_decode("%4A%zz%"), "J%zz%");
  EXPECT_EQ(aws_uri_encode("a/b c~"), "a%2Fb%20c~");
  EXPECT_EQ(aws_uri_encode("a/b", /*keep_slash=*/true), "a/b");
}

TEST(SigV4Canonical, HeadersAreLowerCasedSortedJoinedAndTrimmed) {
  const auto c = canonical_headers(
      {{"X-B", "  two   words "}, {"x-a", "1"}, {"X-A", "\t2"}, {"Authorization", "x"}});
  EXPECT_EQ(c.block, "x-a:1,2\nx-b:two words\n");
  EXPECT_EQ(c.signed_headers, "x-a;x-b");
}

TEST(SigV4Signer, SignsWithTheClocksTimeEachCall) {
  SettableClock clock(kAt);
  const AwsRequestSigner signer = make_sigv4_signer(kKeys, kScope, clock);
  HttpRequest r = make_request("GET", "https://example.amazonaws.com/");
  ASSERT_TRUE(signer(r).ok());
  EXPECT_NE(header(r, "Authorization")
                .find("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
            std::string::npos);
  clock.advance(std::chrono::seconds{60});
  ASSERT_TRUE(signer(r).ok());
  EXPECT_EQ(header(r, "X-Amz-Date"), "20150830T123700Z");
  EXPECT_EQ(count_header(r, "Authorization"), 1);

  const AwsRequestSigner broken = make_sigv4_signer(AwsCredentials{}, kScope, clock);
  const Status status = broken(r);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace stratus
