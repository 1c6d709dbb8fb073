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
    : source_(std::move(source)), bars_(std::move(bars)) {
  for (std::string& symbol : bars_.symbols()) {
    const BarStore::Series series = *bars_.find(symbol);
    indexes_.emplace(std::move(symbol), std::make_unique<SymbolIndexes>(series));
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
  return found->second.get();
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

Result<CsvMarketData::DrawdownIndex> CsvMarketData::drawdown_index(std::string_view symbol,
                                                                   std::size_t window,
                                                                   HighBasis basis) {
  STRATUS_ASSIGN_OR_RETURN(SymbolIndexes* const resolved, indexes_of(symbol));
  SymbolIndexes& indexes = *resolved;
  // Acquire: a WindowHighs seen here was fully built before its pointer was stored.
  const WindowHighs* highs = indexes.last_highs.load(std::memory_order_acquire);
  if (highs == nullptr || highs->window() != window || highs->basis() != basis) {
    const std::lock_guard<std::mutex> lock(indexes.highs_mutex);
    highs = nullptr;
    for (const auto& candidate : indexes.highs) {
      if (candidate->window() == window && candidate->basis() == basis) highs = candidate.get();
    }
    if (highs == nullptr) {
      indexes.highs.push_back(std::make_unique<const WindowHighs>(indexes.bars, window, basis));
      highs = indexes.highs.back().get();
    }
    indexes.last_highs.store(highs, std::memory_order_release);
  }
  return DrawdownIndex{indexes.bars, &indexes.days, highs};
}

DrawdownWindow CsvMarketData::read_indexed(const DrawdownIndex& index, Date through,
                                           std::size_t window, HighBasis basis) {
  const std::size_t available = index.days->count_through(date_to_compact_day(through));
  DrawdownWindow out;
  out.sessions = std::min(window, available);
  if (out.sessions == 0) return out;
  const CompactBar& last = index.bars[available - 1];
  const CompactBar& top = index.bars[index.highs->highest(available - 1)];
  DrawdownReading& r = out.reading;
  r.price = Money::from_units(last.close);
  r.price_session = compact_day_to_date(last.day);
  r.high = Money::from_units(high_candidate(top, basis));
  r.high_session = compact_day_to_date(top.day);
  r.drop = Percent::drop(r.high, r.price);
  return out;
}

Result<DrawdownWindow> CsvMarketData::drawdown_window(std::string_view symbol, Date through,
                                                      std::size_t window, HighBasis basis) {
  if (window == 0) {  // No bar to read; the symbol must still be known.
    const auto known = find(symbol);
    if (!known.ok()) return known.error();
    return DrawdownWindow{};
  }
  STRATUS_ASSIGN_OR_RETURN(const DrawdownIndex index, drawdown_index(symbol, window, basis));
  return read_indexed(index, through, window, basis);
}

// Reads one symbol's indexes, resolved when the reader was made.
class CsvMarketData::IndexedDrawdownReader final : public DrawdownReader {
 public:
  IndexedDrawdownReader(DrawdownIndex index, std::size_t window, HighBasis basis)
      : index_(index), window_(window), basis_(basis) {}

  Result<DrawdownWindow> read(Date through) override {
    return read_indexed(index_, through, window_, basis_);
  }

  // Starts loading the two bars read() reads: the last one and the highest of the window.
  void prefetch(Date through) override {
    const std::size_t available = index_.days->count_through(date_to_compact_day(through));
    if (available == 0) return;
    __builtin_prefetch(&index_.bars[available - 1]);
    __builtin_prefetch(&index_.bars[index_.highs->highest(available - 1)]);
  }

 private:
  const DrawdownIndex index_;
  const std::size_t window_;
  const HighBasis basis_;
};

std::unique_ptr<DrawdownReader> CsvMarketData::drawdown_reader(std::string_view symbol,
                                                               std::size_t window,
                                                               HighBasis basis) {
  if (window == 0) return MarketData::drawdown_reader(symbol, window, basis);
  const auto index = drawdown_index(symbol, window, basis);
  if (!index.ok()) return MarketData::drawdown_reader(symbol, window, basis);  // Reads say why.
  return std::make_unique<IndexedDrawdownReader>(*index, window, basis);
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
