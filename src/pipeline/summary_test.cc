// Tests of the run summary's lines for check-limits' buying power and declines.
#include "pipeline/summary.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

Json checked(Json buying_power) {
  Json doc = {{"version", 1},
              {"run", {{"id", "r"}, {"profile", "dev"}, {"at", "2015-08-24T19:45:00Z"}}},
              {"orders", Json::array()},
              {"declined",
               {{{"symbol", "KO"},
                 {"requested_qty", 1},
                 {"bound_by", "buying_power"},
                 {"reason", "buying power $10.00 at price $39.53: no room for 1 share(s)"}}}}};
  if (!buying_power.is_null()) doc["buying_power"] = std::move(buying_power);
  return doc;
}

TEST(RenderSummary, ShowsTheBuyingPowerReadAndWhatItDeclined) {
  const std::string text = render_summary(checked({{"available", "250.00"}, {"broker", "alpaca"}}));
  EXPECT_NE(text.find("  cash      250.00 to spend (alpaca)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  declined  KO     1 share(s): buying power $10.00 at price $39.53: no room "
                      "for 1 share(s)\n"),
            std::string::npos)
      << text;
}

TEST(RenderSummary, SaysWhenTheBuyingPowerCouldNotBeRead) {
  const std::string text = render_summary(
      checked({{"available", nullptr},
               {"broker", "alpaca"},
               {"error", {{"code", "Unavailable"}, {"message", "alpaca GET /v2/account: 503"}}}}));
  EXPECT_NE(text.find("  cash      unknown (alpaca: alpaca GET /v2/account: 503); the broker "
                      "decides\n"),
            std::string::npos)
      << text;
}

TEST(RenderSummary, ABrokerWithoutALimitAddsNoLine) {
  for (const Json& power : {Json({{"available", nullptr}, {"broker", "paper"}}), Json()}) {
    EXPECT_EQ(render_summary(checked(power)).find("cash"), std::string::npos) << power;
  }
}

}  // namespace
}  // namespace stratus
