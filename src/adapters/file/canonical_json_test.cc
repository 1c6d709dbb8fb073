// The canonical JSON scanner: it accepts nlohmann's compact dumps, refuses every other spelling of
// the same JSON, and never accepts a text whose parse-then-dump differs from it (checked on
// thousands of deterministic random mutations of real lines).
#include "adapters/file/canonical_json.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace stratus {
namespace {

using nlohmann::json;

bool canonical(std::string_view text) {
  std::vector<JsonMember> members;
  return scan_canonical_object(text, members);
}

json sample() {
  return {{"at", "2015-08-24T19:45:00Z"},
          {"data",
           {{"symbol", "MSFT"},
            {"qty", 3},
            {"delta", -12},
            {"zero", 0},
            {"ok", true},
            {"no", false},
            {"none", nullptr},
            {"list", {1, "two", json::object(), json::array(), {{"k", "v"}}}},
            {"text", "quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul " +
                         std::string(1, '\0') + " unit \x1f del \x7f"},
            {"utf8", "é € 𝄞 ünïcødé"}}},
          {"event_id", "r#1"},
          {"hash", std::string(64, 'a')},
          {"prev", std::string(64, '0')},
          {"seq", 12}};
}

TEST(CanonicalJson, AcceptsCompactDumpsAndListsTopLevelMembers) {
  const std::string text = sample().dump();
  std::vector<JsonMember> members;
  ASSERT_TRUE(scan_canonical_object(text, members)) << text;
  ASSERT_EQ(members.size(), 6u);
  EXPECT_EQ(members[0].key, "at");
  EXPECT_EQ(members[0].value, "\"2015-08-24T19:45:00Z\"");
  EXPECT_EQ(members[0].begin, 1u);
  EXPECT_EQ(members[3].key, "hash");
  EXPECT_EQ(text.substr(members[3].begin, 8), "\"hash\":\"");
  EXPECT_EQ(members[5].key, "seq");
  EXPECT_EQ(members[5].value, "12");
  EXPECT_TRUE(canonical("{}"));
  EXPECT_TRUE(canonical(R"({"a":[],"b":{},"c":[[]]})"));
}

TEST(CanonicalJson, RefusesOtherSpellingsOfTheSameJson) {
  for (const char* text : {
           R"({"a":1, "b":2})",             // whitespace
           R"( {"a":1})",                   // leading whitespace
           R"({"a":1}
)",                                         // trailing newline
           R"({"b":1,"a":2})",              // keys out of order
           R"({"a":1,"a":2})",              // duplicate key
           R"({"a":"\/"})",                 // an escape the serializer never writes
           R"({"a":"\u0041"})",             // a printable character escaped
           R"({"a":"\u001F"})",             // uppercase hex
           R"({"a":"\u000a"})",             // \n spelled long
           R"({"a":"\u00e9"})",             // non-ASCII escaped
           R"({"a\u0062":1})",              // an escape in a key
           R"({"a":1.5})",                  // fractions: left to the exact path
           R"({"a":1e3})",                  // exponents too
           R"({"a":-0})",                   // -0 dumps as 0
           R"({"a":007})",                  // leading zeros
           R"({"a":1234567890123456789})",  // 19 digits: left to the exact path
           R"({"a":tru})",                  // a broken literal
           R"({"a":1}x)",                   // trailing bytes
           R"([1,2])",                      // not an object
           R"({"a":1)",                     // unterminated
           R"({"a":"x)",                    // unterminated string
       }) {
    EXPECT_FALSE(canonical(text)) << text;
  }
  EXPECT_FALSE(canonical(std::string("{\"a\":\"x\ty\"}")));              // a raw control character
  EXPECT_FALSE(canonical(std::string("{\"a\":\"\xc0\x80\"}")));          // overlong UTF-8
  EXPECT_FALSE(canonical(std::string("{\"a\":\"\xed\xa0\x80\"}")));      // a surrogate
  EXPECT_FALSE(canonical(std::string("{\"a\":\"\xf5\x80\x80\x80\"}")));  // beyond U+10FFFF
  EXPECT_FALSE(canonical(std::string("{\"a\":\"\xe2\x82\"}")));          // a cut sequence
  EXPECT_FALSE(canonical(std::string(300, '[')));                        // not an object, deep
  std::string deep = "{\"a\":";
  for (int i = 0; i < 300; ++i) deep += "[";
  EXPECT_FALSE(canonical(deep + std::string(300, ']') + "}"));  // deeper than 200
}

TEST(CanonicalJson, NeverAcceptsATextThatDumpsDifferently) {
  const std::string base = sample().dump();
  std::mt19937 random(20150824);  // Fixed: the same mutations on every run.
  const std::string alphabet = " \t\n\"\\{}[],:-0123456789.eEabfnrtu/\x7f\xc3\xa9\xe2\x82\xac";
  int accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text = base;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(at, 1, c);
          break;
        default:
          text.erase(at, 1);
          break;
      }
    }
    if (!canonical(text)) continue;
    ++accepted;
    const json parsed = json::parse(text, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "accepted text that is not JSON: " << text;
    ASSERT_EQ(parsed.dump(), text) << "accepted a text that is not its own compact dump";
  }
  EXPECT_GT(accepted, 100) << "the mutations should keep some texts canonical";
}

}  // namespace
}  // namespace stratus
