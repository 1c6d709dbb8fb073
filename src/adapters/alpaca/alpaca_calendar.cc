#include "adapters/alpaca/alpaca_calendar.h"

#include "adapters/alpaca/alpaca_data_request.h"
#include "adapters/alpaca/json_fields.h"

namespace stratus {
namespace {

constexpr const char* kCalendarPath = "/v2/calendar";

Result<WitnessedDay> read_entry(const Json& entry) {
  if (!entry.is_object()) {
    return Error::invalid_input("entry " + entry.dump() + ": expected an object");
  }
  STRATUS_ASSIGN_OR_RETURN(const std::string date_text, string_field(entry, "date"));
  STRATUS_ASSIGN_OR_RETURN(const std::string open_text, string_field(entry, "open"));
  STRATUS_ASSIGN_OR_RETURN(const std::string close_text, string_field(entry, "close"));
  auto date = parse_date(date_text);
  if (!date.ok()) return date.error().within("field date");
  auto open = parse_time_of_day(open_text);
  if (!open.ok()) return open.error().within("field open");
  auto close = parse_time_of_day(close_text);
  if (!close.ok()) return close.error().within("field close");
  WitnessedDay day;
  day.date = *date;
  day.is_session = true;
  day.open = new_york_instant(*date, *open);
  day.close = new_york_instant(*date, *close);
  if (day.close <= day.open) {
    return Error::invalid_input("close \"" + close_text + "\" is not after open \"" + open_text +
                                "\" on " + date_text);
  }
  return day;
}

}  // namespace

Result<std::vector<WitnessedDay>> parse_alpaca_calendar(std::string_view body) {
  STRATUS_ASSIGN_OR_RETURN(const Json answer, parse_json_answer(body, "array"));
  std::vector<WitnessedDay> days;
  days.reserve(answer.size());
  for (std::size_t i = 0; i < answer.size(); ++i) {
    auto day = read_entry(answer[i]);
    if (!day.ok()) return day.error().within("calendar entry " + std::to_string(i));
    days.push_back(*day);
  }
  return days;
}

Result<WitnessedDay> AlpacaCalendar::day(Date date) {
  const std::string path =
      std::string(kCalendarPath) + "?start=" + format_date(date) + "&end=" + format_date(date);
  STRATUS_ASSIGN_OR_RETURN(const HttpResponse response, alpaca_data_get(http_, endpoint_, path));
  auto days = parse_alpaca_calendar(response.body);
  if (!days.ok()) return days.error().within(alpaca_get_context(path));
  for (const WitnessedDay& d : *days) {
    if (d.date != date) {
      return Error::invalid_input("the answer lists " + format_date(d.date) + " when asked for " +
                                      format_date(date) + " only",
                                  alpaca_get_context(path));
    }
    return d;
  }
  WitnessedDay closed;
  closed.date = date;
  return closed;
}

}  // namespace stratus
