// Reading Alpaca Market Data v2 answers: a page of GET /v2/stocks/bars (multi-symbol daily bars)
// and GET /v2/stocks/trades/latest. Shapes from the Market Data API spec
// (shared/data/alpaca-api/market-data-api.json, schemas stock_bars_resp, stock_bar,
// stock_latest_trades_resp, stock_trade). Every field read is checked; a bad one is an
// InvalidInput error naming the symbol, the field and the value. Never throws.
//
// Prices arrive as JSON numbers (doubles). Each is turned into Money through the shortest decimal
// text that reads back as the same double (for a price sent with at most 15 significant digits
// that is exactly the text Alpaca sent), rounded half away from zero to Money's four places.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/bar.h"
#include "domain/result.h"
#include "ports/market_data.h"

namespace stratus {

// One page of /v2/stocks/bars.
struct AlpacaBarsPage {
  // The bars of each symbol on this page, in the order the page lists them (one symbol may
  // continue on the next page).
  std::map<std::string, std::vector<DailyBar>, std::less<>> bars;
  // The token of the next page; nullopt on the last page.
  std::optional<std::string> next_page_token;
};

// A JSON number as Money (see the file comment). InvalidInput (naming `field` and the value) when
// `value` is not a number or does not fit.
Result<Money> money_from_number(const nlohmann::json& value, std::string_view field);

// One bar object of symbol `symbol` (named in errors): `t` an RFC 3339 UTC time whose New York
// date is the session; `o`, `h`, `l`, `c` positive numbers; `v` a non-negative integer (a
// non-negative number with a fraction, as split-adjusted volumes can be, is rounded to the nearest
// share). Other fields (n, vw) are ignored.
Result<DailyBar> parse_alpaca_daily_bar(const nlohmann::json& bar, std::string_view symbol);

// A whole /v2/stocks/bars answer body: {"bars": {SYMBOL: [bar...]}, "next_page_token": string or
// null}. "bars" null (or a symbol's list null) reads as no bars. Within a symbol the sessions must
// strictly increase. InvalidInput naming the field otherwise.
Result<AlpacaBarsPage> parse_alpaca_bars_page(std::string_view body);

// A whole /v2/stocks/trades/latest answer body: {"trades": {SYMBOL: {"p": number, "t": time,
// ...}}}: the price (positive) and the time, truncated to the second, of each symbol listed.
Result<std::map<std::string, LatestTrade, std::less<>>> parse_alpaca_latest_trades(
    std::string_view body);

}  // namespace stratus
