// Makes the HTTP tests independent of the developer's proxy settings: libcurl honours
// http_proxy/https_proxy, so loopback is listed in no_proxy for every test process.
#include <gtest/gtest.h>

#include <cstdlib>

namespace stratus::http_test {
namespace {

class LoopbackWithoutProxy : public ::testing::Environment {
 public:
  void SetUp() override {
    ::setenv("no_proxy", "127.0.0.1,localhost", 1);
    ::setenv("NO_PROXY", "127.0.0.1,localhost", 1);
  }
};

[[maybe_unused]] ::testing::Environment* const kEnvironment =
    ::testing::AddGlobalTestEnvironment(new LoopbackWithoutProxy);

}  // namespace
}  // namespace stratus::http_test
