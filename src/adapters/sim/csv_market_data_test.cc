// Tests for CsvMarketData: loading the bundled sample and fixtures (plain, gzip, CRLF, real-data
// quirks), rejecting malformed files with precise errors, and the bar queries at their edges.
#include "adapters/sim/csv_market_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace stratus {
namespace {

const std::string kSourceDir = STRATUS_SOURCE_DIR;
const std::string kBundled = kSourceDir + "/data/bars/sp500-16.csv.gz";
const std::string kFixtures = kSourceDir + "/tests/fixtures/csv/";
// Relative to the repository root (the tests' working directory).
const std::string kFullDataset = "../shared/data/sp500-5yr/all_stocks_5yr.csv.gz";

Date D(std::string_view text) {
  auto date = parse_date(text);
  EXPECT_TRUE(date.ok()) << text;
  return date.ok() ? *date : Date{};
}

Money M(std::string_view text) {
  auto money = Money::parse(text);
  EXPECT_TRUE(money.ok()) << text;
  return money.ok() ? *money : Money{};
}

std::unique_ptr<CsvMarketData> LoadOrDie(const std::string& path,
                                         CsvLayout layout = CsvLayout::kSp500,
                                         const std::vector<std::string>& only = {}) {
  auto data = CsvMarketData::load(path, layout, only);
  EXPECT_TRUE(data.ok()) << (data.ok() ? "" : data.error().to_string());
  return data.ok() ? std::move(data).value() : nullptr;
}

std::vector<std::string> Sessions(const std::vector<DailyBar>& bars) {
  std::vector<std::string> out;
  for (const DailyBar& bar : bars) out.push_back(format_date(bar.session));
  return out;
}

// ------------------------------------------------------------------------------ bundled sample

class BundledSampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { data_ = LoadOrDie(kBundled).release(); }
  static void TearDownTestSuite() {
    delete data_;
    data_ = nullptr;
  }
  static CsvMarketData* data_;
};
CsvMarketData* BundledSampleTest::data_ = nullptr;

TEST_F(BundledSampleTest, HoldsSixteenSymbolsWithFiveFullYears) {
  ASSERT_NE(data_, nullptr);
  const std::vector<std::string> expected = {"AAPL",  "AMZN", "BA",  "CAT", "CVX",  "GE",
                                             "GOOGL", "JNJ",  "JPM", "KO",  "MSFT", "NFLX",
                                             "NVDA",  "PFE",  "WMT", "XOM"};
  EXPECT_EQ(data_->symbols(), expected);
  EXPECT_EQ(data_->bar_count(), 16u * 1259u);
  for (const std::string& symbol : expected) {
    auto bars = data_->daily_bars(symbol, D("2018-12-31"), 5000);
    ASSERT_TRUE(bars.ok()) << symbol;
    EXPECT_EQ(bars->size(), 1259u) << symbol;
    EXPECT_EQ(format_date(bars->front().session), "2013-02-08") << symbol;
    EXPECT_EQ(format_date(bars->back().session), "2018-02-07") << symbol;
  }
}

TEST_F(BundledSampleTest, KnownAaplValues) {
  ASSERT_NE(data_, nullptr);
  // First row: 2013-02-08,67.7142,68.4014,66.8928,67.8542,158168416,AAPL
  auto first = data_->daily_bars("AAPL", D("2013-02-08"), 10);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  const DailyBar& bar = first->front();
  EXPECT_EQ(bar.session, D("2013-02-08"));
  EXPECT_EQ(bar.open, M("67.7142"));
  EXPECT_EQ(bar.high, M("68.4014"));
  EXPECT_EQ(bar.low, M("66.8928"));
  EXPECT_EQ(bar.close, M("67.8542"));
  EXPECT_EQ(bar.volume, 158168416);

  // The last session before the 7:1 split, then the first after it.
  auto around_split = data_->daily_bars("AAPL", D("2014-06-09"), 2);
  ASSERT_TRUE(around_split.ok());
  ASSERT_EQ(around_split->size(), 2u);
  EXPECT_EQ((*around_split)[0].session, D("2014-06-06"));
  EXPECT_EQ((*around_split)[0].close, M("92.2242"));
  EXPECT_EQ((*around_split)[0].volume, 87620911);
  EXPECT_EQ((*around_split)[1].close, M("93.70"));

  auto last = data_->daily_bars("AAPL", D("2018-02-07"), 1);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 1u);
  EXPECT_EQ(last->front().close, M("159.54"));
  EXPECT_EQ(last->front().low, M("159.0685"));
}

TEST_F(BundledSampleTest, KnownValuesOfOtherSymbols) {
  ASSERT_NE(data_, nullptr);
  // 2015-08-24,40.45,43.31,39.72,41.68,88753660,MSFT and 2015-08-24,67.99,71.38,66.55,68.72,...,XOM
  auto msft = data_->daily_bars("MSFT", D("2015-08-24"), 1);
  ASSERT_TRUE(msft.ok());
  ASSERT_EQ(msft->size(), 1u);
  EXPECT_EQ(msft->front().close, M("41.68"));
  EXPECT_EQ(msft->front().low, M("39.72"));
  auto xom = data_->daily_bars("XOM", D("2015-08-24"), 1);
  ASSERT_TRUE(xom.ok());
  ASSERT_EQ(xom->size(), 1u);
  EXPECT_EQ(xom->front().close, M("68.72"));
  EXPECT_EQ(xom->front().volume, 35531225);
}

TEST_F(BundledSampleTest, DailyBarsWindowEdges) {
  ASSERT_NE(data_, nullptr);
  // Through before the first bar: nothing.
  auto before = data_->daily_bars("AAPL", D("2013-02-07"), 10);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());

  // More asked than exists: all of it.
  auto early = data_->daily_bars("AAPL", D("2013-02-12"), 252);
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(Sessions(*early), (std::vector<std::string>{"2013-02-08", "2013-02-11", "2013-02-12"}));

  // Through a Saturday: ends on the Friday before.
  auto weekend = data_->daily_bars("AAPL", D("2014-06-07"), 2);
  ASSERT_TRUE(weekend.ok());
  EXPECT_EQ(Sessions(*weekend), (std::vector<std::string>{"2014-06-05", "2014-06-06"}));

  // Count zero: nothing, even with history.
  auto none = data_->daily_bars("AAPL", D("2016-01-04"), 0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  // Through after the last bar: ends on the last bar.
  auto after = data_->daily_bars("AAPL", D("2030-01-01"), 252);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 252u);
  EXPECT_EQ(format_date(after->back().session), "2018-02-07");
  for (std::size_t i = 1; i < after->size(); ++i) {
    EXPECT_LT((*after)[i - 1].session, (*after)[i].session);
  }
}

TEST_F(BundledSampleTest, FirstBarAfter) {
  ASSERT_NE(data_, nullptr);
  auto next = data_->first_bar_after("AAPL", D("2014-06-06"));
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->session, D("2014-06-09"));
  EXPECT_EQ((*next)->close, M("93.70"));

  auto before_all = data_->first_bar_after("AAPL", D("2000-01-01"));
  ASSERT_TRUE(before_all.ok());
  ASSERT_TRUE(before_all->has_value());
  EXPECT_EQ((*before_all)->session, D("2013-02-08"));

  auto at_end = data_->first_bar_after("AAPL", D("2018-02-07"));
  ASSERT_TRUE(at_end.ok());
  EXPECT_FALSE(at_end->has_value());
}

TEST_F(BundledSampleTest, DailyBarsIntoWritesTheSameBarsReusingTheBuffer) {
  ASSERT_NE(data_, nullptr);
  const auto same = [](const DailyBar& a, const DailyBar& b) {
    return a.session == b.session && a.open == b.open && a.high == b.high && a.low == b.low &&
           a.close == b.close && a.volume == b.volume;
  };
  std::vector<DailyBar> out;
  // From a long window to shorter, empty and longer ones: the buffer's old bars never leak.
  const std::pair<const char*, std::size_t> queries[] = {{"2016-01-04", 252}, {"2013-02-12", 252},
                                                         {"2014-06-07", 2},   {"2016-01-04", 0},
                                                         {"2013-02-07", 10},  {"2030-01-01", 300}};
  for (const auto& [through, count] : queries) {
    auto expected = data_->daily_bars("AAPL", D(through), count);
    ASSERT_TRUE(expected.ok());
    ASSERT_TRUE(data_->daily_bars_into("AAPL", D(through), count, out).ok());
    ASSERT_EQ(out.size(), expected->size()) << through << " " << count;
    for (std::size_t i = 0; i < out.size(); ++i) {
      EXPECT_TRUE(same(out[i], (*expected)[i])) << through << " " << count << " bar " << i;
    }
  }
  const Status unknown = data_->daily_bars_into("ZZZZ", D("2015-01-02"), 5, out);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_F(BundledSampleTest, UnknownSymbolIsNotFound) {
  ASSERT_NE(data_, nullptr);
  auto bars = data_->daily_bars("ZZZZ", D("2015-01-02"), 5);
  ASSERT_FALSE(bars.ok());
  EXPECT_EQ(bars.error().code, ErrorCode::kNotFound);
  EXPECT_NE(bars.error().message.find("ZZZZ"), std::string::npos);

  auto next = data_->first_bar_after("aapl", D("2015-01-02"));
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, ErrorCode::kNotFound);
  EXPECT_NE(next.error().message.find("aapl"), std::string::npos);
}

TEST(CsvMarketDataTest, OnlySymbolsKeepsTheSubset) {
  auto data = LoadOrDie(kBundled, CsvLayout::kSp500, {"MSFT", "KO"});
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->symbols(), (std::vector<std::string>{"KO", "MSFT"}));
  EXPECT_EQ(data->bar_count(), 2u * 1259u);
  auto aapl = data->daily_bars("AAPL", D("2015-01-02"), 1);
  ASSERT_FALSE(aapl.ok());
  EXPECT_EQ(aapl.error().code, ErrorCode::kNotFound);
}

TEST(CsvMarketDataTest, OnlySymbolsNotInTheFileIsAnError) {
  auto data = CsvMarketData::load(kBundled, CsvLayout::kSp500, {"MSFT", "NOPE"});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(data.error().message.find("\"NOPE\""), std::string::npos) << data.error().message;
  EXPECT_EQ(data.error().message.find("MSFT"), std::string::npos) << data.error().message;
  EXPECT_EQ(data.error().context, kBundled);
}

// ----------------------------------------------------------------------------------- fixtures

// small.csv and its variants hold: AAA 2015-08-21, 08-24, 08-25; BBB.B 2015-08-24, 08-26.
void ExpectSmall(CsvMarketData& data) {
  EXPECT_EQ(data.symbols(), (std::vector<std::string>{"AAA", "BBB.B"}));
  EXPECT_EQ(data.bar_count(), 5u);
  auto aaa = data.daily_bars("AAA", D("2015-08-31"), 10);
  ASSERT_TRUE(aaa.ok());
  EXPECT_EQ(Sessions(*aaa), (std::vector<std::string>{"2015-08-21", "2015-08-24", "2015-08-25"}));
  EXPECT_EQ((*aaa)[1].close, M("43.07"));
  EXPECT_EQ((*aaa)[1].open, M("43.39"));
  EXPECT_EQ((*aaa)[1].volume, 67000000);
  auto bbb = data.daily_bars("BBB.B", D("2015-08-25"), 10);
  ASSERT_TRUE(bbb.ok());
  ASSERT_EQ(bbb->size(), 1u);
  EXPECT_EQ(bbb->front().close, M("9.8765"));
  EXPECT_EQ(bbb->front().high, M("10"));
}

TEST(CsvMarketDataTest, PlainGzipCrlfAndLineEndVariantsLoadTheSame) {
  // small_gzip_without_gz_suffix.csv is gzip data: the format is told by its bytes, not its name.
  for (const char* name :
       {"small.csv", "small.csv.gz", "small_gzip_without_gz_suffix.csv", "small_crlf.csv",
        "small_no_final_newline.csv", "small_trailing_blank_lines.csv"}) {
    SCOPED_TRACE(name);
    auto data = LoadOrDie(kFixtures + name);
    ASSERT_NE(data, nullptr);
    ExpectSmall(*data);
  }
}

TEST(CsvMarketDataTest, RealDataQuirksAreAccepted) {
  // Rows copied byte for byte from all_stocks_5yr.csv: empty open/high/low, volume 0, and
  // prices outside [low, high].
  auto data = LoadOrDie(kFixtures + "real_quirks.csv");
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->symbols(), (std::vector<std::string>{"BBY", "BHF", "CHD", "DHR"}));

  auto bhf = data->daily_bars("BHF", D("2017-07-26"), 1);
  ASSERT_TRUE(bhf.ok());
  ASSERT_EQ(bhf->size(), 1u);
  EXPECT_FALSE(bhf->front().open.has_value());
  EXPECT_FALSE(bhf->front().high.has_value());
  EXPECT_FALSE(bhf->front().low.has_value());
  EXPECT_EQ(bhf->front().close, M("69.0842"));
  EXPECT_EQ(bhf->front().volume, 3);

  auto dhr = data->daily_bars("DHR", D("2016-12-31"), 2);
  ASSERT_TRUE(dhr.ok());
  ASSERT_EQ(dhr->size(), 2u);
  EXPECT_FALSE((*dhr)[0].open.has_value());  // 2015-07-17: only the open is missing.
  EXPECT_EQ((*dhr)[0].high, M("88.76"));
  EXPECT_EQ((*dhr)[0].low, M("88.24"));
  EXPECT_EQ((*dhr)[1].session, D("2016-01-12"));
  EXPECT_EQ((*dhr)[1].volume, 0);

  auto chd = data->daily_bars("CHD", D("2014-05-19"), 1);  // open 18.77 < low 33.695
  ASSERT_TRUE(chd.ok());
  ASSERT_EQ(chd->size(), 1u);
  EXPECT_EQ(chd->front().open, M("18.77"));
  EXPECT_EQ(chd->front().low, M("33.695"));

  auto bby = data->daily_bars("BBY", D("2016-03-14"), 1);  // close 32.72 < low 33.08
  ASSERT_TRUE(bby.ok());
  ASSERT_EQ(bby->size(), 1u);
  EXPECT_EQ(bby->front().close, M("32.72"));
}

TEST(CsvMarketDataTest, UnusualButValidNumbersAreReadExactly) {
  // "1.", ".5", leading zeros beyond the usual length, and an empty volume.
  auto data = LoadOrDie(kFixtures + "unusual_valid.csv");
  ASSERT_NE(data, nullptr);
  auto bars = data->daily_bars("AAA", D("2015-08-24"), 5);
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), 2u);
  EXPECT_EQ((*bars)[0].open, M("1"));
  EXPECT_EQ((*bars)[0].high, M("0.5"));
  EXPECT_EQ((*bars)[0].low, M("12.5"));
  EXPECT_EQ((*bars)[0].close, M("12"));
  EXPECT_EQ((*bars)[0].volume, 42);
  EXPECT_EQ((*bars)[1].open, Money::from_units(1));
  EXPECT_EQ((*bars)[1].high, M("2"));
  EXPECT_EQ((*bars)[1].close, M("1.5"));
  EXPECT_EQ((*bars)[1].volume, 0);
}

TEST(CsvMarketDataTest, RowsOfFilteredOutSymbolsAreStillValidated) {
  // bad_date.csv is fine for AAA; its bad row belongs to BBB.
  auto data = CsvMarketData::load(kFixtures + "bad/bad_date.csv", CsvLayout::kSp500, {"AAA"});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().context, kFixtures + "bad/bad_date.csv:4");
}

TEST(CsvMarketDataTest, GenericLayoutWithInterleavedSymbols) {
  auto data = LoadOrDie(kFixtures + "generic.csv", CsvLayout::kGeneric);
  ASSERT_NE(data, nullptr);
  ExpectSmall(*data);
  auto last = data->daily_bars("BBB.B", D("2015-08-26"), 1);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->size(), 1u);
  EXPECT_FALSE(last->front().open.has_value());
  EXPECT_EQ(last->front().close, M("10.2"));
  EXPECT_EQ(last->front().volume, 0);  // Empty volume reads as 0.
}

TEST(CsvMarketDataTest, ParseLayoutNames) {
  EXPECT_EQ(*parse_csv_layout("sp500"), CsvLayout::kSp500);
  EXPECT_EQ(*parse_csv_layout("generic"), CsvLayout::kGeneric);
  auto bad = parse_csv_layout("SP500");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(bad.error().message.find("\"SP500\""), std::string::npos);
  EXPECT_EQ(csv_layout_name(CsvLayout::kGeneric), "generic");
}

// ------------------------------------------------------------------------------ bad input

struct BadCase {
  const char* file;
  CsvLayout layout;
  int line;  // 0: the context is the bare path.
  std::vector<std::string> message_parts;
};

class MalformedFileTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(MalformedFileTest, IsInvalidInputNamingFieldValueAndLine) {
  const BadCase& c = GetParam();
  const std::string path = kFixtures + c.file;
  auto data = CsvMarketData::load(path, c.layout);
  ASSERT_FALSE(data.ok()) << c.file;
  EXPECT_EQ(data.error().code, ErrorCode::kInvalidInput) << data.error().to_string();
  const std::string expected_context = c.line == 0 ? path : path + ":" + std::to_string(c.line);
  EXPECT_EQ(data.error().context, expected_context) << data.error().to_string();
  for (const std::string& part : c.message_parts) {
    EXPECT_NE(data.error().message.find(part), std::string::npos)
        << "missing \"" << part << "\" in: " << data.error().message;
  }
}

constexpr CsvLayout kSp = CsvLayout::kSp500;
constexpr CsvLayout kGen = CsvLayout::kGeneric;

INSTANTIATE_TEST_SUITE_P(
    Fixtures, MalformedFileTest,
    ::testing::Values(
        BadCase{"bad/empty.csv", kSp, 0, {"empty", "date,open,high,low,close,volume,Name"}},
        BadCase{"bad/header_only.csv", kSp, 0, {"no data rows"}},
        BadCase{"bad/bad_header.csv",
                kSp,
                1,
                {"header", "expected \"date,open,high,low,close,volume,Name\"",
                 "got \"date,open,high,low,close,volume,name\""}},
        BadCase{"generic.csv", kSp, 1, {"header", "layout generic"}},
        BadCase{"small.csv", kGen, 1, {"expected \"symbol,date,", "layout sp500"}},
        BadCase{"bad/wrong_columns.csv", kSp, 4, {"expected 7", "got 6"}},
        BadCase{"bad/extra_column.csv", kSp, 4, {"expected 7", "got 8"}},
        BadCase{"bad/bad_date.csv", kSp, 4, {"\"date\"", "\"2015-02-30\"", "YYYY-MM-DD"}},
        BadCase{"bad/bad_date_format.csv", kSp, 4, {"\"date\"", "\"24/08/2015\""}},
        BadCase{"bad/bad_close.csv", kSp, 4, {"AAA", "\"close\"", "\"abc\"", "positive"}},
        BadCase{"bad/zero_close.csv", kSp, 4, {"\"close\"", "\"0\"", "not positive"}},
        BadCase{"bad/empty_close.csv", kSp, 4, {"\"close\"", "empty value"}},
        BadCase{"bad/negative_open.csv", kSp, 4, {"\"open\"", "\"-1.5\"", "not positive"}},
        BadCase{"bad/too_many_decimals.csv",
                kSp,
                4,
                {"\"high\"", "\"45.12345\"", "at most 4 decimal places", "too many"}},
        BadCase{"bad/exponent_low.csv", kSp, 4, {"\"low\"", "\"4e1\""}},
        BadCase{"bad/price_out_of_range.csv",
                kSp,
                2,
                {"\"close\"", "\"99999999999999999999\"", "out of range"}},
        BadCase{"bad/volume_out_of_range.csv", kSp, 2, {"\"volume\"", "out of range"}},
        BadCase{"bad/negative_volume.csv", kSp, 4, {"\"volume\"", "\"-5\"", "non-negative"}},
        BadCase{"bad/fractional_volume.csv", kSp, 4, {"\"volume\"", "\"1.5\"", "whole number"}},
        BadCase{"bad/decreasing_date.csv",
                kSp,
                4,
                {"AAA", "\"date\"", "\"2015-08-19\"", "previous date 2015-08-21", "line 3",
                 "strictly increase"}},
        BadCase{"bad/duplicate_date.csv",
                kSp,
                4,
                {"AAA", "\"date\"", "duplicate session 2015-08-21", "line 3"}},
        BadCase{"bad/empty_symbol.csv", kSp, 4, {"\"Name\"", "got \"\""}},
        BadCase{"bad/empty_symbol_first_row.csv", kSp, 2, {"\"Name\"", "got \"\""}},
        BadCase{"bad/generic_empty_symbol_first_row.csv", kGen, 2, {"\"symbol\"", "got \"\""}},
        BadCase{"bad/blank_line.csv", kSp, 3, {"empty line"}},
        BadCase{"bad/generic_decreasing_date.csv",
                kGen,
                5,
                {"BBB", "previous date 2015-08-21", "line 3", "\"2015-08-20\""}},
        BadCase{"bad/truncated.csv.gz", kSp, 0, {"gzip"}},
        BadCase{"bad/does_not_exist.csv", kSp, 0, {"cannot open"}}));

// ------------------------------------------------------------------------- in-memory bars

DailyBar Bar(std::string_view session, std::string_view close) {
  DailyBar bar;
  bar.session = D(session);
  bar.close = M(close);
  return bar;
}

TEST(CsvMarketDataTest, FromBarsAnswersQueries) {
  auto data = CsvMarketData::from_bars(
      {{"X", {Bar("2020-01-02", "10"), Bar("2020-01-03", "11"), Bar("2020-01-06", "12")}},
       {"EMPTY", {}}});
  ASSERT_TRUE(data.ok()) << data.error().to_string();
  EXPECT_EQ((*data)->symbols(), (std::vector<std::string>{"EMPTY", "X"}));
  auto window = (*data)->daily_bars("X", D("2020-01-05"), 5);
  ASSERT_TRUE(window.ok());
  EXPECT_EQ(Sessions(*window), (std::vector<std::string>{"2020-01-02", "2020-01-03"}));
  auto next = (*data)->first_bar_after("X", D("2020-01-03"));
  ASSERT_TRUE(next.ok());
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->close, M("12"));
  auto empty = (*data)->daily_bars("EMPTY", D("2020-01-05"), 5);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(CsvMarketDataTest, FromBarsRejectsUnorderedOrNonPositiveBars) {
  auto unordered =
      CsvMarketData::from_bars({{"X", {Bar("2020-01-03", "10"), Bar("2020-01-02", "11")}}});
  ASSERT_FALSE(unordered.ok());
  EXPECT_EQ(unordered.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(unordered.error().message.find("2020-01-02"), std::string::npos);

  auto duplicate =
      CsvMarketData::from_bars({{"X", {Bar("2020-01-02", "10"), Bar("2020-01-02", "11")}}});
  ASSERT_FALSE(duplicate.ok());

  DailyBar zero = Bar("2020-01-02", "1");
  zero.close = Money::from_units(0);
  auto non_positive = CsvMarketData::from_bars({{"X", {zero}}});
  ASSERT_FALSE(non_positive.ok());
  EXPECT_NE(non_positive.error().message.find("close"), std::string::npos);

  DailyBar negative_volume = Bar("2020-01-02", "1");
  negative_volume.volume = -1;
  ASSERT_FALSE(CsvMarketData::from_bars({{"X", {negative_volume}}}).ok());

  ASSERT_FALSE(CsvMarketData::from_bars({{"", {Bar("2020-01-02", "1")}}}).ok());
}

// ------------------------------------------------------------------------------ full dataset

TEST(CsvMarketDataTest, LoadsTheFullFiveYearDataset) {
  if (!std::filesystem::exists(kFullDataset)) {
    GTEST_SKIP() << kFullDataset << " is not present";
  }
  auto data = LoadOrDie(kFullDataset);
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data->symbols().size(), 505u);
  EXPECT_EQ(data->bar_count(), 619040u);
  auto aapl = data->daily_bars("AAPL", D("2014-06-06"), 1);
  ASSERT_TRUE(aapl.ok());
  ASSERT_EQ(aapl->size(), 1u);
  EXPECT_EQ(aapl->front().close, M("92.2242"));
  auto aptv = data->daily_bars("APTV", D("2018-12-31"), 5000);  // A late listing: 44 rows.
  ASSERT_TRUE(aptv.ok());
  EXPECT_EQ(aptv->size(), 44u);
  auto brk = data->daily_bars("BRK.B", D("2018-12-31"), 5000);
  ASSERT_TRUE(brk.ok());
  EXPECT_EQ(brk->size(), 1259u);
}

}  // namespace
}  // namespace stratus
