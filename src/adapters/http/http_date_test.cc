// Tests for parse_http_date: the three HTTP-date forms of RFC 9110.
#include "adapters/http/http_date.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

Timestamp at(const char* text) { return parse_utc_timestamp(text).value(); }

const Timestamp kNow = at("2026-03-02T10:00:00Z");

TEST(HttpDate, ParsesImfFixdate) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT", kNow), at("1994-11-06T08:49:37Z"));
  EXPECT_EQ(parse_http_date("  Mon, 02 Mar 2026 10:00:05 GMT ", kNow), at("2026-03-02T10:00:05Z"));
}

TEST(HttpDate, ParsesRfc850WithTwoDigitYears) {
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT", kNow), at("1994-11-06T08:49:37Z"));
  EXPECT_EQ(parse_http_date("Monday, 02-Mar-26 10:00:05 GMT", kNow), at("2026-03-02T10:00:05Z"));
}

TEST(HttpDate, ParsesAsctime) {
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994", kNow), at("1994-11-06T08:49:37Z"));
  EXPECT_EQ(parse_http_date("Mon Mar 02 10:00:05 2026", kNow), at("2026-03-02T10:00:05Z"));
}

TEST(HttpDate, RejectsEverythingElse) {
  for (const char* text : {"", "120", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC",
                           "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                           "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                           "Sun, 06 Nov 1994 08:49:37 GMT trailing", "2026-03-02T10:00:05Z"}) {
    EXPECT_FALSE(parse_http_date(text, kNow).has_value()) << text;
  }
}

}  // namespace
}  // namespace stratus
