// Aligned terminal tables (see text_table.h).
#include "report/text_table.h"

#include <algorithm>
#include <cassert>

namespace stratus::report {
namespace {

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++width;  // Count lead bytes only.
  }
  return width;
}

const char* sgr(Style style) {
  switch (style) {
    case Style::kPlain:
      return "";
    case Style::kBold:
      return "\x1b[1m";
    case Style::kGreen:
      return "\x1b[32m";
    case Style::kRed:
      return "\x1b[31m";
    case Style::kDim:
      return "\x1b[2m";
  }
  return "";
}

}  // namespace

void TextTable::add_row(std::vector<TextCell> cells, bool bold) {
  assert(cells.size() == columns_.size());
  rows_.push_back(Row{std::move(cells), bold});
}

std::string TextTable::render(bool color) const {
  std::vector<std::size_t> widths(columns_.size(), 0);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    widths[c] = display_width(columns_[c].header);
    for (const Row& row : rows_) widths[c] = std::max(widths[c], display_width(row.cells[c].text));
  }
  auto line = [&](const std::vector<TextCell>& cells, bool bold) {
    std::string out;
    std::string pending_spaces;  // Padding written only if something follows it.
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string& text = cells[c].text;
      const std::size_t pad = widths[c] - display_width(text);
      if (c > 0) pending_spaces += "  ";
      if (columns_[c].align == Align::kRight) pending_spaces += std::string(pad, ' ');
      if (!text.empty()) {
        out += pending_spaces;
        pending_spaces.clear();
        const Style style = cells[c].style != Style::kPlain ? cells[c].style
                                                            : (bold ? Style::kBold : Style::kPlain);
        if (color && style != Style::kPlain) {
          out += sgr(style);
          if (bold && style != Style::kBold) out += sgr(Style::kBold);
          out += text + "\x1b[0m";
        } else {
          out += text;
        }
      }
      if (columns_[c].align == Align::kLeft) pending_spaces += std::string(pad, ' ');
    }
    return out + "\n";
  };
  std::vector<TextCell> header;
  for (const Column& column : columns_) header.push_back(TextCell{column.header, Style::kPlain});
  std::string out = line(header, true);
  for (const Row& row : rows_) out += line(row.cells, row.bold);
  return out;
}

}  // namespace stratus::report
