// CalendarTable: one cell per (calendar day, symbol) of a market, laid out day by day: the cells
// of one day for every symbol sit next to each other. A backtest reads every watched or held
// symbol for the same day, so it reads one stretch of memory in order where reading each
// symbol's own bars meant scattered loads per symbol.
//
// A column (one symbol) is filled on first use, once, so a run that reads a few symbols of a
// large file fills only those. The memory for every column is reserved up front but taken from
// the system only as columns are written.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <type_traits>

#include "adapters/sim/anonymous_memory.h"

namespace stratus {

// REQUIRES of Cell: trivially copyable, and all-zero bytes mean "nothing yet" (an unfilled
// cell reads as zero).
template <typename Cell>
class CalendarTable {
  static_assert(std::is_trivially_copyable_v<Cell>);

 public:
  CalendarTable(std::size_t rows, std::size_t columns)
      : rows_(rows),
        columns_(columns),
        memory_(AnonymousMemory::allocate(rows * columns * sizeof(Cell))),
        cells_(reinterpret_cast<Cell*>(memory_.data())),  // Zeroed: every cell empty.
        filled_(std::make_unique<std::atomic<bool>[]>(columns)) {}

  // The cells of `column`: the one for the calendar's i-th day is at [i * stride()]. On the first
  // call for this column, fill(cells) writes them first, under a lock; later calls return at
  // once. Safe to call from several threads; the cells returned never change afterwards.
  // REQUIRES: column < columns; `fill` writes only cells [i * stride()] for i < rows.
  template <typename Fill>
  const Cell* column(std::size_t column, Fill&& fill) {
    // Acquire: a column seen as filled was fully written before its flag was set.
    if (!filled_[column].load(std::memory_order_acquire)) {
      const std::lock_guard<std::mutex> lock(fill_mutex_);
      if (!filled_[column].load(std::memory_order_relaxed)) {
        fill(cells_ + column);
        filled_[column].store(true, std::memory_order_release);
      }
    }
    return cells_ + column;
  }

  std::size_t rows() const { return rows_; }
  std::size_t stride() const { return columns_; }

 private:
  std::size_t rows_;
  std::size_t columns_;
  AnonymousMemory memory_;  // rows_ x columns_ cells, row by row.
  Cell* cells_;
  std::unique_ptr<std::atomic<bool>[]> filled_;  // filled_[c]: column c is written (release).
  std::mutex fill_mutex_;                        // Held while a column is written.
};

}  // namespace stratus
