// TestWorld: a small, real world for the step tests: weekday calendar, settable clock,
// in-memory bars, and a real SQLite ledger and paper broker in a temporary directory.
// Test support only.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/calendar/weekday_calendar.h"
#include "adapters/clock/settable_clock.h"
#include "adapters/paper/paper_broker.h"
#include "adapters/sim/csv_market_data.h"
#include "adapters/sqlite/schema.h"
#include "adapters/sqlite/sqlite_ledger.h"
#include "adapters/sqlite/test_temp_dir.h"
#include "config/config.h"
#include "functions/check_limits.h"
#include "functions/step.h"

namespace stratus::testing {

inline Money money(const char* text) { return *Money::parse(text); }
inline Date date(const char* text) { return *parse_date(text); }
inline Timestamp utc(const char* text) { return *parse_utc_timestamp(text); }

// Bars on consecutive weekdays ending on `last`, one per close; high = close unless `highs`
// gives one (empty string: no high). Opens equal the previous close.
inline std::vector<DailyBar> weekday_bars(const char* last, const std::vector<std::string>& closes,
                                          const std::vector<std::string>& highs = {}) {
  std::vector<Date> days;
  for (Date d = date(last); days.size() < closes.size(); d -= std::chrono::days{1}) {
    if (!is_weekend(d)) days.insert(days.begin(), d);
  }
  std::vector<DailyBar> bars;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    DailyBar b;
    b.session = days[i];
    b.close = *Money::parse(closes[i]);
    b.open = i > 0 ? bars.back().close : b.close;
    if (i < highs.size()) {
      if (!highs[i].empty()) b.high = *Money::parse(highs[i]);
    } else {
      b.high = b.close;
    }
    b.volume = 1000;
    bars.push_back(b);
  }
  return bars;
}

// A config for small synthetic histories: window and minimum of 5 sessions.
inline Config small_config(std::vector<std::string> watchlist) {
  Config c;
  c.profile = "dev";
  c.strategy = "dip";
  c.watchlist = std::move(watchlist);
  c.evaluate.window_sessions = 5;
  c.evaluate.min_sessions = 5;
  c.evaluate.tiers = {{*Percent::parse("10"), Quantity(1)},
                      {*Percent::parse("20"), Quantity(2)},
                      {*Percent::parse("30"), Quantity(3)}};
  c.limits.monthly_share_cap = Quantity(4);
  return c;
}

// The envelope of a run at `at`.
inline Json envelope(const char* at, const char* profile = "dev") {
  return {{"version", 1},
          {"run", {{"id", std::string(at) + "/" + profile}, {"profile", profile}, {"at", at}}}};
}

class TestWorld {
 public:
  explicit TestWorld(std::map<std::string, std::vector<DailyBar>> bars,
                     const char* now = "2015-08-24T19:45:00Z")
      : clock(utc(now)) {
    auto loaded = CsvMarketData::from_bars(std::move(bars));
    EXPECT_TRUE(loaded.ok()) << (loaded.ok() ? "" : loaded.error().to_string());
    data = std::move(loaded).value();
    auto opened = open_stratus_database(dir.path() / "ledger.sqlite", clock);
    EXPECT_TRUE(opened.ok()) << (opened.ok() ? "" : opened.error().to_string());
    db = std::move(opened).value();
    ledger = std::make_unique<SqliteLedger>(*db);
    broker = std::make_unique<PaperBroker>(*db, *data, calendar, clock, PaperBrokerOptions{});
  }

  TestTempDir dir;
  SettableClock clock;
  WeekdayCalendar calendar;
  std::unique_ptr<CsvMarketData> data;
  std::unique_ptr<Database> db;
  std::unique_ptr<SqliteLedger> ledger;
  std::unique_ptr<PaperBroker> broker;
};

// The entry of `list` (signals, passed, orders) whose "symbol" is `symbol`; null when none.
inline Json find(const Json& list, const std::string& symbol) {
  for (const Json& j : list) {
    if (j["symbol"] == symbol) return j;
  }
  return nullptr;
}

// Runs `step` and fails the test on error.
inline Json run_ok(Step& step, const Json& doc) {
  auto r = step.run(doc);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  return r.ok() ? std::move(r).value() : Json{};
}

// Runs the real check-limits step on a document dated `at` (session `session`) carrying
// `signals`, so the ledger holds their reservations; returns its output (execute's input).
inline Json reserve_signals(const Config& config, Ledger& ledger, Broker& broker, const char* at,
                            const char* session, const std::vector<Json>& signals) {
  Json doc = envelope(at);
  doc["market"] = {{"session", session}};
  doc["signals"] = Json(signals);
  CheckLimits limits(config, ledger, broker);
  return run_ok(limits, doc);
}

}  // namespace stratus::testing
