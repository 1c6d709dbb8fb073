// Tests of the structured log: both formats, level filtering, escaping, redaction, threads.
#include "support/log.h"

#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/redaction.h"

namespace stratus {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// 2015-08-24T19:45:01.123Z
const std::chrono::system_clock::time_point kAt =
    std::chrono::sys_days{std::chrono::year{2015} / 8 / 24} + std::chrono::hours{19} +
    std::chrono::minutes{45} + std::chrono::seconds{1} + std::chrono::milliseconds{123};

std::string json_line(LogLevel level, std::string_view message, std::vector<LogField> fields) {
  return format_log_line(LogFormat::kJson, kAt, level, message, fields);
}

std::string text_line(LogLevel level, std::string_view message, std::vector<LogField> fields) {
  return format_log_line(LogFormat::kText, kAt, level, message, fields);
}

// Captures what the log writes; restores stderr and the default settings afterwards.
class LogCapture : public ::testing::Test {
 protected:
  void SetUp() override {
    clear_registered_secrets_for_testing();
    set_log_writer([this](std::string_view line) { lines_.emplace_back(line); });
  }
  void TearDown() override {
    set_log_writer({});
    set_log_settings({});
    clear_registered_secrets_for_testing();
  }
  std::vector<std::string> lines_;
};

TEST(LogFormat, JsonLineIsOneObjectWithTsLevelMsgFirst) {
  const std::string line =
      json_line(LogLevel::kInfo, "run started",
                {{"run_id", "2015-08-24T19:45:00Z/dev"}, {"orders", 2}, {"dry", false}});
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line";
  EXPECT_EQ(line,
            "{\"ts\":\"2015-08-24T19:45:01.123Z\",\"level\":\"info\",\"msg\":\"run started\","
            "\"run_id\":\"2015-08-24T19:45:00Z/dev\",\"orders\":2,\"dry\":false}\n");
  const auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["orders"], 2);
}

TEST(LogFormat, JsonEscapesQuotesNewlinesControlsAndBadUtf8) {
  const std::string line =
      json_line(LogLevel::kError, "two\nlines \"quoted\" \\ tab\t",
                {{"bytes", std::string("bad \xff utf8")}, {"ctl", std::string("a\x01z")}});
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  const auto parsed = nlohmann::json::parse(line);
  EXPECT_EQ(parsed["msg"], "two\nlines \"quoted\" \\ tab\t");
  EXPECT_EQ(parsed["bytes"], "bad \xef\xbf\xbd utf8");
  EXPECT_EQ(parsed["ctl"], "a\x01z");
  EXPECT_EQ(parsed["level"], "error");
}

TEST(LogFormat, FieldsNamedLikeTheLinesOwnMembersArePrefixed) {
  const auto parsed = nlohmann::json::parse(
      json_line(LogLevel::kDebug, "m", {{"ts", "x"}, {"level", "y"}, {"msg", "z"}}));
  EXPECT_EQ(parsed["ts"], "2015-08-24T19:45:01.123Z");
  EXPECT_EQ(parsed["level"], "debug");
  EXPECT_EQ(parsed["msg"], "m");
  EXPECT_EQ(parsed["_ts"], "x");
  EXPECT_EQ(parsed["_level"], "y");
  EXPECT_EQ(parsed["_msg"], "z");
}

TEST(LogFormat, TextLineIsReadable) {
  EXPECT_EQ(text_line(LogLevel::kWarning, "http retry",
                      {{"host", "paper-api.alpaca.markets"}, {"attempt", 2}, {"ok", true}}),
            "2015-08-24T19:45:01.123Z WARNING http retry host=paper-api.alpaca.markets "
            "attempt=2 ok=true\n");
}

TEST(LogFormat, TextQuotesValuesThatNeedItAndEscapesNewlines) {
  EXPECT_EQ(text_line(LogLevel::kInfo, "a\nb",
                      {{"reason", "market closed"},
                       {"empty", ""},
                       {"eq", "a=b"},
                       {"q", "say \"hi\""},
                       {"nl", "x\ny"}}),
            "2015-08-24T19:45:01.123Z INFO a\\nb reason=\"market closed\" empty=\"\" "
            "eq=\"a=b\" q=\"say \\\"hi\\\"\" nl=\"x\\ny\"\n");
}

TEST(LogFormat, TimestampsAreUtcWithMilliseconds) {
  const std::regex ts(R"(\{"ts":"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z".*)");
  const auto line =
      format_log_line(LogFormat::kJson, std::chrono::system_clock::now(), LogLevel::kInfo, "m", {});
  EXPECT_TRUE(std::regex_search(line, ts)) << line;
  const auto epoch = format_log_line(LogFormat::kText, std::chrono::system_clock::time_point{},
                                     LogLevel::kInfo, "m", {});
  EXPECT_EQ(epoch, "1970-01-01T00:00:00.000Z INFO m\n");
}

TEST(LogLevels, ParseAndName) {
  for (LogLevel level : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError}) {
    auto parsed = parse_log_level(log_level_name(level));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, level);
  }
  auto bad = parse_log_level("verbose");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(bad.error().message,
              HasSubstr("\"verbose\": expected a log level: debug, info, warning or error"));
  EXPECT_FALSE(parse_log_level("INFO").ok());
  EXPECT_EQ(*parse_log_format("json"), LogFormat::kJson);
  EXPECT_EQ(*parse_log_format("text"), LogFormat::kText);
  auto format = parse_log_format("yaml");
  ASSERT_FALSE(format.ok());
  EXPECT_THAT(format.error().message, HasSubstr("\"yaml\": expected a log format: text or json"));
}

TEST_F(LogCapture, EntriesBelowTheLevelAreDropped) {
  set_log_settings({LogLevel::kWarning, LogFormat::kJson});
  log_debug("d");
  log_info("i");
  log_warning("w");
  log_error("e");
  ASSERT_EQ(lines_.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(lines_[0])["msg"], "w");
  EXPECT_EQ(nlohmann::json::parse(lines_[1])["msg"], "e");
  EXPECT_FALSE(log_enabled(LogLevel::kInfo));
  EXPECT_TRUE(log_enabled(LogLevel::kError));

  lines_.clear();
  set_log_settings({LogLevel::kDebug, LogFormat::kText});
  log_debug("d", {{"k", "v"}});
  ASSERT_EQ(lines_.size(), 1u);
  EXPECT_THAT(lines_[0], HasSubstr(" DEBUG d k=v\n"));
}

TEST_F(LogCapture, DefaultIsWarningAndText) {
  EXPECT_EQ(log_settings().level, LogLevel::kWarning);
  EXPECT_EQ(log_settings().format, LogFormat::kText);
  log_info("not shown");
  EXPECT_TRUE(lines_.empty());
}

TEST_F(LogCapture, RegisteredSecretsNeverReachALine) {
  const std::string key = "PKSECRETKEY0001";
  const std::string url = "https://hooks.slack.com/services/T1/B2/tokenvalue";
  register_secret(key);
  register_secret(url);
  for (LogFormat format : {LogFormat::kText, LogFormat::kJson}) {
    lines_.clear();
    set_log_settings({LogLevel::kDebug, format});
    log_error("request with " + key + " failed",
              {{"url", url},
               {"encoded", "https%3A%2F%2Fhooks.slack.com%2Fservices%2FT1%2FB2%2Ftokenvalue"},
               {"nested", nlohmann::ordered_json{{"k", key}}},
               {key, 1}});
    ASSERT_EQ(lines_.size(), 1u);
    EXPECT_THAT(lines_[0], Not(HasSubstr(key)));
    EXPECT_THAT(lines_[0], Not(HasSubstr("tokenvalue")));
    EXPECT_THAT(lines_[0], HasSubstr("[REDACTED]"));
    if (format == LogFormat::kJson) {
      const auto parsed = nlohmann::json::parse(lines_[0]);
      EXPECT_EQ(parsed["msg"], "request with [REDACTED] failed");
      EXPECT_EQ(parsed["url"], "[REDACTED]");
    }
  }
}

TEST_F(LogCapture, LinesFromManyThreadsStayWhole) {
  set_log_settings({LogLevel::kInfo, LogFormat::kJson});
  constexpr int kThreads = 8;
  constexpr int kPerThread = 100;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t] {
      for (int i = 0; i < kPerThread; ++i) {
        log_info("entry", {{"thread", t}, {"i", i}, {"pad", std::string(200, 'x')}});
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(lines_.size(), static_cast<std::size_t>(kThreads * kPerThread));
  std::vector<int> seen(kThreads, 0);
  for (const std::string& line : lines_) {
    const auto parsed = nlohmann::json::parse(line);
    const int t = parsed["thread"];
    EXPECT_EQ(parsed["i"], seen[t]) << "thread " << t << " in order";
    ++seen[t];
  }
}

}  // namespace
}  // namespace stratus
