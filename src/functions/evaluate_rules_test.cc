// The evaluate step with entry rules: the filter decides whether a reached tier buys, tier
// conditions decide which tier, and every symbol reports the indicator values it was judged by.
// Values here are small enough to check by hand.
#include <variant>

#include <gtest/gtest.h>

#include "functions/evaluate.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

using testing::envelope;
using testing::find;
using testing::run_ok;
using testing::weekday_bars;

constexpr const char* kLast = "2015-08-21";
constexpr const char* kMonday = "2015-08-24T19:45:00Z";

rules::Rule rule(const char* text) {
  auto parsed = rules::Rule::parse(text);
  if (const auto* error = std::get_if<rules::RuleError>(&parsed)) {
    ADD_FAILURE() << text << ": " << error->to_string();
    std::abort();
  }
  return std::get<rules::Rule>(std::move(parsed));
}

// Six sessions; the drawdown window is the last five (small_config), the indicators see all six.
//   DIP:  100 100 100 100 100 88   sma(3) = (100 + 100 + 88) / 3 = 96; drop 12% (tier 10%)
//   FLAT: 100 100 100 100 100 100  drop 0%
//   SLIDE: 100 95 90 85 80 75      sma(3) = (85 + 80 + 75) / 3 = 80; drop from 95 (window) 21.05%
testing::TestWorld world() {
  return testing::TestWorld(
      {{"DIP", weekday_bars(kLast, {"100", "100", "100", "100", "100", "88"})},
       {"FLAT", weekday_bars(kLast, {"100", "100", "100", "100", "100", "100"})},
       {"SLIDE", weekday_bars(kLast, {"100", "95", "90", "85", "80", "75"})}},
      kMonday);
}

TEST(EvaluateRules, TrueFilterBuysAndReportsItsValues) {
  auto w = world();
  Config config = testing::small_config({"DIP", "FLAT"});
  config.evaluate.filter = rule("close < sma(3)");
  Evaluate step(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(step, envelope(kMonday));

  EXPECT_EQ(out["evaluation"]["filter"], "close < sma(3)");
  EXPECT_EQ(out["evaluation"]["indicator_sessions"], 500);
  Json dip = find(out["signals"], "DIP");
  ASSERT_FALSE(dip.is_null()) << out.dump(2);
  EXPECT_EQ(dip["qty"], 1);
  EXPECT_EQ(dip["sessions"], 5);  // The drawdown window, not the indicators' history.
  EXPECT_DOUBLE_EQ(dip["indicators"]["close"].get<double>(), 88.0);
  EXPECT_DOUBLE_EQ(dip["indicators"]["sma(3)"].get<double>(), 96.0);
  EXPECT_EQ(dip["filter"], Json({{"rule", "close < sma(3)"}, {"result", "true"}}));
  // Below the first tier: the filter is reported all the same.
  Json flat = find(out["passed"], "FLAT");
  EXPECT_EQ(flat["code"], "below_first_tier");
  EXPECT_EQ(flat["filter"]["result"], "false");
}

TEST(EvaluateRules, FalseFilterPassesWithTheReasonAndValues) {
  auto w = world();
  Config config = testing::small_config({"DIP"});
  config.evaluate.filter = rule("close > sma(3)");
  Evaluate step(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_TRUE(out["signals"].empty());
  Json dip = find(out["passed"], "DIP");
  EXPECT_EQ(dip["code"], "filter_not_met");
  EXPECT_EQ(dip["reason"],
            "drop 12.00% reaches tier 10.00% but the filter \"close > sma(3)\" is false "
            "(close = 88, sma(3) = 96)");
  EXPECT_EQ(dip["drop_pct"], "12.00");
}

TEST(EvaluateRules, WarmingUpIndicatorMakesTheFilterUnknownAndNeverBuys) {
  auto w = world();
  Config config = testing::small_config({"DIP"});
  config.evaluate.filter = rule("close < sma(10) or not (close < sma(10))");  // True if known.
  Evaluate step(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_TRUE(out["signals"].empty());
  Json dip = find(out["passed"], "DIP");
  EXPECT_EQ(dip["code"], "filter_not_met");
  EXPECT_TRUE(dip["indicators"]["sma(10)"].is_null());
  EXPECT_EQ(dip["filter"]["result"], "unknown");
  EXPECT_NE(dip["reason"].get<std::string>().find("sma(10) = no value yet (needs 10 sessions)"),
            std::string::npos)
      << dip["reason"];
}

TEST(EvaluateRules, IndicatorsSeeIndicatorSessionsOfHistory) {
  auto w = world();
  Config config = testing::small_config({"SLIDE"});
  config.evaluate.filter = rule("sma(6) > 0");
  config.evaluate.indicator_sessions = 5;  // Fewer bars than sma(6) needs: unknown.
  Evaluate few(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(few, envelope(kMonday));
  EXPECT_EQ(find(out["passed"], "SLIDE")["filter"]["result"], "unknown");
  config.evaluate.indicator_sessions = 6;  // (100 + 95 + 90 + 85 + 80 + 75) / 6 = 87.5
  Evaluate enough(config, w.calendar, *w.data, w.clock);
  out = run_ok(enough, envelope(kMonday));
  Json slide = find(out["signals"], "SLIDE");
  ASSERT_FALSE(slide.is_null()) << out.dump(2);
  EXPECT_DOUBLE_EQ(slide["indicators"]["sma(6)"].get<double>(), 87.5);
  EXPECT_EQ(slide["sessions"], 5);
}

TEST(EvaluateRules, TierConditionsChooseTheHighestReachedTierWhoseConditionHolds) {
  auto w = world();
  Config config = testing::small_config({"SLIDE"});  // drop 21.05%: reaches 10% and 20%.
  config.evaluate.tier_conditions = {std::nullopt, rule("close > sma(3)"), rule("1 < 2")};
  Evaluate step(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(step, envelope(kMonday));
  Json slide = find(out["signals"], "SLIDE");
  ASSERT_FALSE(slide.is_null()) << out.dump(2);
  EXPECT_EQ(slide["qty"], 1);  // 20% tier's condition is false (75 > 80): down to 10%.
  EXPECT_EQ(slide["tier_drop_pct"], "10.00");
  ASSERT_EQ(slide["tier_conditions"].size(), 1u);
  EXPECT_EQ(slide["tier_conditions"][0],
            Json({{"tier_drop_pct", "20.00"}, {"when", "close > sma(3)"}, {"result", "false"}}));

  config.evaluate.tier_conditions = {rule("close > 100"), rule("close < sma(3)")};
  Evaluate second(config, w.calendar, *w.data, w.clock);
  out = run_ok(second, envelope(kMonday));
  EXPECT_EQ(find(out["signals"], "SLIDE")["qty"], 2);  // 75 < 80: the 20% tier holds.
}

TEST(EvaluateRules, NoReachedTierConditionHoldsPasses) {
  auto w = world();
  Config config = testing::small_config({"SLIDE"});
  config.evaluate.tier_conditions = {rule("close > 100"), rule("close > 100")};
  Evaluate step(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(step, envelope(kMonday));
  Json slide = find(out["passed"], "SLIDE");
  EXPECT_EQ(slide["code"], "tier_conditions_not_met");
  EXPECT_EQ(slide["tier_conditions"].size(), 2u);
  EXPECT_EQ(slide["reason"],
            "drop 21.05% reaches tier 20.00% but the condition of every tier it reaches is false "
            "or unknown");
}

TEST(EvaluateRules, WithoutRulesNothingIsAdded) {
  auto w = world();
  Config config = testing::small_config({"DIP"});
  Evaluate step(config, w.calendar, *w.data, w.clock);
  Json out = run_ok(step, envelope(kMonday));
  EXPECT_FALSE(out["evaluation"].contains("filter"));
  EXPECT_FALSE(out["evaluation"].contains("indicator_sessions"));
  EXPECT_FALSE(out["signals"][0].contains("indicators"));
}

}  // namespace
}  // namespace stratus
