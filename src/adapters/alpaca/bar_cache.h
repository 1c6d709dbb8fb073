// BarCache: daily bars fetched from a market data source, kept in a SQLite file of their own (not
// the ledger's), so a later run asks the source only for sessions it has not seen. Keyed by
// (symbol, feed, adjustment): the same symbol under another feed or adjustment is another series.
//
// For each key the cache holds a covered range [first, last] of sessions and every bar the source
// had for a session in that range (a session without a bar means the source had none). Tables
// (schema version 1, see bar_cache.cc): bar_cache_ranges and bar_cache_bars; prices in units of
// 1/10,000 dollar, dates as "2024-01-03".
//
// Several processes may share one file: WAL mode, a busy timeout, and each store() is one
// BEGIN IMMEDIATE transaction (all of it or nothing). Use one BarCache from one thread at a time.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/sqlite/database.h"
#include "domain/bar.h"
#include "domain/result.h"
#include "ports/clock.h"

namespace stratus {

// Every bar a source has for the sessions in [first, last], ascending by session.
struct CoveredBars {
  Date first;
  Date last;
  std::vector<DailyBar> bars;
};

class BarCache {
 public:
  // REQUIRES: `clock` outlives the cache (it stamps stored_at).
  // Opens (creating if absent) the cache file at `path` and brings its schema up to date.
  // Errors: InvalidInput when the parent directory is missing or the file holds another schema
  // (e.g. the Stratus ledger); Unavailable when it stays locked; Internal otherwise.
  static Result<std::unique_ptr<BarCache>> open(const std::filesystem::path& path,
                                                const Clock& clock);

  // What the cache holds for the key; nullopt when nothing. Internal when a stored row is
  // unreadable.
  Result<std::optional<CoveredBars>> load(std::string_view symbol, std::string_view feed,
                                          std::string_view adjustment);

  // One symbol's whole cached history, to store.
  struct Entry {
    std::string symbol;
    CoveredBars covered;
  };
  // Replaces the cached history of each entry's symbol (same feed and adjustment) by the entry,
  // all in one transaction, unless what is stored already covers the entry's range (another
  // process stored as much or more meanwhile; it is kept). On error nothing is written.
  Status store(std::string_view feed, std::string_view adjustment,
               const std::vector<Entry>& entries);

 private:
  BarCache(std::unique_ptr<Database> db, const Clock& clock) : db_(std::move(db)), clock_(clock) {}
  std::unique_ptr<Database> db_;
  const Clock& clock_;
};

}  // namespace stratus
