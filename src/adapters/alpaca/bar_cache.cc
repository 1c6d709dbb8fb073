#include "adapters/alpaca/bar_cache.h"

#include <array>

namespace stratus {
namespace {

// Version 1. bar_cache_ranges: per (symbol, feed, adjustment) the covered sessions, inclusive.
// bar_cache_bars: the bars in them; prices in units of 1/10,000 dollar (open/high/low may be
// NULL), volume in shares.
constexpr std::string_view kTables = R"sql(
CREATE TABLE bar_cache_ranges (
  symbol         TEXT NOT NULL,
  feed           TEXT NOT NULL,
  adjustment     TEXT NOT NULL,
  first_session  TEXT NOT NULL,
  last_session   TEXT NOT NULL CHECK (last_session >= first_session),
  stored_at      TEXT NOT NULL,
  PRIMARY KEY (symbol, feed, adjustment)
) WITHOUT ROWID;
CREATE TABLE bar_cache_bars (
  symbol      TEXT    NOT NULL,
  feed        TEXT    NOT NULL,
  adjustment  TEXT    NOT NULL,
  session     TEXT    NOT NULL,
  open        INTEGER,
  high        INTEGER,
  low         INTEGER,
  close       INTEGER NOT NULL,
  volume      INTEGER NOT NULL,
  PRIMARY KEY (symbol, feed, adjustment, session)
) WITHOUT ROWID;
)sql";

constexpr std::array kMigrations = {
    Migration{1, "bar cache: bar_cache_ranges and bar_cache_bars", kTables},
};

std::optional<std::int64_t> units_of(const std::optional<Money>& m) {
  if (!m) return std::nullopt;
  return m->units();
}

std::optional<Money> money_of(const std::optional<std::int64_t>& units) {
  if (!units) return std::nullopt;
  return Money::from_units(*units);
}

}  // namespace

Result<std::unique_ptr<BarCache>> BarCache::open(const std::filesystem::path& path,
                                                 const Clock& clock) {
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<Database> db, Database::open(path));
  if (auto migrated = db->migrate(kMigrations, clock.now()); !migrated.ok()) {
    Error e = migrated.error();
    if (e.code == ErrorCode::kInvalidInput) {
      e.message =
          "not a Stratus bar cache file (use a file of its own, not the ledger's): " + e.message;
    }
    return e;
  }
  return std::unique_ptr<BarCache>(new BarCache(std::move(db), clock));
}

Result<std::optional<CoveredBars>> BarCache::load(std::string_view symbol, std::string_view feed,
                                                  std::string_view adjustment) {
  STRATUS_ASSIGN_OR_RETURN(Statement range,
                           db_->prepare("SELECT first_session, last_session FROM bar_cache_ranges "
                                        "WHERE symbol = ?1 AND feed = ?2 AND adjustment = ?3"));
  range.bind(1, symbol).bind(2, feed).bind(3, adjustment);
  STRATUS_ASSIGN_OR_RETURN(const bool found, range.step());
  if (!found) return std::optional<CoveredBars>{};
  CoveredBars out;
  auto first = parse_date(range.column_text(0));
  auto last = parse_date(range.column_text(1));
  if (!first.ok() || !last.ok()) {
    return Error::internal("unreadable covered range for " + std::string(symbol), db_->path());
  }
  out.first = *first;
  out.last = *last;
  STRATUS_ASSIGN_OR_RETURN(
      Statement bars,
      db_->prepare("SELECT session, open, high, low, close, volume FROM bar_cache_bars "
                   "WHERE symbol = ?1 AND feed = ?2 AND adjustment = ?3 ORDER BY session"));
  bars.bind(1, symbol).bind(2, feed).bind(3, adjustment);
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(const bool row, bars.step());
    if (!row) break;
    auto session = parse_date(bars.column_text(0));
    if (!session.ok()) {
      return Error::internal(
          "unreadable session \"" + bars.column_text(0) + "\" for " + std::string(symbol),
          db_->path());
    }
    DailyBar bar;
    bar.session = *session;
    bar.open = money_of(bars.column_optional_int64(1));
    bar.high = money_of(bars.column_optional_int64(2));
    bar.low = money_of(bars.column_optional_int64(3));
    bar.close = Money::from_units(bars.column_int64(4));
    bar.volume = bars.column_int64(5);
    out.bars.push_back(bar);
  }
  return std::optional<CoveredBars>{std::move(out)};
}

Status BarCache::store(std::string_view feed, std::string_view adjustment,
                       const std::vector<Entry>& entries) {
  if (entries.empty()) return {};
  STRATUS_ASSIGN_OR_RETURN(Transaction tx, db_->begin_immediate());
  STRATUS_ASSIGN_OR_RETURN(
      Statement covered,
      db_->prepare("SELECT 1 FROM bar_cache_ranges WHERE symbol = ?1 AND feed = ?2 AND "
                   "adjustment = ?3 AND first_session <= ?4 AND last_session >= ?5"));
  STRATUS_ASSIGN_OR_RETURN(Statement drop_bars,
                           db_->prepare("DELETE FROM bar_cache_bars WHERE symbol = ?1 AND "
                                        "feed = ?2 AND adjustment = ?3"));
  STRATUS_ASSIGN_OR_RETURN(
      Statement put_range,
      db_->prepare("INSERT OR REPLACE INTO bar_cache_ranges (symbol, feed, adjustment, "
                   "first_session, last_session, stored_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  STRATUS_ASSIGN_OR_RETURN(
      Statement put_bar,
      db_->prepare("INSERT INTO bar_cache_bars (symbol, feed, adjustment, session, open, high, "
                   "low, close, volume) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  const std::string now = format_utc_timestamp(clock_.now());
  for (const Entry& entry : entries) {
    const std::string first = format_date(entry.covered.first);
    const std::string last = format_date(entry.covered.last);
    covered.reset();
    covered.bind(1, entry.symbol).bind(2, feed).bind(3, adjustment).bind(4, first).bind(5, last);
    STRATUS_ASSIGN_OR_RETURN(const bool already, covered.step());
    covered.reset();
    if (already) continue;
    drop_bars.reset();
    drop_bars.bind(1, entry.symbol).bind(2, feed).bind(3, adjustment);
    STRATUS_RETURN_IF_ERROR(drop_bars.run());
    put_range.reset();
    put_range.bind(1, entry.symbol)
        .bind(2, feed)
        .bind(3, adjustment)
        .bind(4, first)
        .bind(5, last)
        .bind(6, now);
    STRATUS_RETURN_IF_ERROR(put_range.run());
    for (const DailyBar& bar : entry.covered.bars) {
      put_bar.reset();
      put_bar.bind(1, entry.symbol)
          .bind(2, feed)
          .bind(3, adjustment)
          .bind(4, format_date(bar.session))
          .bind(5, units_of(bar.open))
          .bind(6, units_of(bar.high))
          .bind(7, units_of(bar.low))
          .bind(8, bar.close.units())
          .bind(9, bar.volume);
      STRATUS_RETURN_IF_ERROR(put_bar.run());
    }
  }
  return tx.commit();
}

}  // namespace stratus
