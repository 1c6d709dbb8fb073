#include "adapters/alpaca/alpaca_bars.h"

#include <charconv>
#include <cmath>

#include "adapters/alpaca/json_fields.h"
#include "domain/time.h"

namespace stratus {
namespace {

Error bad(std::string_view symbol, std::string_view field, const Json& value,
          std::string_view expected) {
  return Error::invalid_input(std::string(symbol) + ": field \"" + std::string(field) +
                              "\" = " + shown(value) + ": expected " + std::string(expected));
}

Error missing(std::string_view symbol, std::string_view field, std::string_view expected) {
  return Error::invalid_input(std::string(symbol) + ": field \"" + std::string(field) +
                              "\" is missing: expected " + std::string(expected));
}

constexpr std::string_view kPrice = "a positive number (a price)";
constexpr std::string_view kVolume = "a non-negative integer (a volume)";
constexpr std::string_view kTime = "an RFC 3339 UTC time like \"2024-01-03T05:00:00Z\"";

Result<Money> positive_price(const Json& object, std::string_view symbol, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return missing(symbol, field, kPrice);
  auto money = money_from_number(*it, field);
  if (!money.ok() || !money->is_positive()) return bad(symbol, field, *it, kPrice);
  return *money;
}

Result<Timestamp> time_of(const Json& object, std::string_view symbol, std::string_view field) {
  auto it = object.find(field);
  if (it == object.end() || it->is_null()) return missing(symbol, field, kTime);
  if (!it->is_string()) return bad(symbol, field, *it, kTime);
  auto t = parse_utc_timestamp(it->get<std::string>());
  if (!t.ok()) return bad(symbol, field, *it, kTime);
  return *t;
}

}  // namespace

Result<Money> money_from_number(const Json& value, std::string_view field) {
  const std::string expected = "field \"" + std::string(field) + "\" = " + shown(value) +
                               ": expected a number with at most 4 decimal places that fits";
  if (value.is_number_integer()) {
    // Signed or unsigned: read through the text, so a huge value is an error, not a wrap.
    auto money = Money::parse_rounded(value.dump());
    if (!money.ok()) return Error::invalid_input(expected);
    return *money;
  }
  if (!value.is_number_float()) {
    return Error::invalid_input("field \"" + std::string(field) + "\" = " + shown(value) +
                                ": expected a number");
  }
  const double d = value.get<double>();
  if (!std::isfinite(d) || std::fabs(d) > 9e14) return Error::invalid_input(expected);
  char text[64];
  // Fixed notation, shortest text that reads back as `d` (no exponent for |d| <= 9e14).
  const auto [end, ec] = std::to_chars(text, text + sizeof text, d, std::chars_format::fixed);
  if (ec != std::errc()) return Error::invalid_input(expected);
  auto money = Money::parse_rounded(std::string_view(text, static_cast<std::size_t>(end - text)));
  if (!money.ok()) return Error::invalid_input(expected);
  return *money;
}

Result<DailyBar> parse_alpaca_daily_bar(const Json& bar, std::string_view symbol) {
  if (!bar.is_object()) {
    return Error::invalid_input(std::string(symbol) + ": a bar = " + shown(bar) +
                                ": expected an object with t, o, h, l, c, v");
  }
  DailyBar out;
  STRATUS_ASSIGN_OR_RETURN(const Timestamp t, time_of(bar, symbol, "t"));
  out.session = new_york_date(t);
  STRATUS_ASSIGN_OR_RETURN(out.open, positive_price(bar, symbol, "o"));
  STRATUS_ASSIGN_OR_RETURN(out.high, positive_price(bar, symbol, "h"));
  STRATUS_ASSIGN_OR_RETURN(out.low, positive_price(bar, symbol, "l"));
  STRATUS_ASSIGN_OR_RETURN(out.close, positive_price(bar, symbol, "c"));
  auto v = bar.find("v");
  if (v == bar.end() || v->is_null()) return missing(symbol, "v", kVolume);
  if (v->is_number_unsigned()) {
    if (v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      return bad(symbol, "v", *v, kVolume);
    }
    out.volume = static_cast<std::int64_t>(v->get<std::uint64_t>());
  } else if (v->is_number_integer()) {
    if (v->get<std::int64_t>() < 0) return bad(symbol, "v", *v, kVolume);
    out.volume = v->get<std::int64_t>();
  } else if (v->is_number_float()) {
    const double d = v->get<double>();
    if (!std::isfinite(d) || d < 0 || d > 9e18) return bad(symbol, "v", *v, kVolume);
    out.volume = std::llround(d);
  } else {
    return bad(symbol, "v", *v, kVolume);
  }
  return out;
}

Result<AlpacaBarsPage> parse_alpaca_bars_page(std::string_view body) {
  STRATUS_ASSIGN_OR_RETURN(const Json answer, parse_json_answer(body, "object"));
  AlpacaBarsPage page;
  auto bars = answer.find("bars");
  if (bars == answer.end()) {
    return Error::invalid_input(
        "field \"bars\" is missing: expected an object of bar lists by symbol");
  }
  if (!bars->is_null() && !bars->is_object()) {
    return Error::invalid_input("field \"bars\" = " + shown(*bars) +
                                ": expected an object of bar lists by symbol");
  }
  if (bars->is_object()) {
    for (const auto& [symbol, list] : bars->items()) {
      std::vector<DailyBar>& out = page.bars[symbol];
      if (list.is_null()) continue;
      if (!list.is_array()) {
        return Error::invalid_input("field \"bars\"." + symbol + " = " + shown(list) +
                                    ": expected a list of bars");
      }
      for (const Json& item : list) {
        STRATUS_ASSIGN_OR_RETURN(DailyBar bar, parse_alpaca_daily_bar(item, symbol));
        if (!out.empty() && bar.session <= out.back().session) {
          return Error::invalid_input(
              symbol + ": field \"t\" = " + shown(item["t"]) + ": expected a session after " +
              format_date(out.back().session) + " (bars in ascending order, one per session)");
        }
        out.push_back(bar);
      }
    }
  }
  auto token = answer.find("next_page_token");
  if (token == answer.end()) {
    return Error::invalid_input("field \"next_page_token\" is missing: expected a string or null");
  }
  if (token->is_string() && !token->get<std::string>().empty()) {
    page.next_page_token = token->get<std::string>();
  } else if (!token->is_null()) {
    return Error::invalid_input("field \"next_page_token\" = " + shown(*token) +
                                ": expected a non-empty string or null");
  }
  return page;
}

Result<std::map<std::string, LatestTrade, std::less<>>> parse_alpaca_latest_trades(
    std::string_view body) {
  STRATUS_ASSIGN_OR_RETURN(const Json answer, parse_json_answer(body, "object"));
  auto trades = answer.find("trades");
  if (trades == answer.end() || !trades->is_object()) {
    return Error::invalid_input(
        trades == answer.end()
            ? std::string("field \"trades\" is missing: expected an object of trades by symbol")
            : "field \"trades\" = " + shown(*trades) + ": expected an object of trades by symbol");
  }
  std::map<std::string, LatestTrade, std::less<>> out;
  for (const auto& [symbol, trade] : trades->items()) {
    if (!trade.is_object()) {
      return Error::invalid_input(symbol + ": a trade = " + shown(trade) +
                                  ": expected an object with p and t");
    }
    LatestTrade t;
    STRATUS_ASSIGN_OR_RETURN(t.price, positive_price(trade, symbol, "p"));
    STRATUS_ASSIGN_OR_RETURN(t.at, time_of(trade, symbol, "t"));
    out.emplace(symbol, t);
  }
  return out;
}

}  // namespace stratus
