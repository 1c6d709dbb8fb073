#include "functions/market_check.h"

#include <gtest/gtest.h>

#include "adapters/calendar/weekday_calendar.h"
#include "adapters/calendar/xnys_calendar.h"
#include "functions/test_world.h"

namespace stratus {
namespace {

using testing::envelope;
using testing::run_ok;

class MarketCheckTest : public ::testing::Test {
 protected:
  MarketConfig config;
  WeekdayCalendar calendar;
  MarketCheck step{config, calendar};
};

TEST_F(MarketCheckTest, InsideTheWindowOnASessionTrades) {
  Json out = run_ok(step, envelope("2015-08-24T19:45:00Z"));
  EXPECT_FALSE(out.contains("skipped"));
  EXPECT_EQ(out["market"]["status"], "open");
  EXPECT_EQ(out["market"]["session"], "2015-08-24");
  EXPECT_EQ(out["market"]["close"], "2015-08-24T20:00:00Z");
  EXPECT_EQ(out["market"]["window_start"], "2015-08-24T19:40:00Z");
  EXPECT_TRUE(out["market"]["in_window"]);
  EXPECT_FALSE(out["market"]["holidays_checked"]);
  EXPECT_NE(out["market"]["note"].get<std::string>().find("holidays not checked"),
            std::string::npos);
}

TEST_F(MarketCheckTest, WeekendIsSkipped) {
  Json out = run_ok(step, envelope("2015-08-22T19:45:00Z"));
  EXPECT_EQ(out["skipped"]["step"], "market-check");
  EXPECT_EQ(out["skipped"]["reason"], "market closed: weekend");
  EXPECT_EQ(out["market"]["status"], "closed");
}

TEST_F(MarketCheckTest, SaturdayEveningUtcIsStillSaturdayInNewYork) {
  // 2015-08-23T02:00Z is Saturday 22:00 in New York; 2015-08-24T03:00Z is Sunday 23:00.
  EXPECT_EQ(run_ok(step, envelope("2015-08-24T03:00:00Z"))["market"]["date"], "2015-08-23");
}

TEST_F(MarketCheckTest, BeforeOpenAfterCloseAndOutsideTheWindowAreSkipped) {
  Json before = run_ok(step, envelope("2015-08-24T13:00:00Z"));
  EXPECT_EQ(before["market"]["status"], "before_open");
  EXPECT_TRUE(before.contains("skipped"));
  Json after = run_ok(step, envelope("2015-08-24T20:00:00Z"));  // exactly the close
  EXPECT_EQ(after["market"]["status"], "after_close");
  Json midday = run_ok(step, envelope("2015-08-24T16:45:00Z"));
  EXPECT_EQ(midday["market"]["status"], "open");
  EXPECT_FALSE(midday["market"]["in_window"]);
  EXPECT_NE(midday["skipped"]["reason"].get<std::string>().find("outside the trading window"),
            std::string::npos);
}

TEST_F(MarketCheckTest, WindowStartIsInclusive) {
  Json out = run_ok(step, envelope("2015-08-24T19:40:00Z"));
  EXPECT_FALSE(out.contains("skipped"));
  out = run_ok(step, envelope("2015-08-24T19:39:59Z"));
  EXPECT_TRUE(out.contains("skipped"));
}

TEST_F(MarketCheckTest, WindowFollowsDaylightSaving) {
  // After the November change the close is 21:00Z; 15:45 New York is 20:45Z.
  Json out = run_ok(step, envelope("2015-11-02T20:45:00Z"));
  EXPECT_FALSE(out.contains("skipped"));
  EXPECT_EQ(out["market"]["close"], "2015-11-02T21:00:00Z");
  // 19:45Z on that day is 14:45 New York: outside the window.
  EXPECT_TRUE(run_ok(step, envelope("2015-11-02T19:45:00Z")).contains("skipped"));
}

TEST_F(MarketCheckTest, MalformedEnvelopesNameTheField) {
  struct Case {
    Json doc;
    const char* expected;
  };
  const Case cases[] = {
      {Json::array(), "JSON object"},
      {{{"run", {{"id", "x"}, {"profile", "dev"}, {"at", "2015-08-24T19:45:00Z"}}}}, "/version"},
      {{{"version", 2}, {"run", {{"id", "x"}, {"profile", "dev"}, {"at", "x"}}}}, "version"},
      {{{"version", 1}, {"run", {{"id", "x"}, {"profile", "dev"}}}}, "/run/at"},
      {{{"version", 1}, {"run", {{"id", "x"}, {"profile", "dev"}, {"at", "2015-08-24 19:45"}}}},
       "/run/at = \"2015-08-24 19:45\""},
      {{{"version", 1}, {"run", {{"id", 7}, {"profile", "dev"}, {"at", "2015-08-24T19:45:00Z"}}}},
       "/run/id = 7"},
  };
  for (const Case& c : cases) {
    auto r = step.run(c.doc);
    ASSERT_FALSE(r.ok()) << c.doc.dump();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos) << r.error().message;
  }
}

TEST_F(MarketCheckTest, AlreadySkippedDocumentsPassThrough) {
  Json doc = envelope("2015-08-24T19:45:00Z");
  doc["skipped"] = {{"step", "x"}, {"reason", "y"}};
  EXPECT_EQ(run_ok(step, doc), doc);
}

}  // namespace
}  // namespace stratus

namespace stratus {
namespace {

// With the NYSE calendar, a schedule firing at 12:45 and 15:45 New York time trades exactly
// once per session: at 15:45 on a full day, at 12:45 before a 13:00 early close.
TEST(MarketCheckXnys, ScheduleAt1245And1545TradesOncePerSessionIncludingEarlyCloses) {
  MarketConfig config;  // window: the last 20 minutes before the close
  XnysCalendar calendar;
  MarketCheck step(config, calendar);
  auto trades = [&](const char* date, int hh, int mm) {
    const Timestamp at = new_york_instant(*parse_date(date), TimeOfDay{hh * 60 + mm});
    Json out = run_ok(step, envelope(format_utc_timestamp(at).c_str()));
    return !out.contains("skipped");
  };
  // 2024-07-03: early close 13:00 (EDT). 2024-07-05: a full day.
  EXPECT_TRUE(trades("2024-07-03", 12, 45));
  EXPECT_FALSE(trades("2024-07-03", 15, 45));
  EXPECT_FALSE(trades("2024-07-05", 12, 45));
  EXPECT_TRUE(trades("2024-07-05", 15, 45));
  // 2015-11-27, the day after Thanksgiving (EST): early close.
  EXPECT_TRUE(trades("2015-11-27", 12, 45));
  EXPECT_FALSE(trades("2015-11-27", 15, 45));
  // Holidays trade at neither time, and say why.
  EXPECT_FALSE(trades("2015-11-26", 12, 45));
  EXPECT_FALSE(trades("2015-11-26", 15, 45));
}

TEST(MarketCheckXnys, HolidaysAndEarlyClosesAreReported) {
  MarketConfig config;
  XnysCalendar calendar;
  MarketCheck step(config, calendar);
  Json holiday = run_ok(step, envelope("2015-11-26T20:45:00Z"));
  EXPECT_EQ(holiday["skipped"]["reason"], "market closed: holiday: Thanksgiving Day");
  EXPECT_TRUE(holiday["market"]["holidays_checked"]);
  EXPECT_FALSE(holiday["market"].contains("note"));
  Json early = run_ok(step, envelope("2015-11-27T17:45:00Z"));
  EXPECT_TRUE(early["market"]["early_close"]);
  EXPECT_EQ(early["market"]["close"], "2015-11-27T18:00:00Z");
  EXPECT_FALSE(early.contains("skipped"));
}

// A second opinion whose answers the test sets: the exchange calendar's own view of a date
// unless told otherwise, or an error.
class TableWitness final : public CalendarWitness {
 public:
  explicit TableWitness(const MarketCalendar& calendar) : calendar_(calendar) {}
  std::string_view name() const override { return "witness"; }
  Result<WitnessedDay> day(Date date) override {
    ++asked;
    if (failure) return *failure;
    if (override_day) return *override_day;
    STRATUS_ASSIGN_OR_RETURN(const MarketDay d, calendar_.day(date));
    return WitnessedDay{d.date, d.is_session, d.open, d.close};
  }
  std::optional<Error> failure;
  std::optional<WitnessedDay> override_day;
  int asked = 0;

 private:
  const MarketCalendar& calendar_;
};

class MarketCrossCheckTest : public ::testing::Test {
 protected:
  MarketConfig config;
  XnysCalendar calendar;
  TableWitness witness{calendar};
  MarketCheck step{config, calendar, &witness};
};

TEST_F(MarketCrossCheckTest, AnAgreeingWitnessLetsTheRunTrade) {
  // 2024-07-03 closes early at 13:00; both calendars say so.
  Json out = run_ok(step, envelope("2024-07-03T16:45:00Z"));
  EXPECT_FALSE(out.contains("skipped"));
  EXPECT_EQ(out["market"]["cross_check"]["source"], "witness");
  EXPECT_EQ(out["market"]["cross_check"]["status"], "agrees");
}

TEST_F(MarketCrossCheckTest, OnlyARunThatMayTradeAsksTheWitness) {
  (void)run_ok(step, envelope("2024-07-04T16:45:00Z"));  // Independence Day.
  (void)run_ok(step, envelope("2024-07-03T15:00:00Z"));  // Before the window.
  EXPECT_EQ(witness.asked, 0);
}

TEST_F(MarketCrossCheckTest, ADifferentCloseStopsTheRun) {
  // The witness thinks 2024-07-03 closes at 16:00: the 15:45 run would trade after a 13:00 close
  // by one calendar and inside the window by the other.
  witness.override_day =
      WitnessedDay{*parse_date("2024-07-03"), true, testing::utc("2024-07-03T13:30:00Z"),
                   testing::utc("2024-07-03T20:00:00Z")};
  auto out = step.run(envelope("2024-07-03T16:45:00Z"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kConflict);
  const std::string message = out.error().to_string();
  EXPECT_NE(message.find("calendar cross-check failed for 2024-07-03"), std::string::npos)
      << message;
  EXPECT_NE(message.find("2024-07-03T20:00:00Z"), std::string::npos) << message;
  EXPECT_NE(message.find("2024-07-03T17:00:00Z"), std::string::npos) << message;
}

TEST_F(MarketCrossCheckTest, AWitnessThatSeesNoSessionStopsTheRun) {
  witness.override_day = WitnessedDay{*parse_date("2024-07-03"), false, {}, {}};
  auto out = step.run(envelope("2024-07-03T16:45:00Z"));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().to_string().find("lists no session on 2024-07-03"), std::string::npos);
}

TEST_F(MarketCrossCheckTest, AWitnessThatRefusesUsFailsTheRun) {
  witness.failure = Error::rejected("HTTP 401: request is not authorized", "alpaca");
  auto out = step.run(envelope("2024-07-03T16:45:00Z"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kRejected);
  EXPECT_NE(out.error().to_string().find("calendar cross-check"), std::string::npos);
}

TEST_F(MarketCrossCheckTest, AnUnreachableWitnessIsNotedAndTheExchangeCalendarDecides) {
  witness.failure = Error::unavailable("connection refused", "alpaca GET /v2/calendar");
  Json out = run_ok(step, envelope("2024-07-03T16:45:00Z"));
  EXPECT_FALSE(out.contains("skipped"));
  EXPECT_EQ(out["market"]["cross_check"]["status"], "unavailable");
  EXPECT_EQ(out["market"]["cross_check"]["error"]["code"], "Unavailable");
}

}  // namespace
}  // namespace stratus
