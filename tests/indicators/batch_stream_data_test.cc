// Batch and streaming forms give the same bits for every indicator of the suite over every
// symbol of the bundled sample and of the full S&P 500 set (skipped when that file is absent).
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

#include "bar_data.h"

namespace stratus::indicators::testing {
namespace {

void expect_identical(const std::string& csv) {
  const std::vector<SymbolColumns> symbols = load_all(csv);
  ASSERT_FALSE(symbols.empty());
  std::size_t values = 0;
  for (const SymbolColumns& s : symbols) {
    const std::vector<suite::Named> batch = suite::batch(s.inputs());
    const std::vector<suite::Named> stream = suite::stream(s.inputs());
    ASSERT_EQ(batch.size(), stream.size());
    for (std::size_t k = 0; k < batch.size(); ++k) {
      ASSERT_EQ(batch[k].name, stream[k].name);
      for (std::size_t i = 0; i < batch[k].values.size(); ++i) {
        const double b = batch[k].values[i], t = stream[k].values[i];
        ++values;
        if (std::isnan(b) && std::isnan(t)) continue;
        ASSERT_EQ(std::bit_cast<std::uint64_t>(b), std::bit_cast<std::uint64_t>(t))
            << s.symbol << " " << batch[k].name << " row " << i << ": batch " << b << ", stream "
            << t;
      }
    }
  }
  std::printf("%zu symbols, %zu values identical\n", symbols.size(), values);
}

TEST(BatchStreamData, BundledSp500_16) { expect_identical(bundled_data()); }

TEST(BatchStreamData, FullSp500) {
  if (!std::filesystem::exists(full_data())) GTEST_SKIP() << full_data() << " is absent";
  expect_identical(full_data());
}

}  // namespace
}  // namespace stratus::indicators::testing
