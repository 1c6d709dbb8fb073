// Agreement with TA-Lib 0.4.0 itself: talib_reference.js runs the C library built by the npm
// package `talib` (tests/tools, installed by `make test`) over every symbol of a CSV file; every
// output of the indicator suite, batch and streaming, must be NaN before TA-Lib's begIndex and
// within 1e-9 relative of TA-Lib's value from there on. The share of values equal to the last bit
// is printed.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "bar_data.h"

namespace stratus::indicators::testing {
namespace {

namespace fs = std::filesystem;

struct Reference {
  std::int32_t begin = 0;
  std::vector<double> values;
};

// Runs talib_reference.js over `csv`; the records keyed by "SYMBOL NAME". Fails the test when
// node, the talib package or the script fails.
std::map<std::string, Reference> talib_reference(const std::string& csv) {
  std::map<std::string, Reference> out;
  const std::string source = STRATUS_SOURCE_DIR;
  const std::string talib = source + "/tests/tools/node_modules/talib";
  if (!fs::exists(talib + "/package.json")) {
    ADD_FAILURE() << "the npm package talib is not installed at " << talib
                  << " (run `make test`, or `npm ci --prefix tests/tools`)";
    return out;
  }
  const fs::path bin =
      fs::temp_directory_path() / ("stratus_talib_" + std::to_string(::getpid()) + ".bin");
  const std::string command = "node '" + source + "/tests/indicators/talib_reference.js' '" + csv +
                              "' '" + bin.string() + "' '" + talib + "'";
  const int status = std::system(command.c_str());
  if (status != 0) {
    ADD_FAILURE() << "`" << command << "` failed (status " << status << ")";
    fs::remove(bin);
    return out;
  }
  std::ifstream file(bin, std::ios::binary);
  const std::vector<char> bytes{std::istreambuf_iterator<char>(file), {}};
  file.close();
  fs::remove(bin);
  std::size_t at = 0;
  auto take = [&](void* dst, std::size_t n) {
    if (at + n > bytes.size()) return false;
    std::copy_n(bytes.data() + at, n, static_cast<char*>(dst));
    at += n;
    return true;
  };
  while (at < bytes.size()) {
    std::uint32_t length = 0, count = 0;
    Reference ref;
    std::string key;
    bool ok = take(&length, 4);
    key.resize(length);
    ok = ok && take(key.data(), length) && take(&ref.begin, 4) && take(&count, 4);
    ref.values.resize(count);
    ok = ok && take(ref.values.data(), count * sizeof(double));
    if (!ok) {
      ADD_FAILURE() << "truncated reference file at byte " << at;
      return out;
    }
    out.emplace(std::move(key), std::move(ref));
  }
  return out;
}

bool agrees(double ours, double theirs) {
  if (ours == theirs) return true;
  return std::fabs(ours - theirs) <= 1e-9 * std::max(std::fabs(ours), std::fabs(theirs));
}

void expect_agreement(const std::string& csv) {
  const std::map<std::string, Reference> reference = talib_reference(csv);
  if (reference.empty()) return;
  const std::vector<SymbolColumns> symbols = load_all(csv);
  ASSERT_FALSE(symbols.empty());
  std::size_t compared = 0, exact = 0, failures = 0, checked_records = 0;
  auto fail = [&](const std::string& what) {
    if (++failures <= 30) ADD_FAILURE() << what;
  };
  for (const SymbolColumns& s : symbols) {
    const std::vector<suite::Named> batch = suite::batch(s.inputs());
    const std::vector<suite::Named> stream = suite::stream(s.inputs());
    for (std::size_t k = 0; k < batch.size(); ++k) {
      const std::string key = s.symbol + " " + batch[k].name;
      const auto it = reference.find(key);
      if (it == reference.end()) {
        fail("no TA-Lib reference for " + key);
        continue;
      }
      ++checked_records;
      const Reference& ref = it->second;
      const std::size_t n = s.columns.size();
      const std::size_t begin =
          ref.values.empty() ? n : static_cast<std::size_t>(std::max(ref.begin, 0));
      if (!ref.values.empty() && begin + ref.values.size() != n) {
        fail(key + ": TA-Lib gives rows " + std::to_string(begin) + ".." +
             std::to_string(begin + ref.values.size()) + " of " + std::to_string(n));
        continue;
      }
      for (const auto* form : {&batch[k], &stream[k]}) {
        const char* form_name = form == &batch[k] ? "batch" : "stream";
        for (std::size_t i = 0; i < n; ++i) {
          const double ours = form->values[i];
          if (i < begin) {
            if (!std::isnan(ours)) {
              fail(key + " " + form_name + " row " + std::to_string(i) +
                   ": expected no value (TA-Lib begins at " + std::to_string(begin) + "), got " +
                   std::to_string(ours));
            }
            continue;
          }
          const double theirs = ref.values[i - begin];
          ++compared;
          if (std::bit_cast<std::uint64_t>(ours) == std::bit_cast<std::uint64_t>(theirs)) ++exact;
          if (!agrees(ours, theirs)) {
            char buf[256];
            std::snprintf(buf, sizeof buf, " %s row %zu: ours %.17g, TA-Lib %.17g", form_name, i,
                          ours, theirs);
            fail(key + buf);
          }
        }
      }
    }
  }
  EXPECT_EQ(checked_records, reference.size()) << "TA-Lib outputs without a counterpart";
  EXPECT_EQ(failures, 0u) << "disagreements (the first 30 are listed above)";
  std::printf("%zu symbols, %zu series, %zu values compared, %zu (%.4f%%) equal to the last bit\n",
              symbols.size(), checked_records, compared, exact,
              compared ? 100.0 * static_cast<double>(exact) / static_cast<double>(compared) : 0.0);
}

TEST(TalibAgreement, BundledSp500_16) { expect_agreement(bundled_data()); }

TEST(TalibAgreement, FullSp500) {
  if (!fs::exists(full_data())) GTEST_SKIP() << full_data() << " is absent";
  expect_agreement(full_data());
}

}  // namespace
}  // namespace stratus::indicators::testing
