// The calendar and clock endpoints of the fake Alpaca's Trading API, as the spec describes them
// (shared/data/alpaca-api/trading-api.json: LegacyCalendar, LegacyClock):
//   GET /v2/calendar?start=&end=&date_type=TRADING  -> [{date, open "HH:MM", close "HH:MM",
//       session_open "HHMM", session_close "HHMM", settlement_date}] for each trading date
//       (default range: all it knows, 1990-2028); a bad parameter -> 400 {"code", "message"}.
//   GET /v2/clock -> {timestamp, is_open, next_open, next_close}, RFC 3339 with the New York
//       offset (the spec's example: "2025-06-24T16:00:00-04:00"), from the fake's clock.
#include <date/tz.h>
#include <fmt/format.h>

#include <string>

#include "domain/time.h"
#include "fakes/alpaca/route_guard.h"
#include "fakes/alpaca/routes.h"

namespace stratus::fakes {
namespace {

using Json = nlohmann::json;

constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2028;

ApiError bad_request(std::string message) { return {400, 40010001, std::move(message)}; }

std::string hhmm(TimeOfDay t, bool colon) {
  const std::string text = format_time_of_day(t);  // "HH:MM"
  return colon ? text : text.substr(0, 2) + text.substr(3, 2);
}

// "2025-06-24T16:00:00-04:00": `t` in New York time with its offset.
std::string new_york_rfc3339(Timestamp t) {
  const auto zoned = date::zoned_time<std::chrono::seconds>("America/New_York", t);
  const auto info = zoned.get_info();
  const int minutes =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
  const int magnitude = minutes < 0 ? -minutes : minutes;  // At most a day.
  const std::string suffix =
      fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', magnitude / 60 % 24, magnitude % 60);
  return date::format("%Y-%m-%dT%H:%M:%S", zoned.get_local_time()) + suffix;
}

// A date parameter: "YYYY-MM-DD", or the date part of an RFC 3339 time.
std::optional<Date> date_param(const httplib::Request& req, const char* name, Date fallback,
                               ApiError* error) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  auto date = parse_date(text.substr(0, 10));
  if (!date.ok() || (text.size() > 10 && text[10] != 'T')) {
    *error = bad_request("invalid " + std::string(name) + " \"" + text +
                         "\": expected YYYY-MM-DD or RFC-3339");
    return std::nullopt;
  }
  return *date;
}

void calendar(FakeAlpaca& fake, const httplib::Request& req, httplib::Response& res) {
  using std::chrono::year;
  const Date first = std::chrono::sys_days{year{kFirstYear} / 1 / 1};
  const Date last = std::chrono::sys_days{year{kLastYear} / 12 / 31};
  ApiError error;
  const auto start = date_param(req, "start", first, &error);
  if (!start) return reply_api_error(res, error);
  const auto end = date_param(req, "end", last, &error);
  if (!end) return reply_api_error(res, error);
  if (req.has_param("date_type")) {
    const std::string type = req.get_param_value("date_type");
    if (type != "TRADING" && type != "SETTLEMENT") {
      return reply_api_error(
          res, bad_request("invalid date_type \"" + type + "\": expected TRADING or SETTLEMENT"));
    }
    if (type == "SETTLEMENT") {
      return reply_api_error(
          res, bad_request("the fake Alpaca serves date_type TRADING only, not SETTLEMENT"));
    }
  }
  Json days = Json::array();
  const FakeCalendar& cal = fake.calendar();
  for (const FakeSession& s : cal.sessions(std::max(*start, first), std::min(*end, last))) {
    days.push_back({{"date", format_date(s.date)},
                    {"open", hhmm(s.open, true)},
                    {"close", hhmm(s.close, true)},
                    {"session_open", "0400"},
                    {"session_close", s.close < TimeOfDay{16 * 60} ? "1700" : "2000"},
                    {"settlement_date", format_date(cal.settlement_date(s.date))}});
  }
  reply_json(res, 200, days);
}

void clock(FakeAlpaca& fake, const httplib::Request&, httplib::Response& res) {
  const Timestamp now = std::chrono::floor<std::chrono::seconds>(fake.brokerage().now());
  const FakeCalendar& cal = fake.calendar();
  const Date today = new_york_date(now);
  bool is_open = false;
  std::optional<Timestamp> next_open, next_close;
  for (Date d = today; d <= today + std::chrono::days{10} && !(next_open && next_close);
       d += std::chrono::days{1}) {
    const auto s = cal.session(d);
    if (!s) continue;
    const Timestamp open = new_york_instant(d, s->open);
    const Timestamp close = new_york_instant(d, s->close);
    if (open <= now && now < close) is_open = true;
    if (!next_open && open > now) next_open = open;
    if (!next_close && close > now) next_close = close;
  }
  if (!next_open || !next_close) {
    return reply_api_error(res, ApiError{500, 50010000, "no session within 10 days"});
  }
  reply_json(res, 200,
             {{"timestamp", new_york_rfc3339(now)},
              {"is_open", is_open},
              {"next_open", new_york_rfc3339(*next_open)},
              {"next_close", new_york_rfc3339(*next_close)}});
}

}  // namespace

void add_calendar_routes(httplib::Server& server, FakeAlpaca& fake) {
  server.Get("/v2/calendar", guarded_route(fake, kGetCalendar, [&fake](const auto& req, auto& res) {
               calendar(fake, req, res);
             }));
  server.Get("/v2/clock", guarded_route(fake, kGetClock, [&fake](const auto& req, auto& res) {
               clock(fake, req, res);
             }));
}

}  // namespace stratus::fakes
