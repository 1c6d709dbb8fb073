#include "support/short_key_hash.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <unordered_map>

namespace stratus {
namespace {

// The published FNV-1a 64-bit test vectors (the FNV reference's test suite).
TEST(Fnv1a64, MatchesThePublishedVectors) {
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ull);
}

// Every key a test could confuse: short symbols, keys that differ only in length or in a trailing
// NUL, and long ids that differ in one byte anywhere (in the words or in the tail).
std::set<std::string> tricky_keys() {
  std::set<std::string> keys = {"", std::string(1, '\0'), std::string(2, '\0'),
                                std::string(8, '\0'), std::string(9, '\0')};
  const std::string letters = "ABCZ.";
  for (const char a : letters) {
    keys.insert(std::string(1, a));
    keys.insert(std::string(1, a) + '\0');
    for (const char b : letters) {
      for (const char c : letters) keys.insert(std::string{a, b, c});
    }
  }
  const std::string id = "dip-buyer-AAPL-20150824-1";
  for (std::size_t at = 0; at < id.size(); ++at) {
    std::string other = id;
    other[at] = '#';
    keys.insert(other);
    keys.insert(id.substr(0, at));
  }
  return keys;
}

TEST(ShortKeyHash, EqualKeysHashEqualAndTheseKeysAllDiffer) {
  const ShortKeyHash hash;
  std::set<std::size_t> seen;
  for (const std::string& key : tricky_keys()) {
    EXPECT_EQ(hash(key), hash(std::string_view(key)));
    EXPECT_EQ(hash(key), hash(std::string(key)));
    EXPECT_TRUE(seen.insert(hash(key)).second) << "a second key hashes as \"" << key << "\"";
  }
}

TEST(ShortKeyHash, FindsByStringViewInATable) {
  std::unordered_map<std::string, int, ShortKeyHash, std::equal_to<>> table;
  int n = 0;
  for (const std::string& key : tricky_keys()) table.emplace(key, n++);
  n = 0;
  for (const std::string& key : tricky_keys()) {
    const auto found = table.find(std::string_view(key));
    ASSERT_NE(found, table.end()) << key;
    EXPECT_EQ(found->second, n++);
  }
  EXPECT_EQ(table.find(std::string_view("not a key")), table.end());
}

}  // namespace
}  // namespace stratus
