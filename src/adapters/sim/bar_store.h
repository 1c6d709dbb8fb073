// BarStore: the bars of each symbol as one ascending array of CompactBar, in memory the store
// owns, with the two window queries the MarketData port needs as plain searches. Built once, then
// read-only.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "adapters/sim/anonymous_memory.h"
#include "adapters/sim/compact_bar.h"
#include "domain/bar.h"
#include "domain/time.h"
#include "support/short_key_hash.h"

namespace stratus {

class BarStore {
 public:
  using Series = std::span<const CompactBar>;

  // Hashes a symbol given as any string type, so lookups by string_view need no std::string.
  using SymbolHash = ShortKeyHash;

  BarStore() = default;
  BarStore(BarStore&&) = default;
  BarStore& operator=(BarStore&&) = default;
  BarStore(const BarStore&) = delete;
  BarStore& operator=(const BarStore&) = delete;

  // Takes ownership of memory that series added to this store point into.
  void adopt(AnonymousMemory memory);
  // REQUIRES: `symbol` not added before; `bars` ascending by day with no repeated day, and
  // pointing into memory adopted by this store (or empty).
  void add(std::string symbol, Series bars);

  // The bars of `symbol`, or nullptr when the store does not hold it.
  const Series* find(std::string_view symbol) const;
  // The symbols held, in ascending byte order.
  std::vector<std::string> symbols() const;
  // The number of bars held, over all symbols.
  std::size_t bar_count() const;

 private:
  std::vector<AnonymousMemory> memory_;
  // Unordered: found once per symbol and query, many times per session.
  std::unordered_map<std::string, Series, SymbolHash, std::equal_to<>> series_;
};

// The two window queries as plain binary searches of one series: the reference CsvMarketData's
// answers through its DayIndex (day_index.h) are checked against.
// The latest min(count, available) bars of `bars` whose session is <= through, ascending.
std::vector<DailyBar> bars_through(BarStore::Series bars, Date through, std::size_t count);
// The first bar of `bars` whose session is > after, or nullopt.
std::optional<DailyBar> first_bar_after(BarStore::Series bars, Date after);

}  // namespace stratus
