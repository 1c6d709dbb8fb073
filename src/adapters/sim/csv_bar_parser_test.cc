// Tests for parse_csv_bars when the body is cut into chunks parsed apart (on threads): whatever the
// cuts, the bars and the reported error (the first in file order, with its line) are exactly
// those of one front-to-back pass. The one-pass behaviour itself is pinned down by
// csv_market_data_test.cc; here, explicit cases check the seams too.
#include "adapters/sim/csv_bar_parser.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adapters/sim/file_contents.h"

namespace stratus {
namespace {

const std::string kFixtures = std::string(STRATUS_SOURCE_DIR) + "/tests/fixtures/csv/";
const std::string kPath = "bars.csv";
constexpr CsvLayout kSp = CsvLayout::kSp500;
constexpr CsvLayout kGen = CsvLayout::kGeneric;

// What a parse produced: an error, or each symbol's bars.
struct Outcome {
  std::optional<Error> error;
  std::vector<std::pair<std::string, std::vector<CompactBar>>> bars;
};

Outcome parse(std::string_view text, CsvLayout layout, const CsvParseOptions& options,
              const std::vector<std::string>& only = {}) {
  auto store = parse_csv_bars(text, kPath, layout, only, options);
  Outcome out;
  if (!store.ok()) {
    out.error = store.error();
    return out;
  }
  for (const std::string& symbol : store->symbols()) {
    const BarStore::Series* series = store->find(symbol);
    out.bars.emplace_back(symbol, std::vector<CompactBar>(series->begin(), series->end()));
  }
  return out;
}

CsvParseOptions one_pass() {
  CsvParseOptions options;
  options.max_threads = 1;
  return options;
}

CsvParseOptions cut_at(std::vector<std::size_t> starts) {
  CsvParseOptions options;
  options.chunk_starts = std::move(starts);
  return options;
}

std::string describe(const Outcome& outcome) {
  if (outcome.error.has_value()) return "error " + outcome.error->to_string();
  std::string out = "ok:";
  for (const auto& [symbol, bars] : outcome.bars) {
    out += " " + symbol + "x" + std::to_string(bars.size());
  }
  return out;
}

void expect_same(const Outcome& expected, const Outcome& got) {
  ASSERT_EQ(expected.error.has_value(), got.error.has_value())
      << "expected " << describe(expected) << ", got " << describe(got);
  if (expected.error.has_value()) {
    EXPECT_EQ(got.error->code, expected.error->code);
    EXPECT_EQ(got.error->message, expected.error->message);
    EXPECT_EQ(got.error->context, expected.error->context);
    return;
  }
  ASSERT_EQ(got.bars.size(), expected.bars.size());
  for (std::size_t i = 0; i < got.bars.size(); ++i) {
    EXPECT_EQ(got.bars[i].first, expected.bars[i].first);
    EXPECT_TRUE(got.bars[i].second == expected.bars[i].second) << got.bars[i].first;
  }
}

// The offsets into the body (the text after the header line) at which each body line starts.
std::vector<std::size_t> body_line_starts(std::string_view text) {
  const std::size_t body =
      text.find('\n') == std::string_view::npos ? text.size() : text.find('\n') + 1;
  std::vector<std::size_t> starts;
  for (std::size_t i = body; i < text.size(); ++i) {
    if (i == body || text[i - 1] == '\n') starts.push_back(i - body);
  }
  return starts;
}

// The offset into the body at which file line `line` (2 = the first data row) starts.
std::size_t start_of_line(std::string_view text, std::size_t line) {
  return body_line_starts(text).at(line - 2);
}

struct Fixture {
  const char* file;
  CsvLayout layout;
};

// Every fixture of csv_market_data_test.cc (valid and malformed) that has a text to cut.
const Fixture kAllFixtures[] = {
    {"small.csv", kSp},
    {"small.csv.gz", kSp},
    {"small_crlf.csv", kSp},
    {"small_no_final_newline.csv", kSp},
    {"small_trailing_blank_lines.csv", kSp},
    {"real_quirks.csv", kSp},
    {"unusual_valid.csv", kSp},
    {"generic.csv", kGen},
    {"generic.csv", kSp},
    {"small.csv", kGen},
    {"bad/empty.csv", kSp},
    {"bad/header_only.csv", kSp},
    {"bad/bad_header.csv", kSp},
    {"bad/wrong_columns.csv", kSp},
    {"bad/extra_column.csv", kSp},
    {"bad/bad_date.csv", kSp},
    {"bad/bad_date_format.csv", kSp},
    {"bad/bad_close.csv", kSp},
    {"bad/zero_close.csv", kSp},
    {"bad/empty_close.csv", kSp},
    {"bad/negative_open.csv", kSp},
    {"bad/too_many_decimals.csv", kSp},
    {"bad/exponent_low.csv", kSp},
    {"bad/price_out_of_range.csv", kSp},
    {"bad/volume_out_of_range.csv", kSp},
    {"bad/negative_volume.csv", kSp},
    {"bad/fractional_volume.csv", kSp},
    {"bad/decreasing_date.csv", kSp},
    {"bad/duplicate_date.csv", kSp},
    {"bad/empty_symbol.csv", kSp},
    {"bad/empty_symbol_first_row.csv", kSp},
    {"bad/generic_empty_symbol_first_row.csv", kGen},
    {"bad/blank_line.csv", kSp},
    {"bad/generic_decreasing_date.csv", kGen},
};

std::string fixture_text(const char* file) {
  auto contents = FileContents::read(kFixtures + file);
  EXPECT_TRUE(contents.ok()) << file;
  return contents.ok() ? std::string(contents->text()) : std::string();
}

TEST(CsvBarParserTest, EveryCutOfEveryFixtureMatchesOnePass) {
  for (const Fixture& fixture : kAllFixtures) {
    SCOPED_TRACE(fixture.file);
    const std::string text = fixture_text(fixture.file);
    const Outcome expected = parse(text, fixture.layout, one_pass());
    for (std::size_t offset = 0; offset <= text.size() + 1; ++offset) {
      SCOPED_TRACE("cut at body offset " + std::to_string(offset));
      expect_same(expected, parse(text, fixture.layout, cut_at({offset})));
    }
  }
}

TEST(CsvBarParserTest, EveryTwoLineCutsOfEveryFixtureMatchOnePass) {
  for (const Fixture& fixture : kAllFixtures) {
    SCOPED_TRACE(fixture.file);
    const std::string text = fixture_text(fixture.file);
    const Outcome expected = parse(text, fixture.layout, one_pass());
    const std::vector<std::size_t> starts = body_line_starts(text);
    for (std::size_t i = 0; i < starts.size(); ++i) {
      for (std::size_t j = i + 1; j < starts.size(); ++j) {
        SCOPED_TRACE("cuts at lines " + std::to_string(i + 2) + ", " + std::to_string(j + 2));
        expect_same(expected, parse(text, fixture.layout, cut_at({starts[i], starts[j]})));
      }
    }
  }
}

// ------------------------------------------------------------------------- generated files

// A price text whose shape varies from a row to the next ("7", "12.5", "3.0625", ".75").
std::string price_text(int i) {
  static const char* const kFractions[] = {"", ".5", ".0625", ".75", ".1234", "."};
  if (i % 17 == 0) return ".75";
  return std::to_string(1 + i * 7919 % 4999) + kFractions[i % 6];
}

// One data row of `layout` for `symbol` on the day `day` days after 2010-01-01.
std::string row_text(CsvLayout layout, const std::string& symbol, int day, int i) {
  const std::string date = format_date(*parse_date("2010-01-01") + std::chrono::days{day});
  const std::string open = i % 11 == 0 ? "" : price_text(i + 1);
  const std::string volume = i % 13 == 0 ? "" : std::to_string(i * 104729 % 900000000);
  const std::string prices =
      open + "," + price_text(i + 2) + "," + price_text(i + 3) + "," + price_text(i) + ",";
  return layout == kSp ? date + "," + prices + volume + "," + symbol + "\n"
                       : symbol + "," + date + "," + prices + volume + "\n";
}

// `rows` rows for each of `symbols`: grouped by symbol (sp500, like the real file) or
// interleaved round-robin (generic).
std::string generated_text(CsvLayout layout, const std::vector<std::string>& symbols, int rows) {
  std::string text = std::string(layout == kSp ? "date,open,high,low,close,volume,Name"
                                               : "symbol,date,open,high,low,close,volume") +
                     "\n";
  int i = 0;
  if (layout == kSp) {
    for (const std::string& symbol : symbols) {
      for (int r = 0; r < rows; ++r) text += row_text(layout, symbol, r, i++);
    }
  } else {
    for (int r = 0; r < rows; ++r) {
      for (const std::string& symbol : symbols) text += row_text(layout, symbol, r, i++);
    }
  }
  return text;
}

const std::vector<std::string> kSymbols = {"AAA", "BB.B", "C", "DDDD", "E-F", "GG"};

TEST(CsvBarParserTest, ManyChunksOfLargerFilesMatchOnePass) {
  for (const CsvLayout layout : {kSp, kGen}) {
    SCOPED_TRACE(csv_layout_name(layout));
    const std::string text = generated_text(layout, kSymbols, 400);
    const Outcome expected = parse(text, layout, one_pass());
    ASSERT_FALSE(expected.error.has_value()) << describe(expected);
    ASSERT_EQ(expected.bars.size(), kSymbols.size());

    std::vector<std::size_t> cuts;
    for (std::size_t i = 1; i < 8; ++i) cuts.push_back(text.size() * i / 8 + i * 13);
    expect_same(expected, parse(text, layout, cut_at(cuts)));

    CsvParseOptions threads;  // As load() does, but with small chunks: many seams.
    threads.max_threads = 8;
    threads.chunk_bytes = 997;
    expect_same(expected, parse(text, layout, threads));
    threads.chunk_bytes = 1;  // Every line a chunk of its own.
    expect_same(expected, parse(text, layout, threads));

    const std::vector<std::string> only = {"C", "GG"};
    expect_same(parse(text, layout, one_pass(), only), parse(text, layout, cut_at(cuts), only));
  }
}

TEST(CsvBarParserTest, ChunkStartsOutOfOrderOrRepeatedAreHarmless) {
  const std::string text = generated_text(kSp, kSymbols, 50);
  const Outcome expected = parse(text, kSp, one_pass());
  expect_same(expected, parse(text, kSp, cut_at({900, 300, 300, 0, 5000000})));
}

// ----------------------------------------------------------------------------- seam errors

// Parses `text` in one pass and cut at the start of each of `cut_lines` in turn (and at all of
// them at once); expects the same error every time, with context bars.csv:<line> (bars.csv when
// line is 0) and every one of `parts` in its message.
void expect_error_at_every_cut(std::string_view text, CsvLayout layout,
                               const std::vector<std::size_t>& cut_lines, std::size_t line,
                               const std::vector<std::string>& parts) {
  const Outcome expected = parse(text, layout, one_pass());
  ASSERT_TRUE(expected.error.has_value()) << describe(expected);
  EXPECT_EQ(expected.error->code, ErrorCode::kInvalidInput);
  EXPECT_EQ(expected.error->context, line == 0 ? kPath : kPath + ":" + std::to_string(line));
  for (const std::string& part : parts) {
    EXPECT_NE(expected.error->message.find(part), std::string::npos)
        << "missing \"" << part << "\" in: " << expected.error->message;
  }
  std::vector<std::size_t> all;
  for (const std::size_t cut_line : cut_lines) {
    SCOPED_TRACE("cut at line " + std::to_string(cut_line));
    all.push_back(start_of_line(text, cut_line));
    expect_same(expected, parse(text, layout, cut_at({all.back()})));
  }
  expect_same(expected, parse(text, layout, cut_at(all)));
}

constexpr std::string_view kSpHeader = "date,open,high,low,close,volume,Name\n";
constexpr std::string_view kGenHeader = "symbol,date,open,high,low,close,volume\n";

TEST(CsvBarParserTest, StepBackAcrossASeam) {
  const std::string text = std::string(kSpHeader) +
                           "2015-08-20,1,1,1,1,1,AAA\n"   // 2
                           "2015-08-21,1,1,1,1,1,AAA\n"   // 3
                           "2015-08-24,1,1,1,1,1,AAA\n"   // 4
                           "2015-08-19,1,1,1,1,1,AAA\n"   // 5: before line 4's session
                           "2015-08-25,1,1,1,1,1,AAA\n";  // 6
  expect_error_at_every_cut(text, kSp, {3, 4, 5, 6}, 5,
                            {"symbol AAA", "previous date 2015-08-24 (line 4)", "\"2015-08-19\""});
}

TEST(CsvBarParserTest, DuplicateAcrossASeam) {
  const std::string text = std::string(kSpHeader) +
                           "2015-08-20,1,1,1,1,1,AAA\n"   // 2
                           "2015-08-21,1,1,1,1,1,AAA\n"   // 3
                           "2015-08-21,1,1,1,1,1,AAA\n";  // 4: the same session as line 3
  expect_error_at_every_cut(text, kSp, {3, 4}, 4,
                            {"symbol AAA", "duplicate session 2015-08-21 (already on line 3)"});
}

TEST(CsvBarParserTest, ASeamErrorBeforeABadRowOfTheLaterChunkWins) {
  const std::string text = std::string(kGenHeader) +
                           "AAA,2015-08-20,1,1,1,1,1\n"     // 2
                           "BBB,2015-08-20,1,1,1,1,1\n"     // 3
                           "AAA,2015-08-19,1,1,1,1,1\n"     // 4: AAA steps back
                           "CCC,2015-08-20,1,1,1,abc,1\n";  // 5: bad close
  expect_error_at_every_cut(text, kGen, {3, 4, 5}, 4, {"symbol AAA", "(line 2)"});
}

TEST(CsvBarParserTest, ABadRowOfTheLaterChunkBeforeASeamErrorWins) {
  const std::string text = std::string(kGenHeader) +
                           "AAA,2015-08-20,1,1,1,1,1\n"   // 2
                           "BBB,2015-08-20,1,1,1,1,1\n"   // 3
                           "CCC,2015-08-20,1,1,1,0,1\n"   // 4: close not positive
                           "AAA,2015-08-19,1,1,1,1,1\n"   // 5: AAA steps back
                           "BBB,2015-08-20,1,1,1,1,1\n";  // 6: BBB repeats
  expect_error_at_every_cut(text, kGen, {3, 4, 5, 6}, 4, {"symbol CCC", "\"close\"", "\"0\""});
}

TEST(CsvBarParserTest, TheFirstOfSeveralSeamErrorsInFileOrderWins) {
  // Both symbols step back in the later chunk; whichever does so first in the file is reported,
  // whatever the order of their names.
  const std::string a_first = std::string(kGenHeader) +
                              "AAA,2015-08-20,1,1,1,1,1\n"   // 2
                              "BBB,2015-08-20,1,1,1,1,1\n"   // 3
                              "AAA,2015-08-19,1,1,1,1,1\n"   // 4: AAA steps back
                              "BBB,2015-08-19,1,1,1,1,1\n";  // 5: BBB steps back
  expect_error_at_every_cut(a_first, kGen, {4}, 4, {"symbol AAA", "(line 2)"});
  const std::string b_first = std::string(kGenHeader) +
                              "AAA,2015-08-20,1,1,1,1,1\n"   // 2
                              "BBB,2015-08-20,1,1,1,1,1\n"   // 3
                              "BBB,2015-08-19,1,1,1,1,1\n"   // 4: BBB steps back
                              "AAA,2015-08-19,1,1,1,1,1\n";  // 5: AAA steps back
  expect_error_at_every_cut(b_first, kGen, {4}, 4, {"symbol BBB", "(line 3)"});
}

TEST(CsvBarParserTest, AnErrorOfAnEarlierChunkWinsOverOneOfALaterChunk) {
  const std::string text = std::string(kSpHeader) +
                           "2015-08-20,1,1,1,1,1,AAA\n"   // 2
                           "2015-08-21,1,1,1,1,x,AAA\n"   // 3: bad volume
                           "2015-08-24,1,1,1,1,1,BBB\n"   // 4
                           "2015-08-24,1,1,1,1,1,BBB\n";  // 5: duplicate
  expect_error_at_every_cut(text, kSp, {3, 4, 5}, 3, {"symbol AAA", "\"volume\"", "\"x\""});
}

TEST(CsvBarParserTest, ABlankLineBeforeASeamIsAnErrorWhenRowsFollow) {
  const std::string text = std::string(kSpHeader) +
                           "2015-08-20,1,1,1,1,1,AAA\n"   // 2
                           "\n"                           // 3
                           "\r\n"                         // 4
                           "2015-08-21,1,1,1,1,1,AAA\n";  // 5
  expect_error_at_every_cut(text, kSp, {3, 4, 5}, 3, {"empty line"});
}

TEST(CsvBarParserTest, TrailingBlankLinesAcrossASeamAreIgnored) {
  const std::string text = std::string(kSpHeader) +
                           "2015-08-20,1,1,1,1,1,AAA\n"  // 2
                           "\n"                          // 3
                           "\r\n"                        // 4
                           "\n";                         // 5
  const Outcome expected = parse(text, kSp, one_pass());
  ASSERT_FALSE(expected.error.has_value()) << describe(expected);
  for (const std::size_t line : {3, 4, 5}) {
    expect_same(expected, parse(text, kSp, cut_at({start_of_line(text, line)})));
  }

  const std::string blank_only = std::string(kSpHeader) + "\n\n\n";
  expect_error_at_every_cut(blank_only, kSp, {3, 4}, 0, {"no data rows"});
}

}  // namespace
}  // namespace stratus
