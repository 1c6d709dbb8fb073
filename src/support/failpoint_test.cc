#include "support/failpoint.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace stratus {
namespace {

FailpointSpec spec(std::string name, FailpointAction action, int exit_code = 0, int on_hit = 0) {
  return {std::move(name), action, exit_code, on_hit};
}

TEST(ParseFailpoints, ReadsEveryActionAndHitNumber) {
  auto parsed = parse_failpoints(
      "execute.before_submit=kill; execute.after_submit=kill@2 ;check_limits.after_reserve="
      "exit(3);a-b_c.d=off;x=exit(0)@5;");
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  const std::vector<FailpointSpec> expected = {
      spec("execute.before_submit", FailpointAction::kKill),
      spec("execute.after_submit", FailpointAction::kKill, 0, 2),
      spec("check_limits.after_reserve", FailpointAction::kExit, 3),
      spec("a-b_c.d", FailpointAction::kOff),
      spec("x", FailpointAction::kExit, 0, 5),
  };
  EXPECT_EQ(*parsed, expected);
}

TEST(ParseFailpoints, EmptyAndBlankEntriesGiveNothing) {
  for (const char* text : {"", "   ", ";", " ; ;\t"}) {
    auto parsed = parse_failpoints(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_TRUE(parsed->empty()) << text;
  }
}

TEST(ParseFailpoints, BadEntriesAreInvalidInputNamingTheToken) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"execute.before_submit", "expected <name>=<action>"},
      {"=kill", "expected a name"},
      {"exe cute=kill", "expected a name"},
      {"a=boom", "expected the action kill, exit(N) or off"},
      {"a=KILL", "expected the action kill, exit(N) or off"},
      {"a=", "expected the action kill, exit(N) or off"},
      {"a=kill@0", "hit number of at least 1"},
      {"a=kill@", "hit number of at least 1"},
      {"a=kill@x", "hit number of at least 1"},
      {"a=kill@-1", "hit number of at least 1"},
      {"a=exit(256)", "exit(N) with 0 <= N <= 255"},
      {"a=exit()", "exit(N) with 0 <= N <= 255"},
      {"a=exit(-1)", "exit(N) with 0 <= N <= 255"},
      {"a=exit(3", "expected the action kill, exit(N) or off"},
      {"a=kill;a=exit(1)", "configured twice"},
  };
  for (const auto& [text, expected] : cases) {
    auto parsed = parse_failpoints("ok.one=kill;" + text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidInput) << text;
    const std::string message = parsed.error().to_string();
    EXPECT_NE(message.find(expected), std::string::npos) << text << " -> " << message;
    const std::string token =
        text.substr(text.rfind(';') == std::string::npos ? 0 : text.rfind(';') + 1);
    EXPECT_NE(message.find("\"" + token + "\""), std::string::npos) << text << " -> " << message;
  }
}

TEST(FailpointRegistry, UnconfiguredNeverActsAndIsNotArmed) {
  FailpointRegistry registry;
  EXPECT_FALSE(registry.armed());
  EXPECT_EQ(registry.hit("execute.before_submit").action, FailpointAction::kOff);
  EXPECT_EQ(registry.hits("execute.before_submit"), 0);
}

TEST(FailpointRegistry, ActsOnEveryHitWithoutAHitNumber) {
  FailpointRegistry registry;
  ASSERT_TRUE(registry.configure("a=exit(7)").ok());
  EXPECT_TRUE(registry.armed());
  for (int i = 0; i < 3; ++i) {
    const FailpointDecision d = registry.hit("a");
    EXPECT_EQ(d.action, FailpointAction::kExit);
    EXPECT_EQ(d.exit_code, 7);
  }
  EXPECT_EQ(registry.hits("a"), 3);
  EXPECT_EQ(registry.hit("b").action, FailpointAction::kOff);
  EXPECT_EQ(registry.hits("b"), 0);
}

TEST(FailpointRegistry, ActsOnTheNthHitOnlyAndCountsEachNameApart) {
  FailpointRegistry registry;
  ASSERT_TRUE(registry.configure("a=kill@2;b=kill@1;c=off").ok());
  EXPECT_EQ(registry.hit("a").action, FailpointAction::kOff);
  EXPECT_EQ(registry.hit("c").action, FailpointAction::kOff);
  EXPECT_EQ(registry.hit("a").action, FailpointAction::kKill);
  EXPECT_EQ(registry.hit("a").action, FailpointAction::kOff);
  EXPECT_EQ(registry.hit("b").action, FailpointAction::kKill);
  EXPECT_EQ(registry.hit("b").action, FailpointAction::kOff);
  EXPECT_EQ(registry.hits("a"), 3);
  EXPECT_EQ(registry.hits("b"), 2);
  EXPECT_EQ(registry.hits("c"), 1);
}

TEST(FailpointRegistry, ReconfiguringReplacesAndResetsCountsButABadSpecChangesNothing) {
  FailpointRegistry registry;
  ASSERT_TRUE(registry.configure("a=kill@2").ok());
  (void)registry.hit("a");
  const Status bad = registry.configure("a=kill@2;b=explode");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(registry.hits("a"), 1);
  EXPECT_EQ(registry.hit("a").action, FailpointAction::kKill);  // Still the old spec.

  ASSERT_TRUE(registry.configure("b=exit(1)").ok());
  EXPECT_EQ(registry.hits("a"), 0);
  EXPECT_EQ(registry.hit("a").action, FailpointAction::kOff);
  ASSERT_TRUE(registry.configure("").ok());
  EXPECT_FALSE(registry.armed());
  ASSERT_TRUE(registry.configure("b=exit(1)").ok());
  registry.clear();
  EXPECT_FALSE(registry.armed());
  EXPECT_EQ(registry.hit("b").action, FailpointAction::kOff);
}

TEST(FailpointRegistry, CountsEveryHitFromManyThreads) {
  FailpointRegistry registry;
  ASSERT_TRUE(registry.configure("a=exit(9)@4001").ok());
  std::vector<std::thread> threads;
  std::atomic<int> acted{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (registry.hit("a").action != FailpointAction::kOff) ++acted;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(registry.hits("a"), 4000);
  EXPECT_EQ(acted.load(), 0);
  EXPECT_EQ(registry.hit("a").action, FailpointAction::kExit);
}

// The process registry, as product code meets it through STRATUS_FAILPOINT. Each death test
// runs in a child process, so the configuration does not leak into other tests.
void place_twice() {
  STRATUS_FAILPOINT("test.point");
  STRATUS_FAILPOINT("test.point");
}

TEST(StratusFailpointDeathTest, KillRaisesARealSigkill) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        if (!configure_failpoints("test.point=kill").ok()) std::_Exit(100);
        place_twice();
        std::_Exit(0);
      },
      testing::KilledBySignal(SIGKILL), "failpoint test.point: kill");
}

TEST(StratusFailpointDeathTest, ExitOnTheSecondHitExitsWithTheCode) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        if (!configure_failpoints("test.point=exit(3)@2").ok()) std::_Exit(100);
        STRATUS_FAILPOINT("test.point");
        if (process_failpoints().hits("test.point") != 1) std::_Exit(101);
        STRATUS_FAILPOINT("test.point");
        std::_Exit(0);
      },
      testing::ExitedWithCode(3), "failpoint test.point: exit\\(3\\)");
}

TEST(StratusFailpointDeathTest, AHitNumberNeverReachedLetsTheProcessRunOn) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        if (!configure_failpoints("test.point=kill@3").ok()) std::_Exit(100);
        place_twice();
        std::_Exit(process_failpoints().hits("test.point") == 2 ? 0 : 101);
      },
      testing::ExitedWithCode(0), "");
}

TEST(StratusFailpoint, UnconfiguredProcessFailpointsDoNothing) {
  EXPECT_FALSE(process_failpoints().armed());
  place_twice();
  EXPECT_EQ(process_failpoints().hits("test.point"), 0);
}

}  // namespace
}  // namespace stratus
