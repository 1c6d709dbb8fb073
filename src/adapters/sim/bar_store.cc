// BarStore: per-symbol spans of CompactBar over owned memory; window queries by binary search.
#include "adapters/sim/bar_store.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace stratus {
namespace {

// The first bar whose session is after `date`.
// Sessions are nearly evenly spaced, so the search starts where `date` would sit if they were
// exactly so, and widens from there: a few cache lines instead of a dozen probes across the
// series.
BarStore::Series::iterator first_after(BarStore::Series bars, Date date) {
  const std::int64_t day = date_to_compact_day(date);
  const auto after = [](std::int64_t d, const CompactBar& bar) { return d < bar.day; };
  const auto n = static_cast<std::int64_t>(bars.size());
  if (n < 16 || day < bars.front().day)
    return std::upper_bound(bars.begin(), bars.end(), day, after);
  if (day >= bars.back().day) return bars.end();
  // front().day <= day < back().day: the answer lies in (0, n - 1].
  const std::int64_t span = bars.back().day - bars.front().day;
  std::int64_t lo = (day - bars.front().day) * (n - 1) / span;  // 0 <= lo < n - 1.
  std::int64_t hi = lo + 1;
  // Widen until bars[lo].day <= day < bars[hi].day.
  for (std::int64_t step = 4; bars[static_cast<std::size_t>(lo)].day > day; step *= 2) {
    hi = lo;
    lo = std::max<std::int64_t>(0, lo - step);
  }
  for (std::int64_t step = 4; bars[static_cast<std::size_t>(hi)].day <= day; step *= 2) {
    lo = hi;
    hi = std::min<std::int64_t>(n - 1, hi + step);
  }
  return std::upper_bound(bars.begin() + lo + 1, bars.begin() + hi, day, after);
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
  std::vector<DailyBar> out;
  bars_through(bars, through, count, out);
  return out;
}

void bars_through(BarStore::Series bars, Date through, std::size_t count,
                  std::vector<DailyBar>& out) {
  const auto end = first_after(bars, through);
  const auto available = static_cast<std::size_t>(end - bars.begin());
  const auto n = static_cast<std::ptrdiff_t>(std::min(count, available));
  out.resize(static_cast<std::size_t>(n));
  auto from = end - n;
  for (DailyBar& bar : out) to_daily_bar(*from++, bar);
}

std::optional<DailyBar> first_bar_after(BarStore::Series bars, Date after) {
  const auto it = first_after(bars, after);
  if (it == bars.end()) return std::nullopt;
  std::optional<DailyBar> out(std::in_place);
  to_daily_bar(*it, *out);
  return out;
}

}  // namespace stratus
