// FakeMarket: the market data the fake Alpaca serves (Market Data API v2): daily bars per symbol
// and the latest trade per symbol. Bars come from a CSV file (the sp500 layout
// `date,open,high,low,close,volume,Name`, plain or gzip) or are set by a test; a split set with
// set_split() re-adjusts the history served when the query asks for split adjustment, as Alpaca
// does after a real split. Thread-safe. Test support only.
#pragma once

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "domain/bar.h"
#include "domain/result.h"
#include "domain/time.h"
#include "fakes/alpaca/api_error.h"
#include "fakes/alpaca/fake_time.h"

namespace stratus::fakes {

// What GET /v2/stocks/bars asks for, already validated by the route.
struct FakeBarsQuery {
  std::vector<std::string> symbols;  // Any order, duplicates allowed.
  FakeTime start;                    // Bars stamped in [start, end] are served.
  FakeTime end;
  int limit = 1000;             // Bars per page, across symbols.
  bool split_adjusted = false;  // adjustment includes split (or is all).
  bool ascending = true;        // sort=asc.
  std::optional<std::string> page_token;
};

// One bar as served: stamped at New York midnight of its session.
struct FakeBar {
  FakeTime t;
  DailyBar bar;
};

struct FakeBarsPage {
  // By symbol (ascending), each symbol's bars in the query's time order.
  std::vector<std::pair<std::string, std::vector<FakeBar>>> bars;
  std::optional<std::string> next_page_token;  // Opaque: base64 of "SYMBOL|YYYY-MM-DD".
};

struct FakeTrade {
  Money price;
  FakeTime at;
  int size = 100;
};

class FakeMarket {
 public:
  // Loads every symbol of the sp500-layout CSV at `path` (plain or gzip), replacing the bars of
  // those symbols. Errors: the CSV loader's (InvalidInput naming path:line).
  Status load_csv(const std::string& path);
  // Sets the bars of `symbol` (replacing any). REQUIRES: sessions strictly ascending.
  void set_bars(const std::string& symbol, std::vector<DailyBar> bars);
  // A split of `ratio` new shares per old share (2.0 for 2-for-1, 0.1 for 1-for-10) effective on
  // `date`: in split-adjusted answers, bars before `date` have prices divided by `ratio` (rounded
  // half away from zero to 4 places) and volumes multiplied by it (rounded). REQUIRES: ratio > 0.
  void set_split(const std::string& symbol, Date date, double ratio);
  void set_latest_trade(const std::string& symbol, Money price, FakeTime at);
  // Of the bars answers from now on, the one after `skip` good ones is `body` with status 200
  // instead (an unreadable answer; e.g. "<html>" or bars with a bad field). Several calls queue.
  void garble_bars_answer(int skip, std::string body);
  // The body to answer the current bars request with instead, if one is due (consumes it).
  std::optional<std::string> take_garbled_bars_answer();
  // Removes every bar, split, trade and queued garbled answer.
  void clear();

  // One page of bars for `query`: symbols ascending, then time; at most query.limit bars; the
  // token of the next page when more remain. Unknown symbols are simply absent. 400 / 40010001
  // for a page token this fake did not issue for these symbols.
  ApiResult<FakeBarsPage> bars(const FakeBarsQuery& query) const;
  // The latest trade of each of `symbols` that has one.
  std::map<std::string, FakeTrade> latest_trades(const std::vector<std::string>& symbols) const;

  // The query parameters of the last GET /v2/stocks/bars and /v2/stocks/trades/latest (as
  // received, whatever was answered), for tests that check what a client sent.
  void note_bars_params(std::map<std::string, std::string> params);
  void note_trades_params(std::map<std::string, std::string> params);
  std::map<std::string, std::string> last_bars_params() const;
  std::map<std::string, std::string> last_trades_params() const;

 private:
  struct Split {
    Date date;
    double ratio;
  };
  mutable std::mutex mu_;
  std::map<std::string, std::vector<DailyBar>> bars_;
  std::map<std::string, std::vector<Split>> splits_;
  std::map<std::string, FakeTrade> trades_;
  std::deque<std::pair<int, std::string>> garbled_;  // (good answers still to give, body)
  std::map<std::string, std::string> last_bars_params_;
  std::map<std::string, std::string> last_trades_params_;
};

}  // namespace stratus::fakes
