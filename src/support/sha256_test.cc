// SHA-256, HMAC-SHA256 and hex against the published test vectors (FIPS 180-2 examples,
// RFC 4231 test case 2).
#include "support/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace stratus {
namespace {

TEST(Sha256, MatchesTheFipsExamples) {
  EXPECT_EQ(hex_lower(sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex_lower(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex_lower(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex_lower(sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, HmacMatchesRfc4231) {
  EXPECT_EQ(hex_lower(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Sha256, InPiecesAndFromACopyEqualsInOneGo) {
  Sha256 prefix;
  prefix.update("abcdbcdecdefdefgefghfghighijhijk");
  Sha256 copy(prefix);
  prefix.update("ijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(hex_lower(prefix.digest()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  copy.update("");
  EXPECT_EQ(copy.digest(), sha256("abcdbcdecdefdefgefghfghighijhijk"));
  EXPECT_EQ(Sha256().digest(), sha256(""));
}

TEST(Sha256, HexIsLowercaseTwoDigitsPerByte) {
  EXPECT_EQ(hex_lower(std::string("\x00\x0f\xa0\xff", 4)), "000fa0ff");
}

}  // namespace
}  // namespace stratus
