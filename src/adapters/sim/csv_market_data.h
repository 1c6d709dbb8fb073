// CsvMarketData: the MarketData port over daily bars held in memory, loaded once from a CSV file
// (plain or gzip-compressed) or handed over as a map. Used by `stratus run` locally, by the
// backtest and by benchmarks.
//
// File layouts (the header line must match exactly; fields are separated by ',' with no quoting
// and no surrounding spaces; LF or CRLF line ends; an optional UTF-8 BOM and trailing blank lines
// are ignored):
//
//   kSp500    date,open,high,low,close,volume,Name
//             The layout of the Kaggle "S&P 500 stock data" all_stocks_5yr.csv (see
//             data/SOURCE.md), e.g. `2013-02-08,67.7142,68.4014,66.8928,67.8542,158168416,AAPL`.
//   kGeneric  symbol,date,open,high,low,close,volume
//             e.g. `AAPL,2013-02-08,67.7142,68.4014,66.8928,67.8542,158168416`.
//
// In both layouts, rows of different symbols may be interleaved in any order, but within one
// symbol the dates must strictly increase (no duplicate session, no step back).
//
// Field rules:
//   date     YYYY-MM-DD, a real calendar date.
//   symbol   1..32 characters from A-Z a-z 0-9 . - _ / ^ (e.g. "BRK.B").
//   close    required: a positive plain decimal with at most 4 decimal places (exact, the same
//            rules as Money::parse: no sign, no exponent).
//   open, high, low
//            the same rules as close, or EMPTY (stored as nullopt): real data has rows with
//            missing opens/highs/lows. Rows where low <= open/close <= high does not hold are
//            accepted unchanged (real data has them too); consumers must not assume the ordering.
//   volume   a non-negative whole number of shares; EMPTY is read as 0 (volume is informational:
//            no rule in Stratus trades on it, and a missing volume should not discard a close).
//
// Every problem in a file is reported as InvalidInput whose message names the field, the value
// and what was expected, and whose context is "path:line". Nothing is kept from a file that has
// any error; when it has several, the first in file order is reported.
//
// Loading is built for speed (30 MB of CSV in a few tens of milliseconds): an uncompressed file
// is mapped and parsed in place, a large one on up to two threads, and bars are held compactly,
// becoming DailyBar only when a query returns them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/sim/bar_store.h"
#include "adapters/sim/calendar_table.h"
#include "adapters/sim/day_index.h"
#include "adapters/sim/drawdown_table.h"
#include "domain/bar.h"
#include "domain/result.h"
#include "domain/time.h"
#include "ports/market_data.h"

namespace stratus {

// Which column layout a CSV file uses (see the file comment).
enum class CsvLayout { kSp500, kGeneric };

// Parses a layout name: "sp500" or "generic". InvalidInput naming the text otherwise.
Result<CsvLayout> parse_csv_layout(std::string_view name);
// "sp500" or "generic".
std::string_view csv_layout_name(CsvLayout layout);

// Its bars are immutable after construction, and every method may be called concurrently from
// several threads (the tables of drawdowns and closes filled on demand are filled under a lock).
class CsvMarketData : public MarketData {
 public:
  // Loads every row of the CSV file at `path` into memory. The file may be gzip-compressed
  // (recognised by its magic bytes, whatever its name), or a pipe. When `only_symbols` is
  // non-empty, only those symbols are kept, but every row of the file is still validated.
  // REQUIRES: the file is not truncated while it loads (it is mapped while it is parsed).
  // Errors (all InvalidInput, context "path" or "path:line"): the file cannot be opened or read,
  // corrupt gzip data, empty file, a header other than the layout's, a file with no data rows, any
  // row breaking the field rules above, or a symbol of `only_symbols` that the file does not hold.
  static Result<std::unique_ptr<CsvMarketData>> load(
      const std::string& path, CsvLayout layout, const std::vector<std::string>& only_symbols = {});

  // Takes bars already in memory (tests, benchmarks, generated data).
  // REQUIRES nothing; validates instead: InvalidInput (context "in-memory bars") when a symbol is
  // empty, a symbol's sessions do not strictly increase, a close is not positive, a present
  // open/high/low is not positive, or a volume is negative. A symbol with no bars is kept (known,
  // but without history).
  static Result<std::unique_ptr<CsvMarketData>> from_bars(
      std::map<std::string, std::vector<DailyBar>> bars_by_symbol);

  // MarketData. NotFound (naming the symbol) for a symbol this source does not hold.
  // daily_bars guarantees: at most `count` bars, ascending, every session <= through, and they are
  // the latest such bars; empty when count == 0 or no bar is on or before `through`.
  Result<std::vector<DailyBar>> daily_bars(std::string_view symbol, Date through,
                                           std::size_t count) override;
  // As daily_bars; allocates only when `out`'s capacity is below the bars written.
  Status daily_bars_into(std::string_view symbol, Date through, std::size_t count,
                         std::vector<DailyBar>& out) override;
  // Guarantees: equal to the port's default (read_drawdown over daily_bars(symbol, through,
  // window)), read from the DrawdownTable for (window, basis), whose column for the symbol is
  // filled on first use: constant time per call while the table is kept, with no bar copied.
  Result<DrawdownWindow> drawdown_window(std::string_view symbol, Date through, std::size_t window,
                                         HighBasis basis) override;
  // Guarantees: reads equal to drawdown_window's, from the symbol's column of the DrawdownTable
  // for (window, basis), resolved here once (so with no lookup by name per read): readers of one
  // session's symbols read neighbouring cells. For an unknown symbol or a window of 0, the port's
  // default (by name).
  std::unique_ptr<DrawdownReader> drawdown_reader(std::string_view symbol, std::size_t window,
                                                  HighBasis basis) override;
  // Guarantees: reads equal to the close of daily_bars(symbol, through, 1), from the symbol's
  // column of the table of closes (filled on first use), resolved here once: readers of one day's
  // symbols read neighbouring cells. For an unknown symbol, the port's default (by name).
  std::unique_ptr<CloseReader> close_reader(std::string_view symbol) override;
  // Guarantees: the bar with the smallest session > after, or nullopt when there is none.
  Result<std::optional<DailyBar>> first_bar_after(std::string_view symbol, Date after) override;

  // How much memory the drawdown tables no reader holds may keep for later reads (256 MiB unless
  // set): past it, the tables used longest ago are dropped (and made again if asked for again).
  // The S&P 500 five-year set takes 25 MB per (window, basis).
  void set_kept_table_bytes(std::size_t bytes);

  // The symbols held, in ascending byte order.
  std::vector<std::string> symbols() const;
  // The number of bars held, over all symbols.
  std::size_t bar_count() const;

 private:
  CsvMarketData(std::string source, BarStore bars);

  // The bars of `symbol`, or NotFound.
  Result<BarStore::Series> find(std::string_view symbol) const;
  struct SymbolIndexes;
  // The indexes of `symbol` (valid for the life of this object), or NotFound as find().
  Result<SymbolIndexes*> indexes_of(std::string_view symbol);
  // The table for (window, basis): a kept one, or one made now. REQUIRES: window >= 1.
  std::shared_ptr<DrawdownTable> drawdown_table(std::size_t window, HighBasis basis);
  // Drops the oldest tables from tables_ (never the newest) until they take at most `bytes`.
  // REQUIRES: tables_mutex_ held.
  void drop_tables_past(std::size_t bytes);
  // The cells of `symbol` in `table`, filled on first use; NotFound as find().
  Result<const DrawdownCell*> drawdown_cells(DrawdownTable& table, std::string_view symbol);
  // The cell for `through` in `cells` (a column of one of the tables): that of the latest
  // calendar day on or before `through`; null before the calendar.
  template <typename Cell>
  const Cell* cell_through(const Cell* cells, Date through) const {
    const std::size_t days = calendar_index_.count_through(date_to_compact_day(through));
    return days == 0 ? nullptr : cells + (days - 1) * indexes_.size();
  }
  class TableDrawdownReader;
  class TableCloseReader;

  // One symbol's bars, its day index and its column in the tables.
  struct SymbolIndexes {
    SymbolIndexes(BarStore::Series series, std::size_t column)
        : bars(series), days(series), column(column) {}
    BarStore::Series bars;
    DayIndex days;
    std::size_t column;
  };

  std::string source_;  // The path, or "in-memory bars"; used as error context.
  BarStore bars_;       // Each series ascending by session, sessions unique.
  // One entry per symbol of bars_, made by the constructor and never changed after (so read
  // without a lock); the indexes handed out stay valid for the life of this object.
  std::unordered_map<std::string, SymbolIndexes, BarStore::SymbolHash, std::equal_to<>> indexes_;
  // Every day on which some symbol has a bar, ascending, and its day index: the rows of the
  // tables below, each of which has one column per entry of indexes_.
  std::vector<std::int64_t> calendar_;
  DayIndex calendar_index_;
  // The drawdown tables kept (nearly always one), the one used last at the back. A table lives
  // as long as a reader of it or this list holds it; when the tables listed pass
  // kept_table_bytes_, the oldest are dropped from the list (the newest always stays), so that
  // a sweep over many windows does not keep a table for every one.
  std::mutex tables_mutex_;  // Guards `tables_` and `kept_table_bytes_`.
  std::vector<std::shared_ptr<DrawdownTable>> tables_;
  std::size_t kept_table_bytes_ = std::size_t{256} << 20;
  // Each symbol's latest close through each calendar day, in Money units (0: none yet).
  CalendarTable<std::int64_t> closes_;
};

}  // namespace stratus
