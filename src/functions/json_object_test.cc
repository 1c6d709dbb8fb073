// JsonObject builds the same object as nlohmann's initializer list, whatever the member types.
#include "functions/json_object.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>

namespace stratus {
namespace {

using Json = nlohmann::json;

TEST(JsonObject, EqualsTheInitializerListObject) {
  const std::string symbol = "AAPL";
  std::string reason = "drop 4.20% below first tier 10.00%";
  Json nested = {{"month", "2015-08"}, {"limit", 4}};
  const Json built = JsonObject()
                         .with("symbol", symbol)
                         .with("qty", std::int64_t{2})
                         .with("sessions", std::size_t{252})
                         .with("price", "105.76")
                         .with("reason", std::move(reason))
                         .with("cap", nested)
                         .with("fill", nullptr)
                         .with("already_reserved", true)
                         .take();
  const Json expected = {{"symbol", "AAPL"},
                         {"qty", 2},
                         {"sessions", 252},
                         {"price", "105.76"},
                         {"reason", "drop 4.20% below first tier 10.00%"},
                         {"cap", {{"month", "2015-08"}, {"limit", 4}}},
                         {"fill", nullptr},
                         {"already_reserved", true}};
  EXPECT_EQ(built, expected);
  EXPECT_EQ(built.dump(), expected.dump());
  EXPECT_TRUE(built["qty"].is_number_integer());
}

TEST(JsonObject, AnEmptyBuilderIsAnEmptyObject) {
  EXPECT_EQ(JsonObject().take(), Json::object());
  EXPECT_TRUE(JsonObject().take().is_object());
}

}  // namespace
}  // namespace stratus
