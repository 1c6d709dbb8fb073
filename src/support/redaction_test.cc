// Tests of the secret registry and redact().
#include "support/redaction.h"

#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RedactionTest : public ::testing::Test {
 protected:
  void SetUp() override { clear_registered_secrets_for_testing(); }
  void TearDown() override { clear_registered_secrets_for_testing(); }
};

TEST_F(RedactionTest, EveryOccurrenceOfARegisteredValueIsReplaced) {
  ASSERT_TRUE(register_secret("PKSECRET123456"));
  EXPECT_EQ(redact("key PKSECRET123456 and again PKSECRET123456!"),
            "key [REDACTED] and again [REDACTED]!");
  EXPECT_EQ(redact("PKSECRET123456PKSECRET123456"), "[REDACTED][REDACTED]");
  EXPECT_EQ(redact("nothing secret here"), "nothing secret here");
  EXPECT_EQ(redact(""), "");
}

TEST_F(RedactionTest, ValuesShorterThanEightCharactersAreNotRegistered) {
  EXPECT_FALSE(register_secret("dev"));
  EXPECT_FALSE(register_secret("1234567"));
  EXPECT_FALSE(register_secret(""));
  EXPECT_EQ(registered_secret_count(), 0u);
  EXPECT_EQ(redact("profile dev pin 1234567"), "profile dev pin 1234567");
  EXPECT_TRUE(register_secret("12345678"));
  EXPECT_EQ(redact("pin 12345678"), "pin [REDACTED]");
}

TEST_F(RedactionTest, UrlEncodedFormsAreHiddenToo) {
  const std::string url = "https://hooks.slack.com/services/T000/B000/XXXXtoken";
  ASSERT_TRUE(register_secret(url));
  EXPECT_EQ(redact("POST " + url + " failed"), "POST [REDACTED] failed");
  EXPECT_EQ(redact("url=https%3A%2F%2Fhooks.slack.com%2Fservices%2FT000%2FB000%2FXXXXtoken&x"),
            "url=[REDACTED]&x");
  EXPECT_EQ(redact("url=https%3a%2f%2fhooks.slack.com%2fservices%2fT000%2fB000%2fXXXXtoken"),
            "url=[REDACTED]");
}

TEST_F(RedactionTest, JsonEscapedFormIsHiddenToo) {
  ASSERT_TRUE(register_secret("se\"cr\\et-value"));
  EXPECT_EQ(redact(R"({"secret":"se\"cr\\et-value"})"), R"({"secret":"[REDACTED]"})");
}

TEST_F(RedactionTest, ALongerSecretContainingAShorterOneIsHiddenWhole) {
  ASSERT_TRUE(register_secret("abcdefgh"));
  ASSERT_TRUE(register_secret("abcdefgh-and-more"));
  EXPECT_EQ(redact("x abcdefgh-and-more y abcdefgh z"), "x [REDACTED] y [REDACTED] z");
}

TEST_F(RedactionTest, RegisteringTwiceIsHarmless) {
  ASSERT_TRUE(register_secret("repeated-secret"));
  ASSERT_TRUE(register_secret("repeated-secret"));
  EXPECT_EQ(registered_secret_count(), 1u);
  EXPECT_EQ(redact("repeated-secret"), "[REDACTED]");
}

TEST_F(RedactionTest, ClearForgetsEverything) {
  ASSERT_TRUE(register_secret("forgotten-secret"));
  clear_registered_secrets_for_testing();
  EXPECT_EQ(redact("forgotten-secret"), "forgotten-secret");
}

TEST_F(RedactionTest, ConcurrentRegistrationAndRedaction) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 100;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string secret = "thread-" + std::to_string(t) + "-secret-" + std::to_string(i);
        register_secret(secret);
        // A value is hidden as soon as its registration returned, whatever other threads do.
        const std::string text = redact("before " + secret + " after");
        if (text != "before [REDACTED] after") ADD_FAILURE() << text;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(registered_secret_count(), static_cast<std::size_t>(kThreads * kPerThread));
  EXPECT_THAT(redact("thread-3-secret-99"), Not(HasSubstr("secret")));
}

}  // namespace
}  // namespace stratus
