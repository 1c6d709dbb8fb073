// Fuzzing Rule::parse with random bytes, random token sequences and mutations of valid rules.
// Whatever the input: no crash; an error's line and column lie within the text (the column at
// most one past the end of its line); a rule that parses evaluates over both kinds of table with
// the same value at the last bar, and its canonical text parses back to the same rule. Random
// valid rules from a small grammar must parse.
//
// STRATUS_FUZZ_ITERATIONS sets the inputs per generator (default 8000); STRATUS_FUZZ_SEED the
// seed (default fixed, so runs repeat). A failure names the seed and the input.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <variant>
#include <vector>

#include "domain/rules/indicator_catalog.h"
#include "domain/rules/rule.h"
#include "domain/rules/rule_test_support.h"
#include "domain/rules/utf8.h"

namespace stratus::rules {
namespace {

constexpr std::uint64_t kDefaultSeed = 20240611;
constexpr long kDefaultIterations = 8000;

std::uint64_t fuzz_seed() {
  const char* text = std::getenv("STRATUS_FUZZ_SEED");
  return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : kDefaultSeed;
}

long fuzz_iterations() {
  const char* text = std::getenv("STRATUS_FUZZ_ITERATIONS");
  const long value = text != nullptr ? std::strtol(text, nullptr, 10) : 0;
  return value > 0 ? value : kDefaultIterations;
}

std::string printable(const std::string& text) {
  std::string out;
  for (char c : text.substr(0, 300)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F && c != '\\') {
      out += c;
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned>(byte));
      out += hex;
    }
  }
  return text.size() > 300 ? out + "... (" + std::to_string(text.size()) + " bytes)" : out;
}

const std::vector<std::string> kValidRules = {
    "rsi(14) < 35 and close > sma(200) * 0.9",
    "close > highest(20) * 0.95 or drop(10, close) > 5",
    "not (macd(12, 26, 9) > macd_signal(12, 26, 9)) and macd_hist(3, 5, 2) < 0",
    "bb_lower(20, 2.5) > close - atr(14) # comment\n or avg_volume(20) > volume",
    "-(ema(5) - wma(5, open)) / 2 >= roc(3, high) and lowest(4, low) != 0",
    "(close - bb_middle(5)) / (bb_upper(5, 2) - bb_lower(5, 2)) < 0.2",
    "sma(3) + sma(4, volume) * 2 - 1 == 7 or not close <= open",
};

const std::vector<std::string> kVocabulary = {
    "sma",        "ema",         "wma",       "rsi",      "roc",       "highest",  "lowest",
    "macd",       "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr",
    "avg_volume", "drop",        "open",      "high",     "low",       "close",    "volume",
    "and",        "or",          "not",       "AND",      "Rsi",       "foo",      "0",
    "1",          "2",           "3",         "14",       "26",        "0.5",      "2.5",
    "100000",     "100001",      "(",         ")",        ",",         "+",        "-",
    "*",          "/",           "<",         "<=",       ">",         ">=",       "==",
    "!=",         "=",           "!",         "&&",       "||",        ".",        "1.",
    "#c\n",       "\n",          "\t",        "\xC3\xA9", "$",         "\xFF",
};

const std::vector<std::string> kFields = {"open", "high", "low", "close", "volume"};

const std::string kInterestingChars = "()+-*/<>=!,.#&| \n\t0123456789acdeghilmnoprstuvw_";

class Fuzzer {
 public:
  explicit Fuzzer(std::uint64_t seed) : random_(seed), bars_(testing::linear_bars(12)) {}

  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_);
  }

  std::string random_bytes() {
    std::size_t length = below(48);
    if (below(50) == 0) length = 4090 + below(12);
    std::string text;
    for (std::size_t i = 0; i < length; ++i) {
      text += below(4) == 0 ? static_cast<char>(below(256))
                            : kInterestingChars[below(kInterestingChars.size())];
    }
    return text;
  }

  std::string random_tokens() {
    const std::size_t count = below(24) + (below(40) == 0 ? 80 : 0);
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
      text += kVocabulary[below(kVocabulary.size())];
      if (below(2) == 0) text += ' ';
    }
    return text;
  }

  std::string mutated_rule() {
    std::string text = kValidRules[below(kValidRules.size())];
    const std::size_t edits = 1 + below(4);
    for (std::size_t e = 0; e < edits; ++e) {
      const char c = below(8) == 0 ? static_cast<char>(below(256))
                                   : kInterestingChars[below(kInterestingChars.size())];
      const std::size_t at = below(text.size() + 1);
      switch (below(3)) {
        case 0:
          text.insert(at, 1, c);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        default:
          if (at < text.size()) text[at] = c;
          break;
      }
    }
    return text;
  }

  // A random valid rule: every compound operand in parentheses, random spacing.
  std::string generated_rule() { return condition(0); }

  void check(const std::string& text) {
    SCOPED_TRACE("input \"" + printable(text) + "\"");
    auto parsed = Rule::parse(text);
    if (auto* error = std::get_if<RuleError>(&parsed)) {
      check_error(text, *error);
    } else {
      check_rule(std::get<Rule>(parsed));
    }
  }

 private:
  std::string space() { return below(3) == 0 ? "" : (below(8) == 0 ? "\n  " : " "); }

  std::string condition(int depth) {
    const std::size_t choice = depth >= 3 ? 0 : below(5);
    static const std::vector<std::string> comparisons = {"<", "<=", ">", ">=", "==", "!="};
    switch (choice) {
      case 0:
        return number(depth + 1) + space() + comparisons[below(comparisons.size())] + space() +
               number(depth + 1);
      case 1:
        return "(" + condition(depth + 1) + ")" + space() + "and" + " (" + condition(depth + 1) +
               ")";
      case 2:
        return "(" + condition(depth + 1) + ") or (" + condition(depth + 1) + ")";
      case 3:
        return "not (" + condition(depth + 1) + ")";
      default:
        return "(" + condition(depth + 1) + ")";
    }
  }

  std::string number(int depth) {
    static const std::vector<std::string> operators = {"+", "-", "*", "/"};
    static const std::vector<std::string> literals = {"0", "1", "2.5", "30", "0.001", "100000"};
    switch (depth >= 4 ? below(3) : below(6)) {
      case 0:
        return literals[below(literals.size())];
      case 1:
        return kFields[below(kFields.size())];
      case 2:
        return call();
      case 3:
        return "(" + number(depth + 1) + ")" + space() + operators[below(operators.size())] +
               space() + "(" + number(depth + 1) + ")";
      case 4:
        return "-(" + number(depth + 1) + ")";
      default:
        return "(" + number(depth + 1) + ")";
    }
  }

  std::string call() {
    const std::span<const IndicatorSpec> specs = indicator_specs();
    const IndicatorSpec& spec = specs[below(specs.size())];
    std::string text = std::string(spec.name) + "(";
    int previous = 0;
    for (std::size_t i = 0; i < spec.params.size(); ++i) {
      const ParamSpec& param = spec.params[i];
      if (i > 0) text += "," + space();
      if (param.kind == ParamKind::kPositive) {
        text += below(2) == 0 ? "2" : "1.5";
        continue;
      }
      int value = param.min + static_cast<int>(below(14));
      if (param.name == "slow") value = previous + 1 + static_cast<int>(below(6));
      previous = value;
      text += std::to_string(value);
    }
    if (spec.has_field && below(2) == 0) {
      text += ", ";
      text += spec.high_or_close_only ? (below(2) == 0 ? "high" : "close")
                                      : kFields[below(kFields.size())];
    }
    return text + ")";
  }

  static void check_error(const std::string& text, const RuleError& error) {
    std::vector<std::string_view> lines;
    std::string_view rest = text;
    while (true) {
      const auto newline = rest.find('\n');
      lines.push_back(rest.substr(0, newline));
      if (newline == std::string_view::npos) break;
      rest.remove_prefix(newline + 1);
    }
    ASSERT_GE(error.line, 1);
    ASSERT_LE(error.line, static_cast<int>(lines.size()));
    EXPECT_GE(error.column, 1);
    EXPECT_LE(error.column, character_count(lines[error.line - 1]) + 1);
    EXPECT_FALSE(error.token.empty());
    EXPECT_FALSE(error.message.empty());
    EXPECT_FALSE(error.to_string().empty());
  }

  void check_rule(const Rule& rule) {
    const IndicatorTable series = IndicatorTable::series(rule.uses(), bars_);
    const IndicatorTable last = IndicatorTable::last_row(rule.uses(), bars_);
    std::vector<double> values(series.rows());
    rule.evaluate_series(series, values);
    const RuleReading at_end = rule.evaluate(last, 0);
    const RuleReading in_series = rule.evaluate(series, series.rows() - 1);
    // The block-wise series equals the row-by-row program at every row.
    for (std::size_t row = 0; row < values.size(); ++row) {
      const double one = rule.evaluate(series, row).number;
      if (std::isnan(values[row])) {
        EXPECT_TRUE(std::isnan(one)) << rule.canonical() << " row " << row << ": " << one;
      } else {
        EXPECT_EQ(values[row], one) << rule.canonical() << " row " << row;
      }
    }
    const double expected = values.back();
    for (double got : {at_end.number, in_series.number}) {
      if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(got)) << rule.canonical() << ": " << got;
      } else {
        EXPECT_EQ(expected, got) << rule.canonical();
      }
    }
    EXPECT_EQ(at_end.values.size(), rule.uses().size());
    EXPECT_GE(rule.sessions_needed(), 1);
    if (character_count(rule.canonical()) > kMaxRuleCharacters) return;
    auto again = Rule::parse(rule.canonical());
    ASSERT_TRUE(std::holds_alternative<Rule>(again))
        << rule.canonical() << ": " << std::get<RuleError>(again).to_string();
    const Rule& reparsed = std::get<Rule>(again);
    EXPECT_EQ(reparsed.canonical(), rule.canonical());
    EXPECT_EQ(reparsed.type(), rule.type());
    EXPECT_EQ(reparsed.uses().size(), rule.uses().size());
  }

  std::mt19937_64 random_;
  indicators::BarColumns bars_;
};

TEST(RuleFuzz, ParseNeverCrashesAndReportsPositionsWithinTheText) {
  const std::uint64_t seed = fuzz_seed();
  const long iterations = fuzz_iterations();
  SCOPED_TRACE("STRATUS_FUZZ_SEED=" + std::to_string(seed));
  Fuzzer fuzzer(seed);
  int parsed = 0;
  for (long i = 0; i < iterations && !::testing::Test::HasFatalFailure(); ++i) {
    for (const std::string& text :
         {fuzzer.random_bytes(), fuzzer.random_tokens(), fuzzer.mutated_rule()}) {
      if (std::holds_alternative<Rule>(Rule::parse(text))) ++parsed;
      fuzzer.check(text);
      if (::testing::Test::HasFailure()) {
        FAIL() << "failed with STRATUS_FUZZ_SEED=" << seed << " at iteration " << i;
      }
    }
  }
  RecordProperty("rules_parsed", parsed);
}

TEST(RuleFuzz, GeneratedValidRulesParseEvaluateAndRoundTrip) {
  const std::uint64_t seed = fuzz_seed();
  const long iterations = fuzz_iterations() / 4 + 1;
  Fuzzer fuzzer(seed);
  for (long i = 0; i < iterations; ++i) {
    const std::string text = fuzzer.generated_rule();
    auto parsed = Rule::parse(text);
    ASSERT_TRUE(std::holds_alternative<Rule>(parsed))
        << "STRATUS_FUZZ_SEED=" << seed << ", iteration " << i << ": \"" << printable(text)
        << "\": " << std::get<RuleError>(parsed).to_string();
    EXPECT_EQ(std::get<Rule>(parsed).type(), RuleType::kCondition);
    fuzzer.check(text);
    if (::testing::Test::HasFailure()) {
      FAIL() << "failed with STRATUS_FUZZ_SEED=" << seed << " at iteration " << i;
    }
  }
}

TEST(RuleFuzz, DeepAndLongInputsAreRejectedCleanly) {
  Fuzzer fuzzer(fuzz_seed());
  for (const char* unit : {"(", "-", "not ", "sma(", "1 + ", "((", "# x\n"}) {
    std::string text;
    while (text.size() < 5000) text += unit;
    for (std::size_t length : {64u, 65u, 200u, 4096u, 5000u}) fuzzer.check(text.substr(0, length));
  }
}

}  // namespace
}  // namespace stratus::rules
