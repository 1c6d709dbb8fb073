#include "domain/zoneinfo.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>
#include <vector>

#include "domain/time.h"
#include "domain/tzif_test_support.h"

namespace stratus {
namespace {

using namespace tzif_test;  // NOLINT(google-build-using-namespace)

Timestamp noon_utc() { return *parse_utc_timestamp("2024-07-01T12:00:00Z"); }

// A zoneinfo directory whose "America/New_York" is a fixed UTC-3 zone, so a test can tell
// which file New York time came from.
std::filesystem::path make_utc_minus_3_dir() {
  FileSpec f;
  f.types = {{-10800, 0, 0}};
  f.chars = std::string("-03\0", 4);
  f.footer = "<-03>3";
  const auto dir = make_temp_dir();
  write_file(dir / "America/New_York", build(f));
  return dir;
}

TEST(Zoneinfo, RejectsAnEmptyDirectory) {
  const Status status = set_zoneinfo_dir("");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_NE(status.error().message.find("empty"), std::string::npos);
}

TEST(Zoneinfo, DirectoryWithoutTheFileIsAnErrorNamingThePath) {
  const std::string before = zoneinfo_dir();
  const auto dir = make_temp_dir();
  const Status status = set_zoneinfo_dir(dir.string());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(status.error().to_string(), dir.string() +
                                            "/America/New_York: cannot open the tz database "
                                            "file: No such file or directory");
  EXPECT_EQ(zoneinfo_dir(), before);
  std::filesystem::remove_all(dir);
}

TEST(Zoneinfo, CorruptFileIsAnErrorNamingThePathAndTheProblem) {
  const auto dir = make_temp_dir();
  write_file(dir / "America/New_York", "TZjf and then some bytes that are not a zone file at all");
  const Status status = set_zoneinfo_dir(dir.string());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().context, (dir / "America/New_York").string());
  EXPECT_NE(status.error().message.find("expected the magic \"TZif\""), std::string::npos)
      << status.error().message;
  std::filesystem::remove_all(dir);
}

TEST(Zoneinfo, DefaultsToTheSystemDirectoryAndNeverSwitchesAfterFirstUse) {
  // Successful set_zoneinfo_dir calls run only in child processes (below), so this process
  // still uses the default.
  EXPECT_EQ(zoneinfo_dir(), kDefaultZoneinfoDir);
  EXPECT_EQ(new_york_time_of_day(noon_utc()).minutes, 8 * 60);  // EDT.
  const TzifZone* in_use = &new_york_zone();
  EXPECT_EQ(in_use->source(), std::string(kDefaultZoneinfoDir) + "/America/New_York");

  const auto dir = make_utc_minus_3_dir();
  const Status status = set_zoneinfo_dir(dir.string());
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_NE(status.error().message.find("before the first time conversion"), std::string::npos);
  EXPECT_EQ(&new_york_zone(), in_use);
  EXPECT_EQ(zoneinfo_dir(), kDefaultZoneinfoDir);
  std::filesystem::remove_all(dir);
}

// Runs in a fresh process: New York time from a chosen directory. Returns the exit code.
int convert_with_own_zoneinfo() {
  const auto dir = make_utc_minus_3_dir();
  const Status status = set_zoneinfo_dir(dir.string());
  std::filesystem::remove_all(dir);  // Read eagerly: the file is no longer needed.
  if (!status.ok()) return 10;
  if (zoneinfo_dir() != dir.string()) return 11;
  // Several threads race to the first conversion; all see the same zone.
  std::vector<std::thread> threads;
  std::vector<int> minutes(8, -1);
  for (std::size_t i = 0; i < minutes.size(); ++i) {
    threads.emplace_back([&, i] { minutes[i] = new_york_time_of_day(noon_utc()).minutes; });
  }
  for (auto& t : threads) t.join();
  for (int m : minutes) {
    if (m != 9 * 60) return 12;  // 12:00Z is 09:00 at UTC-3.
  }
  if (format_date(new_york_date(*parse_utc_timestamp("2024-07-01T02:00:00Z"))) != "2024-06-30") {
    return 13;
  }
  return set_zoneinfo_dir(kDefaultZoneinfoDir).ok() ? 14 : 0;
}

TEST(ZoneinfoDeathTest, NewYorkTimeComesFromTheChosenDirectory) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");  // A fresh process, no conversion yet.
  EXPECT_EXIT(std::exit(convert_with_own_zoneinfo()), ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace stratus
