// libcurl honours http_proxy / https_proxy: keep 127.0.0.1 off any proxy the developer has set,
// for every test in the binary (a static registration, so it is linked as a source file).
#include <gtest/gtest.h>

#include <cstdlib>

namespace stratus::testing {
namespace {

class NoProxyForLoopback final : public ::testing::Environment {
 public:
  void SetUp() override {
    for (const char* name : {"no_proxy", "NO_PROXY"}) ::setenv(name, "127.0.0.1,localhost", 1);
  }
};

[[maybe_unused]] const auto* const kRegistered =
    ::testing::AddGlobalTestEnvironment(new NoProxyForLoopback);

}  // namespace
}  // namespace stratus::testing
