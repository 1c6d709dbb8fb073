#include "adapters/alpaca/alpaca_calendar.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

Timestamp utc(const char* text) { return *parse_utc_timestamp(text); }

TEST(AlpacaCalendarParse, ReadsSessionsInNewYorkTimeAcrossDaylightSaving) {
  // The shape of the spec's legacy_calendar_day (trading-api.json), with an early close.
  const auto days = parse_alpaca_calendar(R"([
    {"date":"2024-07-03","open":"09:30","close":"13:00","session_open":"0400",
     "session_close":"1700","settlement_date":"2024-07-05"},
    {"date":"2024-12-02","open":"09:30","close":"16:00","session_open":"0400",
     "session_close":"2000","settlement_date":"2024-12-03"}])");
  ASSERT_TRUE(days.ok()) << days.error().to_string();
  ASSERT_EQ(days->size(), 2u);
  EXPECT_TRUE((*days)[0].is_session);
  EXPECT_EQ((*days)[0].open, utc("2024-07-03T13:30:00Z"));
  EXPECT_EQ((*days)[0].close, utc("2024-07-03T17:00:00Z"));
  EXPECT_EQ((*days)[1].open, utc("2024-12-02T14:30:00Z"));
  EXPECT_EQ((*days)[1].close, utc("2024-12-02T21:00:00Z"));
}

TEST(AlpacaCalendarParse, NamesTheEntryAndFieldThatCannotBeRead) {
  struct Case {
    const char* body;
    const char* expected;
  };
  for (const Case& c : {
           Case{R"({"date":"2024-07-03"})", "not a JSON array"},
           Case{R"([{"date":"2024-07-03","open":"09:30"}])", "calendar entry 0"},
           Case{R"([{"date":"2024-07-03","open":"09:30","close":"16:00"},
                   {"date":"2024-13-03","open":"09:30","close":"16:00"}])",
                "calendar entry 1"},
           Case{R"([{"date":"2024-07-03","open":"9h30","close":"16:00"}])", "field open"},
           Case{R"([{"date":"2024-07-03","open":"16:00","close":"09:30"}])", "is not after open"},
       }) {
    const auto days = parse_alpaca_calendar(c.body);
    ASSERT_FALSE(days.ok()) << c.body;
    EXPECT_EQ(days.error().code, ErrorCode::kInvalidInput);
    EXPECT_NE(days.error().to_string().find(c.expected), std::string::npos)
        << days.error().to_string();
  }
}

TEST(AlpacaCalendarParse, AnEmptyListIsNoSession) {
  const auto days = parse_alpaca_calendar("[]");
  ASSERT_TRUE(days.ok());
  EXPECT_TRUE(days->empty());
}

}  // namespace
}  // namespace stratus
