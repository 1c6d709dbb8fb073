// Valid rules: canonical text, uses, sessions needed and values on a series worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "domain/rules/rule.h"
#include "domain/rules/rule_test_support.h"

namespace stratus::rules {
namespace {

using testing::linear_bars;
using testing::parse_ok;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kTrueValue = 1.0;
constexpr double kFalseValue = 0.0;

struct ValidCase {
  std::string text;
  std::string canonical;
  RuleType type;
  double value;  // At the last of 30 linear bars; NaN for unknown or warming up.
};

// linear_bars(30): close 1..30, high = close + 1, low = close - 2, open = close - 0.5,
// volume = 100 * close. At the last row close = 30, high = 31, low = 28.
const std::vector<ValidCase>& valid_cases() {
  const double sqrt2 = std::sqrt(2.0);
  static const std::vector<ValidCase> cases = {
      // Bar fields at the last bar.
      {"close", "close", RuleType::kNumber, 30},
      {"open", "open", RuleType::kNumber, 29.5},
      {"high", "high", RuleType::kNumber, 31},
      {"low", "low", RuleType::kNumber, 28},
      {"volume", "volume", RuleType::kNumber, 3000},
      // (26 + 27 + 28 + 29 + 30) / 5 = 28; the default field is omitted from the canonical text.
      {"sma(5)", "sma(5)", RuleType::kNumber, 28},
      {"sma( 5 , close )", "sma(5)", RuleType::kNumber, 28},
      {"sma(5, high)", "sma(5, high)", RuleType::kNumber, 29},
      // (1 + ... + 30) / 30 = 465 / 30.
      {"sma(30)", "sma(30)", RuleType::kNumber, 15.5},
      {"sma(31)", "sma(31)", RuleType::kNumber, kNaN},
      // Seeded with sma(5) = 3 at close 5; on a line an EMA with k = 1/3 lags by (1 - k) / k = 2,
      // which the seed already does, so it stays close - 2.
      {"ema(5)", "ema(5)", RuleType::kNumber, 28},
      // (28 * 1 + 29 * 2 + 30 * 3) / 6 = 176 / 6.
      {"wma(3)", "wma(3)", RuleType::kNumber, 176.0 / 6.0},
      // Only gains: 100.
      {"rsi(14)", "rsi(14)", RuleType::kNumber, 100},
      // (30 / 20 - 1) * 100.
      {"roc(10)", "roc(10)", RuleType::kNumber, 50},
      // Highs 29, 30, 31; closes 28, 29, 30; lows 26, 27, 28.
      {"highest(3)", "highest(3)", RuleType::kNumber, 31},
      {"highest(3, high)", "highest(3)", RuleType::kNumber, 31},
      {"highest(3, close)", "highest(3, close)", RuleType::kNumber, 30},
      {"lowest(3)", "lowest(3)", RuleType::kNumber, 26},
      {"lowest(3, low)", "lowest(3)", RuleType::kNumber, 26},
      {"lowest(3, close)", "lowest(3, close)", RuleType::kNumber, 28},
      // True range max(high - low = 3, |high - previous close| = 2, |low - previous close| = 1).
      {"atr(5)", "atr(5)", RuleType::kNumber, 3},
      // 100 * (27 + 28 + 29 + 30) / 4.
      {"avg_volume(4)", "avg_volume(4)", RuleType::kNumber, 2850},
      // Highest high of 5 sessions is 31: (31 - 30) / 31 * 100; of closes it is 30: 0.
      {"drop(5)", "drop(5)", RuleType::kNumber, 100.0 / 31.0},
      {"drop(5, high)", "drop(5)", RuleType::kNumber, 100.0 / 31.0},
      {"drop(5, close)", "drop(5, close)", RuleType::kNumber, 0},
      // Closes 26..30: mean 28, population deviation sqrt(2).
      {"bb_middle(5)", "bb_middle(5)", RuleType::kNumber, 28},
      {"bb_upper(5, 2)", "bb_upper(5, 2)", RuleType::kNumber, 28 + 2 * sqrt2},
      {"bb_lower(5, 2.0)", "bb_lower(5, 2)", RuleType::kNumber, 28 - 2 * sqrt2},
      {"bb_upper(5, 2.5, high)", "bb_upper(5, 2.5, high)", RuleType::kNumber, 29 + 2.5 * sqrt2},
      {"bb_upper(5, 2) - bb_lower(5, 2)", "bb_upper(5, 2) - bb_lower(5, 2)", RuleType::kNumber,
       4 * sqrt2},
      // EMA(3) seeded with mean(1, 2, 3) = 2 at close 3 lags 1; EMA(2) seeded with
      // mean(2, 3) = 2.5 lags 0.5: the line is 0.5 throughout, its EMA(2) too, histogram 0.
      {"macd(2, 3, 2)", "macd(2, 3, 2)", RuleType::kNumber, 0.5},
      {"macd_signal(2, 3, 2)", "macd_signal(2, 3, 2)", RuleType::kNumber, 0.5},
      {"macd_hist(2, 3, 2)", "macd_hist(2, 3, 2)", RuleType::kNumber, 0},
      {"macd(2, 3, 2) + macd_signal(2, 3, 2) + macd_hist(2, 3, 2)",
       "macd(2, 3, 2) + macd_signal(2, 3, 2) + macd_hist(2, 3, 2)", RuleType::kNumber, 1},
      // Lookback 25 + 8 = 33: no value at row 29.
      {"macd(12, 26, 9)", "macd(12, 26, 9)", RuleType::kNumber, kNaN},
      // Arithmetic and precedence.
      {"2+3*4", "2 + 3 * 4", RuleType::kNumber, 14},
      {"(2 + 3) * 4", "(2 + 3) * 4", RuleType::kNumber, 20},
      {"10 - 4 - 3", "10 - 4 - 3", RuleType::kNumber, 3},
      {"10 - (4 - 3)", "10 - (4 - 3)", RuleType::kNumber, 9},
      {"24 / 4 / 2", "24 / 4 / 2", RuleType::kNumber, 3},
      {"-2 * 3", "-2 * 3", RuleType::kNumber, -6},
      {"2 * -3", "2 * -3", RuleType::kNumber, -6},
      {"- -5", "--5", RuleType::kNumber, 5},
      {"-(2 + 3)", "-(2 + 3)", RuleType::kNumber, -5},
      {"((close))", "close", RuleType::kNumber, 30},
      {"1.50 + 0.25", "1.5 + 0.25", RuleType::kNumber, 1.75},
      {"007", "7", RuleType::kNumber, 7},
      {"sma(5) - 3", "sma(5) - 3", RuleType::kNumber, 25},
      {"1 / 0", "1 / 0", RuleType::kNumber, std::numeric_limits<double>::infinity()},
      // Comparisons.
      {"close > sma(5) * 0.9", "close > sma(5) * 0.9", RuleType::kCondition, kTrueValue},
      {"close == 30", "close == 30", RuleType::kCondition, kTrueValue},
      {"close != 30", "close != 30", RuleType::kCondition, kFalseValue},
      {"close <= 30", "close <= 30", RuleType::kCondition, kTrueValue},
      {"close < 30", "close < 30", RuleType::kCondition, kFalseValue},
      {"close >= 30.5", "close >= 30.5", RuleType::kCondition, kFalseValue},
      {"sma(30) == 15.5", "sma(30) == 15.5", RuleType::kCondition, kTrueValue},
      // Kleene logic: sma(200) has no value after 30 bars, so comparisons with it are unknown.
      {"rsi(14) < 35 and close > sma(200) * 0.9", "rsi(14) < 35 and close > sma(200) * 0.9",
       RuleType::kCondition, kFalseValue},
      {"rsi(14)>35 and close>sma(200, close)*0.9", "rsi(14) > 35 and close > sma(200) * 0.9",
       RuleType::kCondition, kNaN},
      {"rsi(14) > 35 or sma(200) > 0", "rsi(14) > 35 or sma(200) > 0", RuleType::kCondition,
       kTrueValue},
      {"rsi(14) < 35 or sma(200) > 0", "rsi(14) < 35 or sma(200) > 0", RuleType::kCondition, kNaN},
      {"not sma(200) > 0", "not sma(200) > 0", RuleType::kCondition, kNaN},
      {"not close > 100", "not close > 100", RuleType::kCondition, kTrueValue},
      {"macd(12, 26, 9) > 0", "macd(12, 26, 9) > 0", RuleType::kCondition, kNaN},
      {"0 / 0 > 0", "0 / 0 > 0", RuleType::kCondition, kNaN},
      {"0 / 0 == 0 / 0", "0 / 0 == 0 / 0", RuleType::kCondition, kNaN},
      {"1 / 0 > 1000", "1 / 0 > 1000", RuleType::kCondition, kTrueValue},
      {"-1 / 0 < 0", "-1 / 0 < 0", RuleType::kCondition, kTrueValue},
      // or binds loosest, then and, then not: true or (true and false) = true.
      {"close > 1 or close > 2 and close < 0", "close > 1 or close > 2 and close < 0",
       RuleType::kCondition, kTrueValue},
      {"(close > 1 or close > 2) and close < 0", "(close > 1 or close > 2) and close < 0",
       RuleType::kCondition, kFalseValue},
      // (not true) and true = false; not (true and false) = true.
      {"not close > 1 and close > 1", "not close > 1 and close > 1", RuleType::kCondition,
       kFalseValue},
      {"not (close > 1 and close < 0)", "not (close > 1 and close < 0)", RuleType::kCondition,
       kTrueValue},
      {"not not close > 1", "not not close > 1", RuleType::kCondition, kTrueValue},
      {"(close > 1) and (close < 0 or high > low)", "close > 1 and (close < 0 or high > low)",
       RuleType::kCondition, kTrueValue},
      // Comments and several lines.
      {"rsi(14) > 50   # momentum\n  and close >= 30 # and more\n", "rsi(14) > 50 and close >= 30",
       RuleType::kCondition, kTrueValue},
      {"# only this\r\nclose\t>\t1", "close > 1", RuleType::kCondition, kTrueValue},
  };
  return cases;
}

void expect_value(double expected, double actual, const std::string& what) {
  if (std::isnan(expected)) {
    EXPECT_TRUE(std::isnan(actual)) << what << ": " << actual;
  } else if (std::isinf(expected)) {
    EXPECT_EQ(expected, actual) << what;
  } else {
    EXPECT_NEAR(expected, actual, 1e-9) << what;
  }
}

TEST(RuleValid, CanonicalTypeAndValueAtTheLastBar) {
  const indicators::BarColumns bars = linear_bars(30);
  for (const ValidCase& c : valid_cases()) {
    SCOPED_TRACE(c.text);
    const Rule rule = parse_ok(c.text);
    EXPECT_EQ(rule.text(), c.text);
    EXPECT_EQ(rule.canonical(), c.canonical);
    EXPECT_EQ(rule.type(), c.type);
    const IndicatorTable series = IndicatorTable::series(rule.uses(), bars);
    const IndicatorTable last = IndicatorTable::last_row(rule.uses(), bars);
    ASSERT_EQ(series.rows(), 30u);
    ASSERT_EQ(last.rows(), 1u);
    const RuleReading from_series = rule.evaluate(series, 29);
    const RuleReading from_last = rule.evaluate(last, 0);
    expect_value(c.value, from_series.number, "series");
    expect_value(c.value, from_last.number, "last row");
    EXPECT_EQ(from_series.type, c.type);
    if (c.type == RuleType::kCondition) {
      EXPECT_EQ(from_series.truth, truth_of(c.value));
      EXPECT_EQ(from_last.truth, truth_of(c.value));
    } else {
      EXPECT_EQ(from_series.truth, Truth::kUnknown);
    }
    // The canonical text is a fixed point.
    EXPECT_EQ(parse_ok(rule.canonical()).canonical(), c.canonical);
  }
}

TEST(RuleValid, ReadingNamesEveryUseInOrderOfFirstAppearance) {
  const Rule rule = parse_ok("rsi(14) < 35 and close > sma(200) * 0.9 or close > rsi(14)");
  const IndicatorTable table = IndicatorTable::last_row(rule.uses(), linear_bars(30));
  const RuleReading reading = rule.evaluate(table, 0);
  ASSERT_EQ(reading.values.size(), 3u);
  EXPECT_EQ(reading.values[0].key, "rsi(14)");
  EXPECT_DOUBLE_EQ(reading.values[0].value, 100);
  EXPECT_EQ(reading.values[1].key, "close");
  EXPECT_DOUBLE_EQ(reading.values[1].value, 30);
  EXPECT_EQ(reading.values[2].key, "sma(200)");
  EXPECT_TRUE(std::isnan(reading.values[2].value));
  EXPECT_TRUE(std::isnan(table.value("sma(200)", 0)));
}

TEST(RuleValid, UsesAreDeduplicatedByCanonicalText) {
  const Rule rule = parse_ok("rsi(14) < 35 or rsi(14) > 70 or rsi(14, close) == 50");
  ASSERT_EQ(rule.uses().size(), 1u);
  EXPECT_EQ(rule.uses()[0].key, "rsi(14)");
  EXPECT_EQ(rule.uses()[0].kind, IndicatorKind::kRsi);
  EXPECT_EQ(rule.uses()[0].params[0], 14);
  EXPECT_EQ(rule.uses()[0].lookback, 14);

  const Rule bands = parse_ok("bb_upper(20, 2) > bb_upper(20, 2.0, close) + bb_lower(20, 2.5)");
  ASSERT_EQ(bands.uses().size(), 2u);
  EXPECT_EQ(bands.uses()[0].key, "bb_upper(20, 2)");
  EXPECT_EQ(bands.uses()[1].key, "bb_lower(20, 2.5)");
  EXPECT_DOUBLE_EQ(bands.uses()[1].k, 2.5);
}

TEST(RuleValid, SessionsNeededIsTheLargestLookbackPlusOne) {
  EXPECT_EQ(parse_ok("sma(200) > close").sessions_needed(), 200);
  EXPECT_EQ(parse_ok("rsi(14) < 30").sessions_needed(), 15);
  EXPECT_EQ(parse_ok("macd(12, 26, 9) > 0").sessions_needed(), 34);
  EXPECT_EQ(parse_ok("atr(14) > 1 and roc(5) > 0").sessions_needed(), 15);
  EXPECT_EQ(parse_ok("drop(252) > 20").sessions_needed(), 252);
  EXPECT_EQ(parse_ok("close > 1").sessions_needed(), 1);
  EXPECT_EQ(parse_ok("1 < 2").sessions_needed(), 1);
}

TEST(RuleValid, CollectUsesSharesUsesAcrossRules) {
  const Rule filter = parse_ok("rsi(14) < 35 and close > sma(200)");
  const Rule tier = parse_ok("close > sma(200, close) and sma(50) > 0");
  const std::vector<const Rule*> rules = {&filter, nullptr, &tier};
  const std::vector<IndicatorUse> uses = collect_uses(rules);
  std::vector<std::string> keys;
  for (const IndicatorUse& use : uses) keys.push_back(use.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"rsi(14)", "close", "sma(200)", "sma(50)"}));
  const IndicatorTable table = IndicatorTable::last_row(uses, linear_bars(60));
  // rsi(14) is 100: false and unknown (sma(200) is warming up) is false.
  EXPECT_EQ(filter.evaluate(table, 0).truth, Truth::kFalse);
  // Unknown and true is unknown.
  EXPECT_EQ(tier.evaluate(table, 0).truth, Truth::kUnknown);
  const Rule other = parse_ok("sma(50) == 35.5");  // Closes 11..60.
  EXPECT_EQ(other.evaluate(table, 0).truth, Truth::kTrue);
}

TEST(RuleValid, EvaluateSeriesGivesEveryRow) {
  const Rule rule = parse_ok("close > sma(5)");
  const indicators::BarColumns bars = linear_bars(10);
  const IndicatorTable table = IndicatorTable::series(rule.uses(), bars);
  std::vector<double> out(table.rows());
  rule.evaluate_series(table, out);
  for (std::size_t row = 0; row < 4; ++row) EXPECT_TRUE(std::isnan(out[row])) << row;
  for (std::size_t row = 4; row < out.size(); ++row) EXPECT_EQ(out[row], 1.0) << row;

  const Rule number = parse_ok("close - sma(3)");  // On a line: 1 from row 2 on.
  const IndicatorTable numbers = IndicatorTable::series(number.uses(), bars);
  number.evaluate_series(numbers, out);
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_DOUBLE_EQ(out[2], 1);
  EXPECT_DOUBLE_EQ(out[9], 1);
}

TEST(RuleValid, TablesWithoutBarsHaveNoRows) {
  const Rule rule = parse_ok("close > sma(5)");
  const indicators::BarColumns none;
  EXPECT_EQ(IndicatorTable::series(rule.uses(), none).rows(), 0u);
  EXPECT_EQ(IndicatorTable::last_row(rule.uses(), none).rows(), 0u);
  std::vector<double> out;
  rule.evaluate_series(IndicatorTable::series(rule.uses(), none), out);
}

TEST(RuleValid, NestingUpTo64LevelsIsAccepted) {
  const std::string text = std::string(64, '(') + "1" + std::string(64, ')');
  EXPECT_EQ(parse_ok(text).canonical(), "1");
  EXPECT_EQ(parse_ok(std::string(64, '-') + "1").sessions_needed(), 1);
}

TEST(RuleValid, RulesUpTo4096CharactersAreAccepted) {
  const std::string text = "1" + std::string(4095, ' ');
  EXPECT_EQ(parse_ok(text).canonical(), "1");
}

TEST(RuleDeathTest, EvaluatingOverATableWithoutAUseAborts) {
  const Rule rule = parse_ok("close > sma(5)");
  const Rule other = parse_ok("close > 1");
  const IndicatorTable table = IndicatorTable::last_row(other.uses(), linear_bars(10));
  EXPECT_DEATH(rule.evaluate(table, 0), "without \"sma\\(5\\)\"");
  EXPECT_DEATH(other.evaluate(table, 1), "row 1");
}

// The series is computed a block of rows at a time; across block boundaries and at a partial
// last block it equals the rule evaluated row by row, bit for bit (NaN for NaN).
TEST(RuleSeries, BlockWiseSeriesEqualsRowByRow) {
  indicators::BarColumns bars;
  double price = 50;
  for (int i = 0; i < 1000; ++i) {  // A deterministic zig-zag walk with flat stretches.
    price *= (i % 7 == 0) ? 1.0 : (i % 3 == 0 ? 0.97 : 1.015);
    bars.open.push_back(price * 0.99);
    bars.high.push_back(price * 1.02);
    bars.low.push_back(price * 0.97);
    bars.close.push_back(price);
    bars.volume.push_back(1000 + i);
  }
  bars.sessions.resize(bars.close.size());
  for (const char* text : {"rsi(14) < 35 and close > sma(200) * 0.9",
                           "not (macd_hist(12, 26, 9) > 0) or drop(252) > 5",
                           "(close - bb_lower(20, 2)) / (bb_upper(20, 2) - bb_lower(20, 2))",
                           "-roc(10) / 0", "close == close and volume != 1000 or atr(14) >= 1"}) {
    const Rule rule = parse_ok(text);
    for (std::size_t rows :
         {std::size_t{1000}, std::size_t{256}, std::size_t{257}, std::size_t{3}}) {
      indicators::BarColumns part = bars;
      for (auto* column : {&part.open, &part.high, &part.low, &part.close, &part.volume}) {
        column->resize(rows);
      }
      part.sessions.resize(rows);
      const IndicatorTable table = IndicatorTable::series(rule.uses(), part);
      std::vector<double> out(rows);
      rule.evaluate_series(table, out);
      for (std::size_t row = 0; row < rows; ++row) {
        const double one = rule.evaluate(table, row).number;
        if (std::isnan(one)) {
          EXPECT_TRUE(std::isnan(out[row])) << text << " row " << row;
        } else {
          EXPECT_EQ(out[row], one) << text << " row " << row;
        }
      }
    }
  }
}

}  // namespace
}  // namespace stratus::rules
