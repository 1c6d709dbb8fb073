// Test support for config loading: a fixture with a fresh directory per test to write config
// files in, loading from defaults, and an assertion on InvalidInput errors.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_loader.h"

namespace stratus::test {

// A fresh directory per test (named after the test and the process), removed afterwards.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           ("stratus_config_test_" + std::string(info->test_suite_name()) + "_" +
            std::string(info->name()) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes `text` to `name` inside the test directory; returns its path.
  std::string write(const std::string& text, const std::string& name = "stratus.toml") {
    std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  // Loads `profile` from a file holding `text`.
  Result<Config> load_text(const std::string& text, const std::string& profile = "dev",
                           std::map<std::string, std::string> env = {}) {
    return load_config(ConfigSources{write(text), profile, std::move(env)});
  }

  std::filesystem::path dir_;
};

// Loads `profile` from the built-in defaults and `env` alone.
inline Result<Config> load_defaults(const std::string& profile = "dev",
                                    std::map<std::string, std::string> env = {}) {
  return load_config(ConfigSources{std::nullopt, profile, std::move(env)});
}

// Asserts an InvalidInput error whose message contains every one of `parts`.
inline void expect_invalid(const Result<Config>& result, std::initializer_list<std::string> parts) {
  ASSERT_FALSE(result.ok()) << "expected a rejection";
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput) << result.error().to_string();
  for (const std::string& part : parts) {
    EXPECT_THAT(result.error().message, ::testing::HasSubstr(part)) << result.error().to_string();
  }
}

}  // namespace stratus::test
