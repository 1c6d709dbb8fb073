// Alpaca's calendar as a second opinion, over the real HTTP client against the fake Alpaca,
// whose calendar comes from the published NYSE facts in tests/fixtures/calendars: it agrees with
// Stratus's XNYS calendar on ordinary days, holidays, early closes and unscheduled closures; a
// broker that disagrees stops market-check; one that cannot be asked does not.
#include "adapters/alpaca/alpaca_calendar.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "adapters/calendar/xnys_calendar.h"
#include "adapters/http/curl_http_client.h"
#include "fakes/alpaca/fake_alpaca.h"
#include "functions/market_check.h"

namespace stratus {
namespace {

using Json = nlohmann::json;

Json envelope(const char* at) {
  return {{"version", 1},
          {"run", {{"id", std::string(at) + "/test"}, {"profile", "test"}, {"at", at}}}};
}

class AlpacaCalendarTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fake.start().ok());
    witness = std::make_unique<AlpacaCalendar>(
        curl, AlpacaEndpoint{fake.base_url(), "fake-key-id", "fake-secret-key"});
    ASSERT_TRUE(xnys.status().ok());
  }

  fakes::FakeAlpaca fake{[] {
    fakes::FakeAlpacaOptions o;
    o.rate_limit = 0;
    return o;
  }()};
  CurlHttpClient curl;
  XnysCalendar xnys;
  std::unique_ptr<AlpacaCalendar> witness;
};

TEST_F(AlpacaCalendarTest, AgreesWithTheXnysCalendarOnNotableDays) {
  for (const char* text :
       {"2024-07-03", "2024-07-04", "2024-11-29", "2024-03-08", "2024-03-11", "2012-10-29",
        "2012-10-30", "2018-12-05", "2025-01-09", "2015-08-24", "2026-11-27", "2026-11-28"}) {
    const Date date = *parse_date(text);
    auto seen = witness->day(date);
    ASSERT_TRUE(seen.ok()) << text << ": " << seen.error().to_string();
    auto ours = xnys.day(date);
    ASSERT_TRUE(ours.ok());
    EXPECT_EQ(seen->is_session, ours->is_session) << text;
    if (seen->is_session && ours->is_session) {
      EXPECT_EQ(seen->open, ours->open) << text;
      EXPECT_EQ(seen->close, ours->close) << text;
    }
  }
  EXPECT_EQ(fake.requests().count_of(fakes::kGetCalendar), 12);
}

TEST_F(AlpacaCalendarTest, TheCalendarAnswerHasTheSpecsShape) {
  httplib::Client client(fake.base_url());
  const httplib::Headers keys = {{"APCA-API-KEY-ID", "fake-key-id"},
                                 {"APCA-API-SECRET-KEY", "fake-secret-key"}};
  auto res = client.Get("/v2/calendar?start=2024-07-02&end=2024-07-05", keys);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  const Json days = Json::parse(res->body);
  ASSERT_EQ(days.size(), 3u);  // The 4th is a holiday.
  EXPECT_EQ(days[1], (Json{{"date", "2024-07-03"},
                           {"open", "09:30"},
                           {"close", "13:00"},
                           {"session_open", "0400"},
                           {"session_close", "1700"},
                           {"settlement_date", "2024-07-05"}}));
  auto bad = client.Get("/v2/calendar?start=July", keys);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  auto clock = client.Get("/v2/clock", keys);
  ASSERT_TRUE(clock);
  ASSERT_EQ(clock->status, 200);
  const Json c = Json::parse(clock->body);
  for (const char* field : {"timestamp", "next_open", "next_close"}) {
    const std::string t = c[field].get<std::string>();
    EXPECT_TRUE(t.ends_with("-04:00") || t.ends_with("-05:00")) << field << " " << t;
  }
  EXPECT_TRUE(c["is_open"].is_boolean());
}

TEST_F(AlpacaCalendarTest, TheFakesClockFollowsItsCalendar) {
  fake.brokerage().set_time(fakes::FakeTime(*parse_utc_timestamp("2024-07-03T16:45:00Z")));
  httplib::Client client(fake.base_url());
  auto res = client.Get("/v2/clock", {{"APCA-API-KEY-ID", "fake-key-id"},
                                      {"APCA-API-SECRET-KEY", "fake-secret-key"}});
  ASSERT_TRUE(res && res->status == 200);
  EXPECT_EQ(Json::parse(res->body), (Json{{"timestamp", "2024-07-03T12:45:00-04:00"},
                                          {"is_open", true},
                                          {"next_open", "2024-07-05T09:30:00-04:00"},
                                          {"next_close", "2024-07-03T13:00:00-04:00"}}));
}

TEST_F(AlpacaCalendarTest, ABrokerThatDisagreesStopsMarketCheck) {
  // The broker believes 2024-07-03 runs to 16:00.
  fake.calendar().set_day(*parse_date("2024-07-03"),
                          fakes::FakeSession{{}, TimeOfDay{9 * 60 + 30}, TimeOfDay{16 * 60}});
  MarketConfig config;
  MarketCheck step(config, xnys, witness.get());
  auto out = step.run(envelope("2024-07-03T16:45:00Z"));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().code, ErrorCode::kConflict);
  EXPECT_NE(out.error().to_string().find("alpaca disagrees"), std::string::npos)
      << out.error().to_string();
  // On an ordinary day both agree and the run may trade.
  auto ok = step.run(envelope("2024-07-02T19:45:00Z"));
  ASSERT_TRUE(ok.ok()) << ok.error().to_string();
  EXPECT_EQ((*ok)["market"]["cross_check"]["status"], "agrees");
}

TEST_F(AlpacaCalendarTest, RefusedKeysAndOutagesAreReportedNotGuessed) {
  AlpacaCalendar wrong_keys(curl, AlpacaEndpoint{fake.base_url(), "fake-key-id", "nope"});
  auto refused = wrong_keys.day(*parse_date("2024-07-02"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kRejected);
  EXPECT_EQ(refused.error().to_string().find("nope"), std::string::npos);
  MarketConfig strict;
  MarketCheck refused_check(strict, xnys, &wrong_keys);
  auto stopped = refused_check.run(envelope("2024-07-02T19:45:00Z"));
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.error().code, ErrorCode::kRejected);

  fake.faults().fail_next(1, 503, fakes::kGetCalendar);
  MarketConfig config;
  MarketCheck step(config, xnys, witness.get());
  auto out = step.run(envelope("2024-07-02T19:45:00Z"));
  ASSERT_TRUE(out.ok()) << out.error().to_string();
  EXPECT_EQ((*out)["market"]["cross_check"]["status"], "unavailable");
  EXPECT_FALSE(out->contains("skipped"));
}

}  // namespace
}  // namespace stratus
