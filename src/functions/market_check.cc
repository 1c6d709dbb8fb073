#include "functions/market_check.h"

#include "functions/document.h"

namespace stratus {

Result<Json> MarketCheck::run(const Json& doc) {
  STRATUS_RETURN_IF_ERROR(check_envelope(doc));
  if (is_skipped(doc)) return doc;
  STRATUS_ASSIGN_OR_RETURN(const Timestamp at, run_at(doc));

  const Date local_date = new_york_date(at);
  STRATUS_ASSIGN_OR_RETURN(const MarketDay day, calendar_.day(local_date));

  Json out = doc;
  Json& market = out["market"];
  market = {{"calendar", calendar_.name()},
            {"holidays_checked", calendar_.knows_holidays()},
            {"date", format_date(local_date)},
            {"is_session", day.is_session}};
  if (!calendar_.knows_holidays()) {
    market["note"] = "holidays not checked: the '" + std::string(calendar_.name()) +
                     "' calendar knows weekends only";
  }
  if (!day.is_session) {
    market["status"] = "closed";
    mark_skipped(out, name(), "market closed: " + day.closed_reason);
    return out;
  }

  const Timestamp window_start =
      day.close - std::chrono::minutes{config_.window_minutes_before_close};
  const bool in_window = window_start <= at && at < day.close;
  market["session"] = format_date(day.date);
  market["open"] = format_utc_timestamp(day.open);
  market["close"] = format_utc_timestamp(day.close);
  market["early_close"] = day.early_close;
  market["window_start"] = format_utc_timestamp(window_start);
  market["in_window"] = in_window;

  if (at < day.open) {
    market["status"] = "before_open";
    mark_skipped(out, name(), "market not open yet: opens at " + format_utc_timestamp(day.open));
  } else if (at >= day.close) {
    market["status"] = "after_close";
    mark_skipped(out, name(), "market closed for the day at " + format_utc_timestamp(day.close));
  } else if (!in_window) {
    market["status"] = "open";
    mark_skipped(
        out, name(),
        "outside the trading window: trades only from " + format_utc_timestamp(window_start) +
            " (" + std::to_string(config_.window_minutes_before_close) + " min before the close)");
  } else {
    market["status"] = "open";
    STRATUS_RETURN_IF_ERROR(cross_check(day, market));
  }
  return out;
}

Status MarketCheck::cross_check(const MarketDay& day, Json& market) {
  if (witness_ == nullptr) return {};
  Json& check = market["cross_check"];
  check = {{"source", witness_->name()}};
  auto seen = witness_->day(day.date);
  if (!seen.ok() && seen.error().code != ErrorCode::kUnavailable) {
    // Refused keys, a bad endpoint, an unreadable answer: a setup to fix, not an outage.
    return seen.error().within("calendar cross-check");
  }
  if (!seen.ok()) {
    check["status"] = "unavailable";
    check["error"] = {{"code", error_code_name(seen.error().code)},
                      {"message", seen.error().to_string()}};
    return {};
  }
  std::string difference;
  if (!seen->is_session) {
    difference = "it lists no session on " + format_date(day.date);
  } else if (seen->open != day.open || seen->close != day.close) {
    difference = "it says " + format_utc_timestamp(seen->open) + " to " +
                 format_utc_timestamp(seen->close) + ", the " + std::string(calendar_.name()) +
                 " calendar says " + format_utc_timestamp(day.open) + " to " +
                 format_utc_timestamp(day.close);
  }
  if (difference.empty()) {
    check["status"] = "agrees";
    return {};
  }
  check["status"] = "disagrees";
  return Error::conflict("calendar cross-check failed for " + format_date(day.date) + ": " +
                             std::string(witness_->name()) + " disagrees (" + difference +
                             "); not trading on a guess",
                         "market-check");
}

}  // namespace stratus
