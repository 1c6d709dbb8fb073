// SecretText: every secret part of a webhook URL, and a shared secret in its encoded forms, is
// hidden; the host stays readable.
#include "adapters/webhook/secret_text.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

constexpr const char* kSlackUrl =
    "https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/xoxTokenXXXXXXXXXXXXXXXX";

TEST(SecretText, HidesTheUrlItsPathAndItsTokenSegmentsButNotTheHost) {
  SecretText secrets;
  secrets.add_url(kSlackUrl);
  EXPECT_EQ(secrets.scrub(std::string("POST ") + kSlackUrl + ": connection refused"),
            "POST [secret]: connection refused");
  EXPECT_EQ(secrets.scrub("POST https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/"
                          "xoxTokenXXXXXXXXXXXXXXXX: reset"),
            "POST [secret]: reset");
  EXPECT_EQ(secrets.scrub("token xoxTokenXXXXXXXXXXXXXXXX leaked"), "token [secret] leaked");
  EXPECT_EQ(secrets.scrub("GET https://hooks.slack.com/services/T0AAAAAAA/B0BBBBBBB/"
                          "xoxTokenXXXXXXXXXXXXXXXX?x=1"),
            "GET [secret]?x=1");
  EXPECT_EQ(secrets.scrub("the host hooks.slack.com is fine"), "the host hooks.slack.com is fine");
}

TEST(SecretText, HidesAQueryAndASharedSecretEncodedOrNot) {
  SecretText secrets;
  secrets.add_url("http://127.0.0.1:8080/macros/s/AKfycbDeploymentId0123456789/exec?k=v1");
  secrets.add("s3cret/with space&\"quote\"");
  EXPECT_EQ(secrets.scrub("deployment AKfycbDeploymentId0123456789 here"),
            "deployment [secret] here");
  EXPECT_EQ(secrets.scrub("q k=v1"), "q [secret]");
  EXPECT_EQ(secrets.scrub("raw s3cret/with space&\"quote\""), "raw [secret]");
  EXPECT_EQ(secrets.scrub("form s3cret%2Fwith%20space%26%22quote%22"), "form [secret]");
  EXPECT_EQ(secrets.scrub("json s3cret/with space&\\\"quote\\\""), "json [secret]");
  EXPECT_EQ(secrets.scrub("short path /exec stays"), "short path /exec stays");
}

TEST(SecretText, NothingAddedHidesNothing) {
  SecretText secrets;
  secrets.add("");
  EXPECT_EQ(secrets.scrub("plain"), "plain");
}

}  // namespace
}  // namespace stratus
