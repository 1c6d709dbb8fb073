// The Lambda tests talk to the emulator on 127.0.0.1: a proxy from the developer's environment
// (libcurl honours http_proxy and friends) must not stand in between.
#include <gtest/gtest.h>

#include <cstdlib>

namespace stratus::lambda_test {
namespace {

class NoProxyForLoopback : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* name : {"no_proxy", "NO_PROXY"}) ::setenv(name, "127.0.0.1,localhost", 1);
  }
};

[[maybe_unused]] ::testing::Environment* const kNoProxy =
    ::testing::AddGlobalTestEnvironment(new NoProxyForLoopback);

}  // namespace
}  // namespace stratus::lambda_test
