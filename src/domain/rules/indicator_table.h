// IndicatorTable: the values of a set of indicator uses over one symbol's bars, one column per
// distinct use, each computed exactly once (uses that share a computation, such as macd and
// macd_signal with the same parameters, share it).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/indicators/bar_columns.h"
#include "domain/rules/indicator_use.h"

namespace stratus::rules {

class IndicatorTable {
 public:
  // Every row (one per bar), with the indicators' batch forms.
  static IndicatorTable series(std::span<const IndicatorUse> uses,
                               const indicators::BarColumns& bars);
  // Only the last bar's row (rows() == 1, or 0 without bars), with the streaming forms run over
  // all bars (no per-bar arrays). Its values equal series()'s last row.
  static IndicatorTable last_row(std::span<const IndicatorUse> uses,
                                 const indicators::BarColumns& bars);

  std::size_t rows() const { return rows_; }
  // True when the table has a column for the use with this key.
  bool has(std::string_view key) const;
  // The use's value at `row`; NaN during warm-up. REQUIRES: has(key), row < rows() (aborts
  // with a message otherwise: callers build tables from the uses they read).
  double value(std::string_view key, std::size_t row) const;
  // The use's column, rows() values. REQUIRES: has(key) (aborts otherwise).
  std::span<const double> column(std::string_view key) const;

 private:
  IndicatorTable() = default;
  // Adds a column of rows_ NaNs for `key` unless there is one; returns its index.
  std::size_t add_column(const std::string& key);
  std::span<double> column_at(std::size_t index);

  std::size_t rows_ = 0;
  std::vector<std::pair<std::string, std::size_t>> index_;  // Key -> column, sorted by key.
  std::vector<std::vector<double>> columns_;
};

}  // namespace stratus::rules
