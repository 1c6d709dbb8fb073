// Terminal tables: alignment, no trailing spaces, styles only with colour.
#include "report/text_table.h"

#include <gtest/gtest.h>

namespace stratus::report {
namespace {

TEST(TextTable, AlignsColumnsLeftAndRight) {
  TextTable table({{"symbol"}, {"spent", Align::kRight}, {"state"}});
  table.add_row({{"AAPL"}, {"211.63"}, {"filled"}});
  table.add_row({{"GOOGL"}, {"1234.5678"}, {""}});
  table.add_row({{"total"}, {"1446.1978"}, {""}}, true);
  EXPECT_EQ(table.render(false),
            "symbol      spent  state\n"
            "AAPL       211.63  filled\n"
            "GOOGL   1234.5678\n"
            "total   1446.1978\n");
}

TEST(TextTable, CountsCodePointsNotBytes) {
  TextTable table({{"a"}, {"b", Align::kRight}});
  table.add_row({{"é"}, {"1"}});
  table.add_row({{"ab"}, {"22"}});
  EXPECT_EQ(table.render(false),
            "a    b\n"
            "é    1\n"
            "ab  22\n");
}

TEST(TextTable, ColoursOnlyWhenAskedAndKeepsAlignment) {
  TextTable table({{"p&l", Align::kRight}, {"x"}});
  table.add_row({{"+1.00", Style::kGreen}, {"a"}});
  table.add_row({{"-10.00", Style::kRed}, {"b"}}, true);
  const std::string plain = table.render(false);
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  const std::string color = table.render(true);
  EXPECT_NE(color.find("\x1b[32m+1.00\x1b[0m"), std::string::npos) << color;
  EXPECT_NE(color.find("\x1b[31m\x1b[1m-10.00\x1b[0m"), std::string::npos) << color;
  // Without the escape sequences, the coloured table is the plain one.
  std::string stripped;
  for (std::size_t i = 0; i < color.size(); ++i) {
    if (color[i] == '\x1b') {
      i = color.find('m', i);
      continue;
    }
    stripped += color[i];
  }
  EXPECT_EQ(stripped, plain);
}

}  // namespace
}  // namespace stratus::report
