#include "domain/percent.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

Money m(const char* s) { return *Money::parse(s); }

TEST(Percent, DropIsRoundedForDisplay) {
  EXPECT_EQ(Percent::drop(m("50.045"), m("43.07")).to_string(), "13.94");
  EXPECT_EQ(Percent::drop(m("100"), m("90")).to_string(), "10.00");
  EXPECT_EQ(Percent::drop(m("100"), m("110")).to_string(), "-10.00");
  EXPECT_EQ(Percent::drop(m("3"), m("2")).to_string(4), "33.3333");
}

TEST(Percent, ReachedByIsExactAtTheThreshold) {
  const Percent ten = *Percent::parse("10");
  EXPECT_TRUE(ten.reached_by(m("100"), m("90")));        // exactly 10%
  EXPECT_FALSE(ten.reached_by(m("100"), m("90.0001")));  // 9.9999%
  // 33.33333...% rounds to 33.3333 for display but does not reach 33.33335.
  EXPECT_TRUE(Percent::parse("33.3333")->reached_by(m("3"), m("2")));
  EXPECT_FALSE(Percent::parse("33.3334")->reached_by(m("3"), m("2")));
}

TEST(Percent, ParsesDecimalsAndRejectsJunk) {
  EXPECT_EQ(Percent::parse("12.5")->units(), 125000);
  EXPECT_FALSE(Percent::parse("12.5%").ok());
}

}  // namespace
}  // namespace stratus
