// CsvMarketData: loading daily-bar CSV files (FileContents + parse_csv_bars) or bars handed over,
// and answering bar queries from the compact store.
#include "adapters/sim/csv_market_data.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "adapters/sim/compact_bar.h"
#include "adapters/sim/csv_bar_parser.h"
#include "adapters/sim/csv_fields.h"
#include "adapters/sim/file_contents.h"

namespace stratus {
namespace {

constexpr std::string_view kInMemorySource = "in-memory bars";

// Every day on which some series of `bars` has a bar, ascending.
std::vector<std::int64_t> calendar_of(const BarStore& bars) {
  std::int64_t first = 0;
  std::int64_t last = -1;
  for (const std::string& symbol : bars.symbols()) {
    const BarStore::Series series = *bars.find(symbol);
    if (series.empty()) continue;
    first = last < first ? series.front().day : std::min(first, series.front().day);
    last = std::max(last, series.back().day);
  }
  std::vector<std::int64_t> days;
  if (last < first) return days;
  std::vector<bool> traded(static_cast<std::size_t>(last - first) + 1);
  for (const std::string& symbol : bars.symbols()) {
    for (const CompactBar& bar : *bars.find(symbol)) {
      traded[static_cast<std::size_t>(bar.day - first)] = true;
    }
  }
  for (std::size_t d = 0; d < traded.size(); ++d) {
    if (traded[d]) days.push_back(first + static_cast<std::int64_t>(d));
  }
  return days;
}

}  // namespace

Result<CsvLayout> parse_csv_layout(std::string_view name) {
  if (name == "sp500") return CsvLayout::kSp500;
  if (name == "generic") return CsvLayout::kGeneric;
  return Error::invalid_input("csv layout: expected \"sp500\" or \"generic\", got " +
                              csv_quote(name));
}

std::string_view csv_layout_name(CsvLayout layout) {
  return layout == CsvLayout::kSp500 ? "sp500" : "generic";
}

CsvMarketData::CsvMarketData(std::string source, BarStore bars)
    : source_(std::move(source)),
      bars_(std::move(bars)),
      calendar_(calendar_of(bars_)),
      calendar_index_(std::span<const std::int64_t>(calendar_)),
      closes_(calendar_.size(), bars_.symbols().size()) {
  std::size_t column = 0;
  for (std::string& symbol : bars_.symbols()) {
    const BarStore::Series series = *bars_.find(symbol);
    indexes_.try_emplace(std::move(symbol), series, column++);
  }
}

Result<std::unique_ptr<CsvMarketData>> CsvMarketData::load(
    const std::string& path, CsvLayout layout, const std::vector<std::string>& only_symbols) {
  STRATUS_ASSIGN_OR_RETURN(const FileContents contents, FileContents::read(path));
  STRATUS_ASSIGN_OR_RETURN(BarStore bars,
                           parse_csv_bars(contents.text(), path, layout, only_symbols));
  return std::unique_ptr<CsvMarketData>(new CsvMarketData(path, std::move(bars)));
}

Result<std::unique_ptr<CsvMarketData>> CsvMarketData::from_bars(
    std::map<std::string, std::vector<DailyBar>> bars_by_symbol) {
  const std::string context(kInMemorySource);
  std::size_t total = 0;
  for (const auto& [symbol, series] : bars_by_symbol) {
    if (!is_valid_csv_symbol(symbol)) {
      return Error::invalid_input(
          "symbol: " + std::string(kCsvSymbolExpectation) + ", got " + csv_quote(symbol), context);
    }
    for (std::size_t i = 0; i < series.size(); ++i) {
      const DailyBar& bar = series[i];
      const std::string where = "symbol " + symbol + ", bar " + std::to_string(i) + " (" +
                                format_date(bar.session) + "): ";
      if (i > 0 && bar.session <= series[i - 1].session) {
        return Error::invalid_input(where + "session: expected a date after the previous bar's " +
                                        format_date(series[i - 1].session) +
                                        " (sessions must strictly increase)",
                                    context);
      }
      if (!bar.close.is_positive()) {
        return Error::invalid_input(
            where + "close: expected a positive price, got " + bar.close.to_string(), context);
      }
      const std::pair<const char*, const std::optional<Money>*> optional_prices[] = {
          {"open", &bar.open}, {"high", &bar.high}, {"low", &bar.low}};
      for (const auto& [name, price] : optional_prices) {
        if (price->has_value() && !(*price)->is_positive()) {
          return Error::invalid_input(
              where + name + ": expected a positive price or none, got " + (*price)->to_string(),
              context);
        }
      }
      if (bar.volume < 0) {
        return Error::invalid_input(
            where + "volume: expected a non-negative number, got " + std::to_string(bar.volume),
            context);
      }
    }
    total += series.size();
  }
  // Valid: every present price is positive, so CompactBar's 0-means-missing is unambiguous.
  AnonymousMemory memory = AnonymousMemory::allocate(total * sizeof(CompactBar));
  auto* next = reinterpret_cast<CompactBar*>(memory.data());
  BarStore bars;
  for (const auto& [symbol, series] : bars_by_symbol) {
    CompactBar* const first = next;
    for (const DailyBar& bar : series) *next++ = to_compact_bar(bar);
    bars.add(symbol, BarStore::Series(first, series.size()));
  }
  bars.adopt(std::move(memory));
  return std::unique_ptr<CsvMarketData>(new CsvMarketData(context, std::move(bars)));
}

Result<BarStore::Series> CsvMarketData::find(std::string_view symbol) const {
  const BarStore::Series* series = bars_.find(symbol);
  if (series == nullptr) {
    return Error::not_found(
        "unknown symbol " + csv_quote(symbol) + ": this market data has no bars for it", source_);
  }
  return *series;
}

Result<CsvMarketData::SymbolIndexes*> CsvMarketData::indexes_of(std::string_view symbol) {
  const auto found = indexes_.find(symbol);
  if (found == indexes_.end()) return find(symbol).error();  // NotFound, as every query says it.
  return &found->second;
}

Result<std::vector<DailyBar>> CsvMarketData::daily_bars(std::string_view symbol, Date through,
                                                        std::size_t count) {
  std::vector<DailyBar> bars;
  STRATUS_RETURN_IF_ERROR(daily_bars_into(symbol, through, count, bars));
  return bars;
}

Status CsvMarketData::daily_bars_into(std::string_view symbol, Date through, std::size_t count,
                                      std::vector<DailyBar>& out) {
  STRATUS_ASSIGN_OR_RETURN(SymbolIndexes* const indexes, indexes_of(symbol));
  // The day index says where the bars through `through` end: no search of the series.
  const std::size_t end = indexes->days.count_through(date_to_compact_day(through));
  const std::size_t n = std::min(count, end);
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) to_daily_bar(indexes->bars[end - n + i], out[i]);
  return {};
}

std::shared_ptr<DrawdownTable> CsvMarketData::drawdown_table(std::size_t window, HighBasis basis) {
  const std::lock_guard<std::mutex> lock(tables_mutex_);
  const auto found = std::find_if(tables_.begin(), tables_.end(), [&](const auto& table) {
    return table->window() == window && table->basis() == basis;
  });
  if (found != tables_.end()) {
    std::rotate(found, found + 1, tables_.end());  // Now the one used last.
    return tables_.back();
  }
  tables_.push_back(std::make_shared<DrawdownTable>(calendar_, indexes_.size(), window, basis));
  drop_tables_past(kept_table_bytes_);
  return tables_.back();
}

void CsvMarketData::drop_tables_past(std::size_t bytes) {
  std::size_t kept = 0;
  for (const auto& table : tables_) kept += table->bytes();
  while (tables_.size() > 1 && kept > bytes) {
    kept -= tables_.front()->bytes();
    tables_.erase(tables_.begin());
  }
}

void CsvMarketData::set_kept_table_bytes(std::size_t bytes) {
  const std::lock_guard<std::mutex> lock(tables_mutex_);
  kept_table_bytes_ = bytes;
  drop_tables_past(bytes);
}

Result<const DrawdownCell*> CsvMarketData::drawdown_cells(DrawdownTable& table,
                                                          std::string_view symbol) {
  STRATUS_ASSIGN_OR_RETURN(const SymbolIndexes* const indexes, indexes_of(symbol));
  return table.column(indexes->column, indexes->bars, indexes->days);
}

Result<DrawdownWindow> CsvMarketData::drawdown_window(std::string_view symbol, Date through,
                                                      std::size_t window, HighBasis basis) {
  if (window == 0) {  // No bar to read; the symbol must still be known.
    const auto known = find(symbol);
    if (!known.ok()) return known.error();
    return DrawdownWindow{};
  }
  const std::shared_ptr<DrawdownTable> table = drawdown_table(window, basis);
  STRATUS_ASSIGN_OR_RETURN(const DrawdownCell* const cells, drawdown_cells(*table, symbol));
  const DrawdownCell* cell = cell_through(cells, through);
  return cell == nullptr ? DrawdownWindow{} : cell->to_window();
}

// Reads one symbol's column of a drawdown table, resolved when the reader was made.
class CsvMarketData::TableDrawdownReader final : public DrawdownReader {
 public:
  TableDrawdownReader(const CsvMarketData& data, std::shared_ptr<const DrawdownTable> table,
                      const DrawdownCell* cells)
      : data_(data), table_(std::move(table)), cells_(cells) {}

  Result<DrawdownWindow> read(Date through) override {
    const DrawdownCell* cell = data_.cell_through(cells_, through);
    return cell == nullptr ? DrawdownWindow{} : cell->to_window();
  }

 private:
  const CsvMarketData& data_;
  const std::shared_ptr<const DrawdownTable> table_;  // Holds the table of `cells_`.
  const DrawdownCell* const cells_;
};

std::unique_ptr<DrawdownReader> CsvMarketData::drawdown_reader(std::string_view symbol,
                                                               std::size_t window,
                                                               HighBasis basis) {
  if (window == 0) return MarketData::drawdown_reader(symbol, window, basis);
  std::shared_ptr<DrawdownTable> table = drawdown_table(window, basis);
  const auto cells = drawdown_cells(*table, symbol);
  if (!cells.ok()) return MarketData::drawdown_reader(symbol, window, basis);  // Reads say why.
  return std::make_unique<TableDrawdownReader>(*this, std::move(table), *cells);
}

// Reads one symbol's column of the table of closes, resolved when the reader was made.
class CsvMarketData::TableCloseReader final : public CloseReader {
 public:
  TableCloseReader(const CsvMarketData& data, const std::int64_t* cells)
      : data_(data), cells_(cells) {}

  Result<std::optional<Money>> read(Date through) override {
    const std::int64_t* cell = data_.cell_through(cells_, through);
    if (cell == nullptr || *cell == 0) return std::optional<Money>();
    return std::optional<Money>(Money::from_units(*cell));
  }

 private:
  const CsvMarketData& data_;
  const std::int64_t* const cells_;
};

std::unique_ptr<CloseReader> CsvMarketData::close_reader(std::string_view symbol) {
  const auto found = indexes_of(symbol);
  if (!found.ok()) return MarketData::close_reader(symbol);  // Reads say why.
  const SymbolIndexes& indexes = **found;
  const std::size_t stride = closes_.stride();
  const std::int64_t* cells = closes_.column(indexes.column, [&](std::int64_t* column) {
    for (std::size_t row = 0; row < calendar_.size(); ++row) {
      const std::size_t available = indexes.days.count_through(calendar_[row]);
      if (available > 0) column[row * stride] = indexes.bars[available - 1].close;  // Positive.
    }
  });
  return std::make_unique<TableCloseReader>(*this, cells);
}

Result<std::optional<DailyBar>> CsvMarketData::first_bar_after(std::string_view symbol,
                                                               Date after) {
  STRATUS_ASSIGN_OR_RETURN(SymbolIndexes* const indexes, indexes_of(symbol));
  const std::size_t next = indexes->days.count_through(date_to_compact_day(after));
  if (next == indexes->bars.size()) return std::optional<DailyBar>();
  std::optional<DailyBar> bar(std::in_place);
  to_daily_bar(indexes->bars[next], *bar);
  return bar;
}

std::vector<std::string> CsvMarketData::symbols() const { return bars_.symbols(); }

std::size_t CsvMarketData::bar_count() const { return bars_.bar_count(); }

}  // namespace stratus
