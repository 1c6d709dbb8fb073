// The document readers: pointer lookups and the errors they give for missing or mistyped fields.
#include "functions/document.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

const Json kDoc = Json::parse(R"({
  "run": {"at": "2018-02-07T20:45:00Z", "id": "r1"},
  "orders": [{"symbol": "AAPL", "qty": 2}, {"symbol": "MSFT", "qty": 0}],
  "a/b": {"m~n": 7},
  "": {"empty key": true}
})");

TEST(FindAtPointer, WalksObjectsAndArrays) {
  EXPECT_EQ(find_at_pointer(kDoc, ""), &kDoc);
  ASSERT_NE(find_at_pointer(kDoc, "/run/id"), nullptr);
  EXPECT_EQ(*find_at_pointer(kDoc, "/run/id"), "r1");
  ASSERT_NE(find_at_pointer(kDoc, "/orders/1/symbol"), nullptr);
  EXPECT_EQ(*find_at_pointer(kDoc, "/orders/1/symbol"), "MSFT");
  EXPECT_EQ(find_at_pointer(kDoc, "/orders"), &kDoc.at("orders"));
}

TEST(FindAtPointer, UndoesEscapesAndReadsTheEmptyKey) {
  ASSERT_NE(find_at_pointer(kDoc, "/a~1b/m~0n"), nullptr);
  EXPECT_EQ(*find_at_pointer(kDoc, "/a~1b/m~0n"), 7);
  ASSERT_NE(find_at_pointer(kDoc, "//empty key"), nullptr);
  EXPECT_EQ(*find_at_pointer(kDoc, "//empty key"), true);
}

TEST(FindAtPointer, AnswersNullForWhatIsNotThere) {
  for (const char* pointer :
       {"/nope", "/run/nope", "/orders/2", "/orders/01", "/orders/-", "/orders/1x", "/orders/",
        "/run/at/deeper", "run/at", "/a~2b", "/a~", "/orders/99999999999999999999"}) {
    EXPECT_EQ(find_at_pointer(kDoc, pointer), nullptr) << pointer;
  }
}

TEST(RequireField, NamesTheMissingPointer) {
  const auto missing = require_field(kDoc, "/orders/2/symbol");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(missing.error().to_string().find("missing field /orders/2/symbol"), std::string::npos)
      << missing.error().to_string();
  EXPECT_FALSE(require_field(Json::array(), "/run").ok());
}

TEST(RequireInt, AcceptsTheRangeAndNamesItOtherwise) {
  EXPECT_EQ(*require_int(kDoc, "/orders/0/qty", 1, 10), 2);
  const auto low = require_int(kDoc, "/orders/1/qty", 1, 10);
  ASSERT_FALSE(low.ok());
  EXPECT_NE(low.error().to_string().find("field /orders/1/qty = 0: expected a whole number from 1 "
                                         "to 10"),
            std::string::npos)
      << low.error().to_string();
  const auto text = require_int(kDoc, "/orders/1/symbol", 1, 10);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().to_string().find("\"MSFT\": expected a whole number"), std::string::npos)
      << text.error().to_string();
}

}  // namespace
}  // namespace stratus
