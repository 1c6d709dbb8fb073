// The AWS CLI's INI dialect: sections, key = value, whole-line comments, indented continuations,
// and errors that give the line number but never the line.
#include "adapters/aws/ini_file.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(IniFile, ReadsSectionsKeysCommentsAndContinuations) {
  const auto ini = IniFile::parse(
      "# leading comment\n"
      "; another\n"
      "[default]\n"
      "aws_access_key_id = AKID1\n"
      "Region=us-east-1  \r\n"
      "\n"
      "[profile prod]\n"
      "AWS_SECRET_ACCESS_KEY =a#b;c\n"
      "s3 =\n"
      "  max_concurrent_requests = 10\n"
      "\tmax_queue_size = 5\n"
      "[default]\n"
      "output = json\n",
      "config");
  ASSERT_TRUE(ini.ok()) << ini.error().to_string();
  EXPECT_EQ(ini->value("default", "aws_access_key_id"), "AKID1");
  EXPECT_EQ(ini->value("default", "region"), "us-east-1");  // Key lower-cased, value trimmed.
  EXPECT_EQ(ini->value("default", "output"), "json");       // Repeated section merged.
  EXPECT_EQ(ini->value("profile prod", "aws_secret_access_key"), "a#b;c");
  EXPECT_EQ(ini->value("profile prod", "s3"), "max_concurrent_requests = 10\nmax_queue_size = 5");
  EXPECT_EQ(ini->value("profile prod", "region"), std::nullopt);
  EXPECT_EQ(ini->value("nope", "region"), std::nullopt);
  EXPECT_EQ(ini->section("nope"), nullptr);
}

TEST(IniFile, AnIndentedLineContinuesTheValueAbove) {
  const auto ini = IniFile::parse("[a]\nkey = one\n  two\nnext = 3\n", "f");
  ASSERT_TRUE(ini.ok());
  EXPECT_EQ(ini->value("a", "key"), "one\ntwo");
  EXPECT_EQ(ini->value("a", "next"), "3");
}

TEST(IniFile, EmptyTextHasNoSections) {
  const auto ini = IniFile::parse("", "empty");
  ASSERT_TRUE(ini.ok());
  EXPECT_EQ(ini->section("default"), nullptr);
}

TEST(IniFile, ErrorsNameTheLineButNotItsText) {
  struct Case {
    const char* text;
    const char* context;
    const char* words;
  };
  const Case cases[] = {
      {"key = v\n", "f:1", "before any [section]"},
      {"[default]\nsecretvalue123\n", "f:2", "not '[section]'"},
      {"[default\n", "f:1", "closing ']'"},
      {"[  ]\n", "f:1", "section name is empty"},
      {"[a]\n = secretvalue123\n", "f:2", "key before '=' is empty"},
  };
  for (const Case& c : cases) {
    const auto ini = IniFile::parse(c.text, "f");
    ASSERT_FALSE(ini.ok()) << c.text;
    EXPECT_EQ(ini.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(ini.error().context, c.context) << c.text;
    EXPECT_NE(ini.error().message.find(c.words), std::string::npos) << ini.error().message;
    EXPECT_EQ(ini.error().to_string().find("secretvalue123"), std::string::npos);
  }
}

}  // namespace
}  // namespace stratus
