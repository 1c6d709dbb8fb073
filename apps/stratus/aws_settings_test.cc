// aws_settings_for: the AWS credentials it finds are registered for redaction.
#include "apps/stratus/aws_settings.h"

#include <gtest/gtest.h>

#include "support/redaction.h"

namespace stratus {
namespace {

TEST(AwsSettings, TheCredentialsFoundAreRegisteredForRedaction) {
  clear_registered_secrets_for_testing();
  const Environment env{{"AWS_ACCESS_KEY_ID", "AKIAREDACTME0001"},
                        {"AWS_SECRET_ACCESS_KEY", "secret/access+key0002"},
                        {"AWS_SESSION_TOKEN", "session-token-0003"},
                        {"AWS_REGION", "us-east-1"},
                        {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"},
                        {"AWS_CONFIG_FILE", "/nonexistent/config"}};
  auto settings = aws_settings_for(env, kSnsService, "alerts.sns_topic_arn", "SNS");
  ASSERT_TRUE(settings.ok()) << settings.error().to_string();
  EXPECT_EQ(redact("AKIAREDACTME0001 secret/access+key0002 session-token-0003"),
            "[REDACTED] [REDACTED] [REDACTED]");
  EXPECT_EQ(redact("secret%2Faccess%2Bkey0002"), "[REDACTED]");
  clear_registered_secrets_for_testing();
}

}  // namespace
}  // namespace stratus
