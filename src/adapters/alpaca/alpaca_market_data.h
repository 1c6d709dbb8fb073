// AlpacaMarketData: the MarketData port on Alpaca's Market Data API v2 (daily bars and latest
// trades), through the HttpClient port, with a SQLite cache of the bars.
//
// Bars: GET /v2/stocks/bars with timeframe=1Day, the configured feed and adjustment, sort=asc,
// following next_page_token until it is null (one page may hold part of one symbol only: the
// limit counts bars across symbols). The first call for any symbol of the watchlist
// (options.symbols) fetches the whole watchlist at once, from the session `count + 10` sessions
// before the last wanted session through that session (the 10 spare sessions absorb a few days
// without a bar); later calls that fit in what is held are answered from memory. A symbol outside
// the watchlist is fetched alone. A symbol Alpaca has no bars for gives an empty history, not an
// error. A bar's session is the New York date of its `t` (Alpaca stamps daily bars at New York
// midnight).
//
// No look-ahead: only sessions that have closed by clock.now() (per the calendar) are asked for
// or kept, so the partial bar Alpaca serves while a session is in progress is never seen.
//
// Cache (options.cache_path; see bar_cache.h): per (symbol, feed, adjustment) the covered
// session range and its bars. A later request fetches only the sessions after the covered range,
// starting with its last session again; when that overlapping bar differs from the cached one
// (history re-adjusted for a split or a dividend), the symbol's whole range is fetched again and
// replaces the cached one. A request whose range lies apart from the covered one replaces it.
// Nothing is written unless every fetch of a call succeeded (one transaction).
//
// Latest trades: GET /v2/stocks/trades/latest for the whole watchlist on first use, kept for the
// life of the object.
//
// Errors: InvalidInput for a bad symbol, an unusable endpoint (nothing sent) or an unreadable
// answer (naming symbol, field and value); Rejected for 401/403 and other refusals, with
// Alpaca's message; Unavailable for 429, 5xx and an unreachable server (retries belong to the
// HttpClient, e.g. RetryingHttpClient); cache errors as BarCache's. The API keys never appear in
// an error. Thread-safe (calls are serialised).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/alpaca/alpaca_data_request.h"
#include "adapters/alpaca/alpaca_endpoint.h"
#include "adapters/alpaca/bar_cache.h"
#include "ports/clock.h"
#include "ports/http_client.h"
#include "ports/market_calendar.h"
#include "ports/market_data.h"

namespace stratus {

struct AlpacaDataOptions {
  std::string feed = "iex";          // "iex" | "sip" (validated at construction -> status())
  std::string adjustment = "split";  // "raw" | "split" | "dividend" | "all"
  std::vector<std::string> symbols;  // the watchlist: bars are fetched for all of them together
  std::string cache_path;            // SQLite file for the bar cache; empty: in memory only
  int page_limit = 10000;            // Alpaca's `limit` per page (1..10000)
};

class AlpacaMarketData final : public MarketData {
 public:
  // REQUIRES: http, calendar and clock outlive it. endpoint.base_url is the DATA url
  // (https://data.alpaca.markets by default; a fake's http://127.0.0.1:port in tests).
  // Opens the cache file now; problems are reported by status() and by every call.
  AlpacaMarketData(HttpClient& http, AlpacaEndpoint endpoint, const MarketCalendar& calendar,
                   const Clock& clock, AlpacaDataOptions options);
  ~AlpacaMarketData() override;

  // Construction problems: InvalidInput for a feed, adjustment, page_limit or watchlist symbol
  // out of range (naming it); the cache's open error.
  Status status() const;

  // See MarketData. Sessions after the last one closed by clock.now() are never returned.
  Result<std::vector<DailyBar>> daily_bars(std::string_view symbol, Date through,
                                           std::size_t count) override;
  Result<std::optional<DailyBar>> first_bar_after(std::string_view symbol, Date after) override;
  Result<std::optional<LatestTrade>> latest_trade(std::string_view symbol) override;

  // HTTP requests sent so far (each page counts; retries inside the HttpClient do not).
  std::size_t requests_made() const;

 private:
  // Makes sure the bars of `symbol` cover the sessions [first, last] (last already closed),
  // fetching with it every watchlist symbol that lacks them too.
  Status ensure_covered(const std::string& symbol, Date first, Date last);
  // Fetches the bars of `symbols` for the sessions [first, last], every page.
  Result<std::map<std::string, std::vector<DailyBar>, std::less<>>> fetch_bars(
      const std::vector<std::string>& symbols, Date first, Date last);
  // Loads the cached history of `symbol` into memory, once.
  Status load_cached(const std::string& symbol);
  // The last session on or before `through` that has closed by now; nullopt when none in range.
  Result<std::optional<Date>> last_closed_through(Date through) const;
  bool in_watchlist(std::string_view symbol) const;

  HttpClient& http_;
  AlpacaEndpoint endpoint_;
  const MarketCalendar& calendar_;
  const Clock& clock_;
  AlpacaDataOptions options_;
  Status status_;
  std::unique_ptr<BarCache> cache_;

  mutable std::mutex mu_;
  std::map<std::string, CoveredBars, std::less<>> held_;  // What memory holds, per symbol.
  std::set<std::string, std::less<>> cache_loaded_;       // Symbols looked up in the cache.
  std::map<std::string, std::optional<LatestTrade>, std::less<>> trades_;
  std::size_t requests_ = 0;
};

}  // namespace stratus
