// The log settings from flags, environment and the command's defaults.
#include "apps/stratus/log_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace stratus {
namespace {

using ::testing::HasSubstr;

TEST(LogOptions, DefaultsArePerCommand) {
  auto terminal = resolve_log_settings({}, {}, default_log_settings(false));
  ASSERT_TRUE(terminal.ok());
  EXPECT_EQ(terminal->level, LogLevel::kWarning);
  EXPECT_EQ(terminal->format, LogFormat::kText);
  auto lambda = resolve_log_settings({}, {}, default_log_settings(true));
  ASSERT_TRUE(lambda.ok());
  EXPECT_EQ(lambda->level, LogLevel::kInfo);
  EXPECT_EQ(lambda->format, LogFormat::kJson);
}

TEST(LogOptions, EnvironmentOverDefaultsAndFlagsOverEnvironment) {
  const std::map<std::string, std::string> env{{"STRATUS_LOG_LEVEL", "debug"},
                                               {"STRATUS_LOG_FORMAT", "json"}};
  auto from_env = resolve_log_settings({}, env, default_log_settings(false));
  ASSERT_TRUE(from_env.ok());
  EXPECT_EQ(from_env->level, LogLevel::kDebug);
  EXPECT_EQ(from_env->format, LogFormat::kJson);
  auto from_flags = resolve_log_settings({"error", "text"}, env, default_log_settings(false));
  ASSERT_TRUE(from_flags.ok());
  EXPECT_EQ(from_flags->level, LogLevel::kError);
  EXPECT_EQ(from_flags->format, LogFormat::kText);
  // A good flag wins even over a bad variable: the variable is not read.
  auto flag_over_bad = resolve_log_settings({"info", std::nullopt}, {{"STRATUS_LOG_LEVEL", "loud"}},
                                            default_log_settings(false));
  ASSERT_TRUE(flag_over_bad.ok());
  EXPECT_EQ(flag_over_bad->level, LogLevel::kInfo);
}

TEST(LogOptions, BadValuesNameTheirSource) {
  auto flag = resolve_log_settings({"verbose", std::nullopt}, {}, default_log_settings(false));
  ASSERT_FALSE(flag.ok());
  EXPECT_EQ(flag.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(flag.error().message,
              HasSubstr("--log-level \"verbose\": expected a log level: debug, info, warning or "
                        "error"));
  auto variable =
      resolve_log_settings({}, {{"STRATUS_LOG_FORMAT", "xml"}}, default_log_settings(true));
  ASSERT_FALSE(variable.ok());
  EXPECT_THAT(variable.error().message,
              HasSubstr("STRATUS_LOG_FORMAT \"xml\": expected a log format: text or json"));
  auto empty = resolve_log_settings({std::nullopt, ""}, {}, default_log_settings(false));
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(empty.error().message, HasSubstr("--log-format \"\": expected"));
}

}  // namespace
}  // namespace stratus
