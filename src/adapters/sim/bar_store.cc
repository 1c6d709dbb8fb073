// BarStore: per-symbol spans of CompactBar over owned memory; the plain window searches.
#include "adapters/sim/bar_store.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace stratus {
namespace {

// The first bar whose session is after `date`: a binary search.
BarStore::Series::iterator first_after(BarStore::Series bars, Date date) {
  const std::int64_t day = date_to_compact_day(date);
  return std::upper_bound(bars.begin(), bars.end(), day,
                          [](std::int64_t d, const CompactBar& bar) { return d < bar.day; });
}

}  // namespace

void BarStore::adopt(AnonymousMemory memory) {
  if (memory.data() != nullptr) memory_.push_back(std::move(memory));
}

void BarStore::add(std::string symbol, Series bars) { series_.emplace(std::move(symbol), bars); }

const BarStore::Series* BarStore::find(std::string_view symbol) const {
  const auto it = series_.find(symbol);
  return it == series_.end() ? nullptr : &it->second;
}

std::vector<std::string> BarStore::symbols() const {
  std::vector<std::string> out;
  out.reserve(series_.size());
  for (const auto& entry : series_) out.push_back(entry.first);
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t BarStore::bar_count() const {
  std::size_t total = 0;
  for (const auto& entry : series_) total += entry.second.size();
  return total;
}

std::vector<DailyBar> bars_through(BarStore::Series bars, Date through, std::size_t count) {
  const auto end = first_after(bars, through);
  const auto available = static_cast<std::size_t>(end - bars.begin());
  const auto n = static_cast<std::ptrdiff_t>(std::min(count, available));
  std::vector<DailyBar> out(static_cast<std::size_t>(n));
  auto from = end - n;
  for (DailyBar& bar : out) to_daily_bar(*from++, bar);
  return out;
}

std::optional<DailyBar> first_bar_after(BarStore::Series bars, Date after) {
  const auto it = first_after(bars, after);
  if (it == bars.end()) return std::nullopt;
  std::optional<DailyBar> out(std::in_place);
  to_daily_bar(*it, *out);
  return out;
}

}  // namespace stratus
