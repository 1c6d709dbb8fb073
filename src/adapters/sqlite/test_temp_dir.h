// TestTempDir: a fresh, uniquely named directory under the system temp directory, removed with
// everything in it when the object is destroyed. Test support only (SQLite files in tests).
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

namespace stratus {

class TestTempDir {
 public:
  // Creates the directory. Guarantees: path() exists, is empty and no other TestTempDir (in
  // this or another process) has the same path. Aborts the test binary if it cannot.
  explicit TestTempDir(std::string_view tag = "test") {
    static std::atomic<int> counter{0};
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string name = "stratus-" + std::string(tag) + "-" + std::to_string(::getpid()) +
                               "-" + std::to_string(counter++) + "-" + std::to_string(random());
      std::error_code ec;
      if (std::filesystem::create_directory(base / name, ec) && !ec) {
        path_ = base / name;
        return;
      }
    }
    std::abort();
  }
  TestTempDir(const TestTempDir&) = delete;
  TestTempDir& operator=(const TestTempDir&) = delete;
  ~TestTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path file(std::string_view name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace stratus
