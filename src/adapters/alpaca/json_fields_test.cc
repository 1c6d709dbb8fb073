#include "adapters/alpaca/json_fields.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

const Json kObject = Json::parse(R"({
  "s": "text", "b": true, "m": "150.123456", "q": "2", "qf": "2.000000000", "half": "0.5",
  "t": "2023-12-12T22:31:24.668464435Z", "n": null, "num": 12.5, "i": 3
})");

TEST(JsonFields, ReadsPresentFields) {
  EXPECT_EQ(*string_field(kObject, "s"), "text");
  EXPECT_TRUE(*bool_field(kObject, "b"));
  EXPECT_EQ(money_field(kObject, "m")->to_string(), "150.1235");
  EXPECT_EQ(*whole_shares_field(kObject, "q"), Quantity(2));
  EXPECT_EQ(*whole_shares_field(kObject, "qf"), Quantity(2));
  EXPECT_EQ(format_utc_timestamp(*time_field(kObject, "t")), "2023-12-12T22:31:24Z");
  EXPECT_EQ(**optional_integer_field(kObject, "i"), 3);
}

TEST(JsonFields, OptionalFieldsAreNulloptWhenAbsentOrNull) {
  EXPECT_FALSE(optional_string_field(kObject, "absent")->has_value());
  EXPECT_FALSE(optional_money_field(kObject, "n")->has_value());
  EXPECT_FALSE(optional_time_field(kObject, "n")->has_value());
  EXPECT_FALSE(optional_bool_field(kObject, "n")->has_value());
}

TEST(JsonFields, ErrorsNameTheFieldTheValueAndWhatWasExpected) {
  auto missing = string_field(kObject, "absent");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(missing.error().message, "field \"absent\" is missing: expected a string");

  auto null_required = money_field(kObject, "n");
  ASSERT_FALSE(null_required.ok());
  EXPECT_NE(null_required.error().message.find("\"n\" is missing"), std::string::npos);

  auto number = money_field(kObject, "num");
  ASSERT_FALSE(number.ok());
  EXPECT_EQ(number.error().message,
            "field \"num\" = 12.5: expected a decimal number as a string, like \"150.25\"");

  auto fraction = whole_shares_field(kObject, "half");
  ASSERT_FALSE(fraction.ok());
  EXPECT_NE(fraction.error().message.find("\"half\" = \"0.5\""), std::string::npos);

  EXPECT_FALSE(time_field(kObject, "s").ok());
  EXPECT_FALSE(bool_field(kObject, "s").ok());
  EXPECT_FALSE(optional_string_field(kObject, "b").ok());
  EXPECT_FALSE(optional_integer_field(kObject, "num").ok());
}

TEST(JsonFields, AnswersThatAreNotJsonOfTheRightKindAreErrors) {
  EXPECT_TRUE(parse_json_answer(R"({"a":1})", "object").ok());
  EXPECT_TRUE(parse_json_answer("[]", "array").ok());
  auto html = parse_json_answer("<html>\n<body>502 Bad Gateway</body></html>", "object");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.error().message,
            "the answer is not a JSON object (it starts \"<html> <body>502 Bad Gateway</body>"
            "</html>\")");
  EXPECT_FALSE(parse_json_answer("[]", "object").ok());
  EXPECT_FALSE(parse_json_answer("", "array").ok());
}

}  // namespace
}  // namespace stratus
