#include "adapters/alpaca/alpaca_market_data.h"

#include <algorithm>
#include <utility>

#include "adapters/alpaca/alpaca_bars.h"

namespace stratus {
namespace {

constexpr const char* kBarsPath = "/v2/stocks/bars";
constexpr const char* kLatestTradesPath = "/v2/stocks/trades/latest";
// A guard against an answer that never ends: 2,000 pages of 10,000 bars is 80 years of 250
// symbols.
constexpr int kMaxPages = 2000;
// Sessions held beyond `count`, for a few sessions without a bar (halts).
constexpr std::size_t kSpareSessions = 10;
// More sessions than any supported calendar has (keeps `count + spare` from overflowing).
constexpr std::size_t kMaxSessions = 20'000;

bool symbol_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == '/' || c == '^';
}

Status check_symbol(std::string_view symbol, std::string_view where) {
  if (symbol.empty() || symbol.size() > 32 ||
      !std::all_of(symbol.begin(), symbol.end(), symbol_char)) {
    return Error::invalid_input(std::string(where) + " \"" + std::string(symbol) +
                                "\" is not a symbol: expected 1 to 32 of A-Z a-z 0-9 . - _ / ^");
  }
  return {};
}

// The bar of `session` in `bars` (ascending), if any.
const DailyBar* bar_at(const std::vector<DailyBar>& bars, Date session) {
  auto it = std::lower_bound(bars.begin(), bars.end(), session,
                             [](const DailyBar& b, Date d) { return b.session < d; });
  return it != bars.end() && it->session == session ? &*it : nullptr;
}

// Whether two answers for the same session agree on its prices. Volume is left out: late trade
// reports move it without any re-adjustment of history (and no rule trades on it).
bool same_prices(const DailyBar* a, const DailyBar* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return a->open == b->open && a->high == b->high && a->low == b->low && a->close == b->close;
}

std::string joined(const std::vector<std::string>& symbols) {
  std::string out;
  for (const std::string& s : symbols) {
    if (!out.empty()) out += ',';
    out += alpaca_url_encode(s);
  }
  return out;
}

}  // namespace

AlpacaMarketData::AlpacaMarketData(HttpClient& http, AlpacaEndpoint endpoint,
                                   const MarketCalendar& calendar, const Clock& clock,
                                   AlpacaDataOptions options)
    : http_(http),
      endpoint_(std::move(endpoint)),
      calendar_(calendar),
      clock_(clock),
      options_(std::move(options)) {
  const std::string context = "alpaca market data options";
  if (options_.feed != "iex" && options_.feed != "sip") {
    status_ = Error::invalid_input("feed \"" + options_.feed + "\": expected \"iex\" or \"sip\"",
                                   context);
    return;
  }
  const auto& a = options_.adjustment;
  if (a != "raw" && a != "split" && a != "dividend" && a != "all") {
    status_ = Error::invalid_input(
        "adjustment \"" + a + "\": expected \"raw\", \"split\", \"dividend\" or \"all\"", context);
    return;
  }
  if (options_.page_limit < 1 || options_.page_limit > 10000) {
    status_ = Error::invalid_input(
        "page_limit " + std::to_string(options_.page_limit) + ": expected 1 to 10000", context);
    return;
  }
  std::vector<std::string> unique;
  for (const std::string& s : options_.symbols) {
    if (auto ok = check_symbol(s, "watchlist symbol"); !ok.ok()) {
      status_ = ok.error().within(context);
      return;
    }
    if (std::find(unique.begin(), unique.end(), s) == unique.end()) unique.push_back(s);
  }
  options_.symbols = std::move(unique);
  if (!options_.cache_path.empty()) {
    auto cache = BarCache::open(options_.cache_path, clock_);
    if (!cache.ok()) {
      status_ = cache.error().within("alpaca bar cache");
      return;
    }
    cache_ = std::move(cache).value();
  }
}

AlpacaMarketData::~AlpacaMarketData() = default;

Status AlpacaMarketData::status() const { return status_; }

std::size_t AlpacaMarketData::requests_made() const {
  std::lock_guard lock(mu_);
  return requests_;
}

bool AlpacaMarketData::in_watchlist(std::string_view symbol) const {
  return std::find(options_.symbols.begin(), options_.symbols.end(), symbol) !=
         options_.symbols.end();
}

Result<std::optional<Date>> AlpacaMarketData::last_closed_through(Date through) const {
  STRATUS_ASSIGN_OR_RETURN(const MarketDay closed, calendar_.last_completed_session(clock_.now()));
  if (through >= closed.date) return std::optional<Date>{closed.date};
  STRATUS_ASSIGN_OR_RETURN(const MarketDay day, calendar_.day(through));
  if (day.is_session) return std::optional<Date>{through};
  auto before = calendar_.previous_session(through);
  if (!before.ok()) {
    if (before.error().code == ErrorCode::kInvalidInput) return std::optional<Date>{};
    return before.error();
  }
  return std::optional<Date>{before->date};
}

Status AlpacaMarketData::load_cached(const std::string& symbol) {
  if (!cache_ || cache_loaded_.contains(symbol)) return {};
  STRATUS_ASSIGN_OR_RETURN(std::optional<CoveredBars> cached,
                           cache_->load(symbol, options_.feed, options_.adjustment));
  cache_loaded_.insert(symbol);
  if (cached && !held_.contains(symbol)) held_.emplace(symbol, std::move(*cached));
  return {};
}

Result<std::map<std::string, std::vector<DailyBar>, std::less<>>> AlpacaMarketData::fetch_bars(
    const std::vector<std::string>& symbols, Date first, Date last) {
  const std::string context = alpaca_get_context(kBarsPath);
  // The end is the close of the last session: a bar is stamped at its New York midnight, so this
  // takes that session's bar and none after it, however a bare date would be read.
  STRATUS_ASSIGN_OR_RETURN(const MarketDay last_day, calendar_.day(last));
  const Timestamp end = last_day.is_session ? last_day.close : Timestamp{last};
  const std::string query =
      std::string(kBarsPath) + "?symbols=" + joined(symbols) +
      "&timeframe=1Day&start=" + format_date(first) + "&end=" + format_utc_timestamp(end) +
      "&limit=" + std::to_string(options_.page_limit) + "&adjustment=" + options_.adjustment +
      "&feed=" + options_.feed + "&sort=asc";
  std::map<std::string, std::vector<DailyBar>, std::less<>> out;
  std::set<std::string> tokens_seen;
  std::optional<std::string> token;
  for (int page_number = 0;; ++page_number) {
    if (page_number == kMaxPages) {
      return Error::invalid_input(
          "the answer did not end after " + std::to_string(kMaxPages) + " pages", context);
    }
    const std::string url = token ? query + "&page_token=" + alpaca_url_encode(*token) : query;
    ++requests_;
    STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, alpaca_data_get(http_, endpoint_, url));
    auto page = parse_alpaca_bars_page(response.body);
    if (!page.ok()) return page.error().within(context);
    for (auto& [symbol, bars] : page->bars) {
      if (std::find(symbols.begin(), symbols.end(), symbol) == symbols.end()) {
        return Error::invalid_input(
            "the answer holds bars for \"" + symbol + "\", which was not asked for", context);
      }
      std::vector<DailyBar>& kept = out[symbol];
      for (const DailyBar& bar : bars) {
        if (!kept.empty() && bar.session <= kept.back().session) {
          return Error::invalid_input(symbol + ": a bar for " + format_date(bar.session) +
                                          " follows one for " + format_date(kept.back().session) +
                                          " on an earlier page: expected ascending sessions",
                                      context);
        }
        if (bar.session < first || bar.session > last) continue;
        kept.push_back(bar);
      }
    }
    if (!page->next_page_token) break;
    if (!tokens_seen.insert(*page->next_page_token).second) {
      return Error::invalid_input("field \"next_page_token\" = \"" + *page->next_page_token +
                                      "\" was answered before: expected a new page",
                                  context);
    }
    token = page->next_page_token;
  }
  return out;
}

Status AlpacaMarketData::ensure_covered(const std::string& symbol, Date first, Date last) {
  auto covers = [&](const std::string& s) {
    auto it = held_.find(s);
    return it != held_.end() && it->second.first <= first && last <= it->second.last;
  };
  STRATUS_RETURN_IF_ERROR(load_cached(symbol));
  if (covers(symbol)) return {};

  std::vector<std::string> batch;
  if (in_watchlist(symbol)) {
    for (const std::string& s : options_.symbols) {
      STRATUS_RETURN_IF_ERROR(load_cached(s));
      if (!covers(s)) batch.push_back(s);
    }
  } else {
    batch.push_back(symbol);
  }

  // Per fetch range, the symbols to fetch over it; `extending` says whose fetch continues the
  // held range (from its last session) rather than replacing it.
  using Range = std::pair<Date, Date>;
  std::map<Range, std::vector<std::string>> full;
  std::map<Range, std::vector<std::string>> extending;
  for (const std::string& s : batch) {
    auto it = held_.find(s);
    if (it == held_.end() || last < it->second.first || first > it->second.last) {
      full[{first, last}].push_back(s);
    } else if (first >= it->second.first) {
      extending[{it->second.last, last}].push_back(s);
    } else {
      full[{first, std::max(last, it->second.last)}].push_back(s);
    }
  }

  std::map<std::string, CoveredBars, std::less<>> staged;
  std::map<Range, std::vector<std::string>> refetch;
  for (const auto& [range, symbols] : extending) {
    STRATUS_ASSIGN_OR_RETURN(auto fetched, fetch_bars(symbols, range.first, range.second));
    for (const std::string& s : symbols) {
      const CoveredBars& held = held_.at(s);
      std::vector<DailyBar>& fresh = fetched[s];
      if (!same_prices(bar_at(held.bars, held.last), bar_at(fresh, held.last))) {
        // History was re-adjusted (or corrected): the held bars cannot be trusted any more.
        refetch[{held.first, range.second}].push_back(s);
        continue;
      }
      CoveredBars merged{held.first, range.second, {}};
      for (const DailyBar& b : held.bars) {
        if (b.session < held.last) merged.bars.push_back(b);
      }
      merged.bars.insert(merged.bars.end(), fresh.begin(), fresh.end());
      staged[s] = std::move(merged);
    }
  }
  for (auto& [range, symbols] : refetch) {
    auto& list = full[range];
    list.insert(list.end(), symbols.begin(), symbols.end());
  }
  for (const auto& [range, symbols] : full) {
    STRATUS_ASSIGN_OR_RETURN(auto fetched, fetch_bars(symbols, range.first, range.second));
    for (const std::string& s : symbols) {
      staged[s] = CoveredBars{range.first, range.second, std::move(fetched[s])};
    }
  }

  if (cache_) {
    std::vector<BarCache::Entry> entries;
    for (const auto& [s, covered] : staged) entries.push_back({s, covered});
    STRATUS_RETURN_IF_ERROR(cache_->store(options_.feed, options_.adjustment, entries));
  }
  for (auto& [s, covered] : staged) held_[s] = std::move(covered);
  return {};
}

Result<std::vector<DailyBar>> AlpacaMarketData::daily_bars(std::string_view symbol, Date through,
                                                           std::size_t count) {
  std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(status_);
  STRATUS_RETURN_IF_ERROR(check_symbol(symbol, "symbol"));
  if (count == 0) return std::vector<DailyBar>{};
  STRATUS_ASSIGN_OR_RETURN(const std::optional<Date> last, last_closed_through(through));
  if (!last) return std::vector<DailyBar>{};
  Date first = *last;
  const std::size_t back = std::min(count, kMaxSessions) + kSpareSessions;
  for (std::size_t i = 0; i < back; ++i) {
    auto before = calendar_.previous_session(first);
    if (!before.ok()) {
      if (before.error().code == ErrorCode::kInvalidInput) break;  // The calendar's first year.
      return before.error();
    }
    first = before->date;
  }
  const std::string name(symbol);
  STRATUS_RETURN_IF_ERROR(ensure_covered(name, first, *last));
  const std::vector<DailyBar>& bars = held_.at(name).bars;
  auto end = std::upper_bound(bars.begin(), bars.end(), *last,
                              [](Date d, const DailyBar& b) { return d < b.session; });
  const auto available = static_cast<std::size_t>(end - bars.begin());
  const auto begin = end - static_cast<std::ptrdiff_t>(std::min(count, available));
  return std::vector<DailyBar>(begin, end);
}

Result<std::optional<DailyBar>> AlpacaMarketData::first_bar_after(std::string_view symbol,
                                                                  Date after) {
  std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(status_);
  STRATUS_RETURN_IF_ERROR(check_symbol(symbol, "symbol"));
  STRATUS_ASSIGN_OR_RETURN(const MarketDay closed, calendar_.last_completed_session(clock_.now()));
  if (after >= closed.date) return std::optional<DailyBar>{};
  STRATUS_ASSIGN_OR_RETURN(const MarketDay next, calendar_.next_session(after));
  const std::string name(symbol);
  STRATUS_RETURN_IF_ERROR(ensure_covered(name, next.date, closed.date));
  const std::vector<DailyBar>& bars = held_.at(name).bars;
  auto it = std::upper_bound(bars.begin(), bars.end(), after,
                             [](Date d, const DailyBar& b) { return d < b.session; });
  if (it == bars.end() || it->session > closed.date) return std::optional<DailyBar>{};
  return std::optional<DailyBar>{*it};
}

Result<std::optional<LatestTrade>> AlpacaMarketData::latest_trade(std::string_view symbol) {
  std::lock_guard lock(mu_);
  STRATUS_RETURN_IF_ERROR(status_);
  STRATUS_RETURN_IF_ERROR(check_symbol(symbol, "symbol"));
  if (auto it = trades_.find(symbol); it != trades_.end()) return it->second;
  std::vector<std::string> batch;
  if (in_watchlist(symbol)) {
    for (const std::string& s : options_.symbols) {
      if (!trades_.contains(s)) batch.push_back(s);
    }
  } else {
    batch.emplace_back(symbol);
  }
  const std::string context = alpaca_get_context(kLatestTradesPath);
  ++requests_;
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response,
                           alpaca_data_get(http_, endpoint_,
                                           std::string(kLatestTradesPath) + "?symbols=" +
                                               joined(batch) + "&feed=" + options_.feed));
  auto trades = parse_alpaca_latest_trades(response.body);
  if (!trades.ok()) return trades.error().within(context);
  for (const std::string& s : batch) {
    auto it = trades->find(s);
    trades_[s] = it == trades->end() ? std::nullopt : std::optional<LatestTrade>{it->second};
  }
  return trades_.at(std::string(symbol));
}

}  // namespace stratus
