// TextTable: columns aligned for a terminal, with optional ANSI styles that never disturb the
// alignment (cells are padded first, styled after). Used by the monthly report's text form.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace stratus::report {

enum class Align { kLeft, kRight };
enum class Style { kPlain, kBold, kGreen, kRed, kDim };

struct TextCell {
  TextCell(std::string text_in, Style style_in = Style::kPlain)  // NOLINT: {"..."} in rows.
      : text(std::move(text_in)), style(style_in) {}
  std::string text;
  Style style = Style::kPlain;
};

class TextTable {
 public:
  struct Column {
    Column(std::string header_in, Align align_in = Align::kLeft)  // NOLINT: {"..."} lists.
        : header(std::move(header_in)), align(align_in) {}
    std::string header;
    Align align = Align::kLeft;
  };
  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // REQUIRES: cells.size() == the number of columns. `bold` styles the whole row (a totals
  // row) unless a cell has its own style.
  void add_row(std::vector<TextCell> cells, bool bold = false);

  // The table: a header row then the rows, columns separated by two spaces, each as wide as its
  // widest cell (counted in UTF-8 code points), no trailing spaces, every line ending in "\n".
  // With `color`, the header and bold rows are bold and styled cells coloured (ANSI SGR);
  // without it the text holds no escape sequence at all.
  std::string render(bool color) const;

 private:
  struct Row {
    std::vector<TextCell> cells;
    bool bold = false;
  };
  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

}  // namespace stratus::report
