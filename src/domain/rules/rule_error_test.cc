// Invalid rules: every error kind with its exact line, column, token and message.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "domain/rules/rule.h"

namespace stratus::rules {
namespace {

struct ErrorCase {
  std::string text;
  int line;
  int column;
  std::string token;
  std::string message;
};

const std::string kOperand = "a number, bar field, indicator or \"(\"";
const std::string kCondition =
    "expected a condition (a comparison such as rsi(14) < 35), got a number";
const std::string kNumber = "expected a number, got a condition (a comparison or and/or/not)";
const std::string kRsiPeriod = "rsi: period must be a whole number from 2 to 100000; got ";

const std::vector<ErrorCase>& error_cases() {
  static const std::vector<ErrorCase> cases = {
      // Unknown names, with suggestions by edit distance; upper case is not accepted.
      {"rsl(14) < 35", 1, 1, "rsl", "unknown indicator or field \"rsl\"; did you mean \"rsi\"?"},
      {"RSI(14) < 35", 1, 1, "RSI", "unknown indicator or field \"RSI\"; did you mean \"rsi\"?"},
      {"rsi(14) < 35 AND close > 1", 1, 14, "AND",
       "unknown indicator or field \"AND\"; did you mean \"and\"?"},
      {"(close > 1 OR close < 2)", 1, 12, "OR",
       "unknown indicator or field \"OR\"; did you mean \"or\"?"},
      {"sma(20 Close) > 1", 1, 8, "Close",
       "unknown indicator or field \"Close\"; did you mean \"close\"?"},
      {"close > 1 close", 1, 11, "close",
       "unexpected \"close\" after a complete expression; expected an operator or the end of the "
       "rule"},
      {"avgvolume(20) > 1", 1, 1, "avgvolume",
       "unknown indicator or field \"avgvolume\"; did you mean \"avg_volume\"?"},
      {"macd_histogram(12, 26, 9) > 0", 1, 1, "macd_histogram",
       "unknown indicator or field \"macd_histogram\"; did you mean \"macd_hist\"?"},
      {"sma(20, Close) > 1", 1, 9, "Close",
       "unknown indicator or field \"Close\"; did you mean \"close\"?"},
      {"foo > 1", 1, 1, "foo",
       "unknown indicator or field \"foo\" (indicators: sma ema wma rsi roc highest lowest macd "
       "macd_signal macd_hist bb_upper bb_middle bb_lower atr avg_volume drop; fields: open high "
       "low close volume)"},
      // Operators from other languages.
      {"close = 30", 1, 7, "=", "use \"==\" to compare"},
      {"close > 1 && close < 2", 1, 11, "&&", "use \"and\" to combine conditions"},
      {"close > 1 || close < 2", 1, 11, "||", "use \"or\" to combine conditions"},
      {"!(close > 1)", 1, 1, "!", "use \"not\" to negate a condition"},
      // Missing parts and the end of the rule.
      {"(close > 1", 1, 11, "end of rule", "missing \")\" to close the \"(\" at line 1, column 1"},
      {"(close > 1 close", 1, 12, "close",
       "expected \")\" to close the \"(\" at line 1, column 1; got \"close\""},
      {"rsi(14 < 35", 1, 8, "<", "expected \",\" or \")\" after argument 1 of rsi; got \"<\""},
      {"rsi(14", 1, 7, "end of rule",
       "missing \")\": expected \",\" or \")\" after argument 1 of rsi"},
      {"rsi(14) <", 1, 10, "end of rule", "unexpected end of rule; expected " + kOperand},
      {"rsi(14) < 35 and", 1, 17, "end of rule", "unexpected end of rule; expected " + kOperand},
      {"\tclose >\t", 1, 9, "end of rule", "unexpected end of rule; expected " + kOperand},
      {"sma(20,) > 1", 1, 8, ")", "expected " + kOperand + "; got \")\""},
      {"1 + * 2", 1, 5, "*", "expected " + kOperand + "; got \"*\""},
      // Arity, with the signature.
      {"rsi(14, close, 3) < 35", 1, 1, "rsi", "rsi takes (period[, field]); got 3 arguments"},
      {"rsi() < 35", 1, 1, "rsi", "rsi takes (period[, field]); got 0 arguments"},
      {"macd(12, 26) > 0", 1, 1, "macd",
       "macd takes (fast, slow, signal[, field]); got 2 arguments"},
      {"atr(14, close) > 1", 1, 1, "atr", "atr takes (period); got 2 arguments"},
      {"bb_upper(20) > close", 1, 1, "bb_upper",
       "bb_upper takes (period, k[, field]); got 1 argument"},
      {"rsi < 35", 1, 1, "rsi", "rsi is an indicator and needs arguments: rsi(period[, field])"},
      {"close(5) > 1", 1, 6, "(", "close is a bar field and takes no arguments"},
      // Parameters: whole-number literals within range, fields where fields go.
      {"rsi(1) < 35", 1, 5, "1", kRsiPeriod + "1"},
      {"rsi(14.5) < 35", 1, 5, "14.5", kRsiPeriod + "14.5"},
      {"rsi(14.0) < 35", 1, 5, "14.0", kRsiPeriod + "14.0"},
      {"rsi(100001) < 35", 1, 5, "100001", kRsiPeriod + "100001"},
      {"rsi(-3) < 35", 1, 5, "-", kRsiPeriod + "-3"},
      {"rsi(7 + 7) < 35", 1, 5, "7", kRsiPeriod + "7 + 7"},
      {"rsi(close) < 35", 1, 5, "close", kRsiPeriod + "the bar field close"},
      {"rsi(sma(5)) < 35", 1, 5, "sma", kRsiPeriod + "sma(5)"},
      {"roc(0) > 1", 1, 5, "0", "roc: period must be a whole number from 1 to 100000; got 0"},
      {"macd(12, 26, 0) > 0", 1, 14, "0",
       "macd: signal must be a whole number from 1 to 100000; got 0"},
      {"sma(20, 5) > 1", 1, 9, "5",
       "sma: field must be a bar field (open, high, low, close or volume); got 5"},
      {"drop(20, low) > 5", 1, 10, "low",
       "drop: field must be high or close; got the bar field low"},
      {"macd(26, 12, 9) > 0", 1, 6, "26",
       "macd: fast must be less than slow; got fast 26 and slow 12"},
      {"bb_upper(20, 0) > close", 1, 14, "0",
       "bb_upper: k must be a positive number, as in 2 or 2.5; got 0"},
      {"bb_lower(20, close) > close", 1, 14, "close",
       "bb_lower: k must be a positive number, as in 2 or 2.5; got the bar field close"},
      // Trailing tokens and chained comparisons.
      {"rsi(14) < 35 40", 1, 14, "40",
       "unexpected \"40\" after a complete expression; expected an operator or the end of the "
       "rule"},
      {"close > 1)", 1, 10, ")", "unexpected \")\" without a matching \"(\""},
      {"close > 1 < 2", 1, 11, "<",
       "comparisons cannot be chained (as in a < b < c); join them with \"and\", as in a < b and "
       "b < c"},
      // Characters and numbers.
      {"close > 1 $", 1, 11, "$", "unexpected character \"$\""},
      {"close > \xC3\xA9", 1, 9, "\xC3\xA9",
       "unexpected character \"\xC3\xA9\"; rules are plain ASCII (other text only in # comments)"},
      {"close > \xFF", 1, 9, "\xFF", "byte 0xFF is not UTF-8 text"},
      {"# caf\xC3\xA9 \xE2\x82\xAC\nclose >", 2, 8, "end of rule",
       "unexpected end of rule; expected " + kOperand},
      {"close > 1 # caf\xC3\xA9\n and $", 2, 6, "$", "unexpected character \"$\""},
      {".5 < close", 1, 1, ".5", "a number starts with a digit, as in 0.5"},
      {"1e5 > close", 1, 1, "1e5",
       "\"1e5\" is not a number; numbers are digits with an optional fraction, as in 35 or 0.9"},
      {"close > 1.", 1, 9, "1.",
       "\"1.\" is not a number; numbers are digits with an optional fraction, as in 35 or 0.9"},
      // Empty rules.
      {"", 1, 1, "end of rule", "empty rule; write a condition such as rsi(14) < 35"},
      {"  # only a comment\n", 1, 1, "end of rule",
       "empty rule; write a condition such as rsi(14) < 35"},
      // Types.
      {"rsi(14) and close > 1", 1, 1, "rsi", "left of \"and\": " + kCondition},
      {"close > 1 or 5", 1, 14, "5", "right of \"or\": " + kCondition},
      {"not close", 1, 5, "close", "after \"not\": " + kCondition},
      {"(close > 1) + 1", 1, 1, "(", "left of \"+\": " + kNumber},
      {"-(close > 1)", 1, 2, "(", "after \"-\": " + kNumber},
      {"close > (1 < 2)", 1, 9, "(", "right of \">\": " + kNumber},
      {"sma(5) > 1 and rsi(14) + (close < 2) > 3", 1, 26, "(", "right of \"+\": " + kNumber},
      // An error on the second line of a multi-line rule.
      {"rsi(14) < 35\n  and clsoe > sma(200)", 2, 7, "clsoe",
       "unknown indicator or field \"clsoe\"; did you mean \"close\"?"},
      // Limits.
      {std::string(65, '(') + "1" + std::string(65, ')'), 1, 65, "(",
       "the rule nests more than 64 levels deep (parentheses, calls, \"not\" and \"-\")"},
      {"1 > " + std::string(65, '-') + "1", 1, 69, "-",
       "the rule nests more than 64 levels deep (parentheses, calls, \"not\" and \"-\")"},
      {"1" + std::string(4096, ' '), 1, 4097, " ",
       "the rule is longer than 4096 characters (it has 4097)"},
  };
  return cases;
}

TEST(RuleError, EveryKindWithItsPositionTokenAndMessage) {
  for (const ErrorCase& c : error_cases()) {
    SCOPED_TRACE(c.text.size() > 80 ? c.text.substr(0, 80) + "..." : c.text);
    auto parsed = Rule::parse(c.text);
    const RuleError* error = std::get_if<RuleError>(&parsed);
    ASSERT_NE(error, nullptr) << "parsed as " << std::get<Rule>(parsed).canonical();
    EXPECT_EQ(error->line, c.line);
    EXPECT_EQ(error->column, c.column);
    EXPECT_EQ(error->token, c.token);
    EXPECT_EQ(error->message, c.message);
  }
}

TEST(RuleError, ToStringQuotesTheTokenOrNamesTheEnd) {
  auto parsed = Rule::parse("rsl(14) < 35");
  EXPECT_EQ(std::get<RuleError>(parsed).to_string(),
            "line 1, column 1, at \"rsl\": unknown indicator or field \"rsl\"; did you mean "
            "\"rsi\"?");
  parsed = Rule::parse("rsi(14) <");
  EXPECT_EQ(std::get<RuleError>(parsed).to_string(),
            "line 1, column 10, at end of rule: unexpected end of rule; expected " + kOperand);
  const RuleError quote{1, 3, "\"", "unexpected character \"\\\"\""};
  EXPECT_EQ(quote.to_string(), "line 1, column 3, at \"\\\"\": unexpected character \"\\\"\"");
  const RuleError byte{1, 1, "\xFF", "byte 0xFF is not UTF-8 text"};
  EXPECT_EQ(byte.to_string(), "line 1, column 1, at \"\\xFF\": byte 0xFF is not UTF-8 text");
}

TEST(RuleError, ANumberRuleParsesAndCallersCheckTheType) {
  auto parsed = Rule::parse("sma(50) - sma(200)");
  ASSERT_TRUE(std::holds_alternative<Rule>(parsed));
  EXPECT_EQ(std::get<Rule>(parsed).type(), RuleType::kNumber);
}

}  // namespace
}  // namespace stratus::rules
