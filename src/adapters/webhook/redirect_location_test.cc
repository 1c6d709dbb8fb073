// resolve_location: a Location header, absolute or relative, as the absolute URL to GET.
#include "adapters/webhook/redirect_location.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

constexpr const char* kBase = "https://script.google.com/macros/s/AKfyc123/exec";

std::string resolved(const char* location) {
  auto r = resolve_location(kBase, location);
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() ? *r : "";
}

TEST(RedirectLocation, ResolvesAbsoluteAndRelativeReferences) {
  EXPECT_EQ(resolved("https://script.googleusercontent.com/macros/echo?user_content_key=k&lib=L"),
            "https://script.googleusercontent.com/macros/echo?user_content_key=k&lib=L");
  EXPECT_EQ(resolved("//script.googleusercontent.com/macros/echo?k=1"),
            "https://script.googleusercontent.com/macros/echo?k=1");
  EXPECT_EQ(resolved("/macros/echo?user_content_key=k"),
            "https://script.google.com/macros/echo?user_content_key=k");
  EXPECT_EQ(resolved("echo?k=1"), "https://script.google.com/macros/s/AKfyc123/echo?k=1");
  EXPECT_EQ(resolved("?k=1"), "https://script.google.com/macros/s/AKfyc123/exec?k=1");
  EXPECT_EQ(resolved("  /x  "), "https://script.google.com/x");
  auto port = resolve_location("http://127.0.0.1:8080/a/b?q=1", "/c");
  ASSERT_TRUE(port.ok());
  EXPECT_EQ(*port, "http://127.0.0.1:8080/c");
}

TEST(RedirectLocation, RefusesWhatCannotBeFetchedWithoutRepeatingTheUrls) {
  for (const char* bad : {"", "   ", "ftp://example.com/x", "javascript:alert(1)", "https://"}) {
    auto r = resolve_location(kBase, bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().to_string().find("AKfyc123"), std::string::npos);
  }
  auto no_base = resolve_location("not a url AKfyc123", "/x");
  ASSERT_FALSE(no_base.ok());
  EXPECT_EQ(no_base.error().to_string().find("AKfyc123"), std::string::npos);
}

}  // namespace
}  // namespace stratus
