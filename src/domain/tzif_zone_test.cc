#include "domain/tzif_zone.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <random>

#include "domain/tzif_test_support.h"

namespace stratus {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;
using namespace tzif_test;  // NOLINT(google-build-using-namespace)

constexpr const char* kSystemNewYork = "/usr/share/zoneinfo/America/New_York";

sys_seconds utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return sys_seconds{
             date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch()} +
         hours{h} + minutes{min};
}

date::local_seconds wall(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return date::local_seconds{
             date::local_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch()} +
         hours{h} + minutes{min};
}

// New York's 2016 transitions (EDT from 2016-03-13T07:00Z, EST from 2016-11-06T06:00Z) and the
// rule that has held since 2007.
FileSpec eastern_2016(char version = '2') {
  FileSpec f;
  f.version = version;
  f.times = {1457852400, 1478412000};
  f.type_indices = {1, 0};
  f.types = {{-18000, 0, 0}, {-14400, 1, 4}};
  f.chars = std::string("EST\0EDT\0", 8);
  f.isstd = {0, 0};
  f.isut = {0, 0};
  f.footer = "EST5EDT,M3.2.0,M11.1.0";
  return f;
}

TzifZone parse_ok(const std::string& bytes) {
  auto zone = TzifZone::parse(bytes, "test.tzif");
  EXPECT_TRUE(zone.ok()) << zone.error().to_string();
  return std::move(zone).value();
}

TEST(TzifZone, ReadsPeriodsFromTransitionsAndTheFooterRuleAfterThem) {
  const TzifZone zone = parse_ok(build(eastern_2016()));
  const date::sys_info summer = zone.get_info(utc(2016, 6, 1));
  EXPECT_EQ(summer.offset, hours{-4});
  EXPECT_EQ(summer.abbrev, "EDT");
  EXPECT_EQ(summer.save, minutes{1});
  EXPECT_EQ(summer.begin, utc(2016, 3, 13, 7));
  EXPECT_EQ(summer.end, utc(2016, 11, 6, 6));
  // Before the first transition: type 0, from the beginning of time.
  const date::sys_info early = zone.get_info(utc(2000, 7, 1));
  EXPECT_EQ(early.offset, hours{-5});
  EXPECT_EQ(early.abbrev, "EST");
  EXPECT_EQ(early.save, minutes{0});
  EXPECT_EQ(early.end, utc(2016, 3, 13, 7));
  EXPECT_LT(early.begin, utc(1000, 1, 1));
  // The last period starts at the last transition and ends where the rule says.
  const date::sys_info winter = zone.get_info(utc(2016, 12, 1));
  EXPECT_EQ(winter.abbrev, "EST");
  EXPECT_EQ(winter.begin, utc(2016, 11, 6, 6));
  EXPECT_EQ(winter.end, utc(2017, 3, 12, 7));
  // Beyond it, the footer rule alone (second Sunday of March to first Sunday of November).
  const date::sys_info later = zone.get_info(utc(2031, 7, 4));
  EXPECT_EQ(later.offset, hours{-4});
  EXPECT_EQ(later.abbrev, "EDT");
  EXPECT_EQ(later.save, minutes{1});
  EXPECT_EQ(later.begin, utc(2031, 3, 9, 7));
  EXPECT_EQ(later.end, utc(2031, 11, 2, 6));
  EXPECT_EQ(zone.offset_at(utc(2031, 12, 25)), hours{-5});
  EXPECT_EQ(zone.to_local(utc(2031, 7, 4, 13, 30)), wall(2031, 7, 4, 9, 30));
}

TEST(TzifZone, AnswersWallClockLookupsLikeDate) {
  const TzifZone zone = parse_ok(build(eastern_2016()));
  // In a table period and in a rule period.
  for (const auto& [gap, overlap] :
       {std::pair{wall(2016, 3, 13, 2, 30), wall(2016, 11, 6, 1, 30)},
        std::pair{wall(2033, 3, 13, 2, 30), wall(2033, 11, 6, 1, 30)}}) {
    const date::local_info skipped = zone.get_info(gap);
    EXPECT_EQ(skipped.result, date::local_info::nonexistent);
    EXPECT_EQ(skipped.first.abbrev, "EST");
    EXPECT_EQ(skipped.second.abbrev, "EDT");
    EXPECT_EQ(skipped.first.end, skipped.second.begin);
    EXPECT_EQ(
        date::local_seconds{(skipped.second.begin + skipped.second.offset).time_since_epoch()},
        gap + minutes{30});

    const date::local_info twice = zone.get_info(overlap);
    EXPECT_EQ(twice.result, date::local_info::ambiguous);
    EXPECT_EQ(twice.first.abbrev, "EDT");
    EXPECT_EQ(twice.second.abbrev, "EST");

    const date::local_info once = zone.get_info(overlap + hours{1});
    EXPECT_EQ(once.result, date::local_info::unique);
    EXPECT_EQ(once.first.abbrev, "EST");
  }
  const date::local_info noon = zone.get_info(wall(2016, 7, 1, 12));
  EXPECT_EQ(noon.result, date::local_info::unique);
  EXPECT_EQ(noon.first.offset, hours{-4});
}

TEST(TzifZone, VersionOneFileKeepsItsLastTypeAfterTheLastTransition) {
  const TzifZone zone = parse_ok(build(eastern_2016(0)));
  EXPECT_EQ(zone.get_info(utc(2016, 6, 1)).abbrev, "EDT");
  const date::sys_info later = zone.get_info(utc(2031, 7, 4));
  EXPECT_EQ(later.offset, hours{-5});  // No rule in a version 1 file.
  EXPECT_EQ(later.begin, utc(2016, 11, 6, 6));
  EXPECT_GT(later.end, utc(30000, 1, 1));
  EXPECT_EQ(zone.get_info(wall(2031, 3, 9, 2, 30)).result, date::local_info::unique);
}

TEST(TzifZone, FileWithoutTransitionsFollowsItsRuleThroughout) {
  FileSpec f = eastern_2016();
  f.times.clear();
  f.type_indices.clear();
  f.types = {{-18000, 0, 0}};
  f.chars = std::string("EST\0", 4);
  f.isstd.clear();
  f.isut.clear();
  const TzifZone zone = parse_ok(build(f));
  EXPECT_EQ(zone.offset_at(utc(1999, 7, 1)), hours{-4});
  EXPECT_EQ(zone.offset_at(utc(1999, 1, 1)), hours{-5});
  EXPECT_EQ(zone.get_info(wall(1999, 3, 14, 2, 30)).result, date::local_info::nonexistent);

  f.footer = "<-03>3";  // A fixed offset, quoted name.
  const TzifZone fixed = parse_ok(build(f));
  EXPECT_EQ(fixed.offset_at(utc(2024, 7, 1)), hours{-3});
  EXPECT_EQ(fixed.get_info(utc(2024, 7, 1)).abbrev, "-03");
}

struct Corruption {
  const char* name;
  std::function<std::string()> bytes;
  const char* says;  // A fragment the error message must contain.
};

std::string with(const std::function<void(FileSpec&)>& change, char version = '2') {
  FileSpec f = eastern_2016(version);
  change(f);
  return build(f);
}

TEST(TzifZone, RejectsCorruptFilesSayingWhatIsWrong) {
  const std::vector<Corruption> cases = {
      {"bad magic", [] { return "TZiF" + build(eastern_2016()).substr(4); }, "magic \"TZif\""},
      {"bad version",
       [] {
         std::string b = build(eastern_2016());
         b[4] = '9';
         return b;
       },
       "version byte 39"},
      {"versions disagree",
       [] {
         std::string v2 = build(eastern_2016('2'));
         std::string v3 = build(eastern_2016('3'));
         return v2.substr(0, 44 + 2 * 5 + 2 * 6 + 8 + 4) + v3.substr(44 + 2 * 5 + 2 * 6 + 8 + 4);
       },
       "second header says version 3"},
      {"second magic",
       [] {
         std::string b = build(eastern_2016());
         b[44 + 2 * 5 + 2 * 6 + 8 + 4] = 'X';
         return b;
       },
       "second (64-bit) header"},
      {"type index out of range", [] { return with([](FileSpec& f) { f.type_indices[1] = 7; }); },
       "names local time type 7, but there are only 2 types"},
      {"type index out of range, version 1",
       [] { return with([](FileSpec& f) { f.type_indices[0] = 2; }, 0); },
       "names local time type 2"},
      {"designation index out of range",
       [] { return with([](FileSpec& f) { f.types[1].desig = 50; }); }, "designation index 50"},
      {"designation not terminated",
       [] { return with([](FileSpec& f) { f.chars = std::string("EST\0EDT", 7); }); },
       "not NUL-terminated"},
      {"offset out of range", [] { return with([](FileSpec& f) { f.types[1].offset = 100000; }); },
       "UT offset 100000"},
      {"isdst not 0 or 1", [] { return with([](FileSpec& f) { f.types[1].is_dst = 2; }); },
       "isdst 2"},
      {"no types",
       [] {
         return with([](FileSpec& f) {
           f.times.clear();
           f.type_indices.clear();
           f.types.clear();
           f.isstd.clear();
           f.isut.clear();
         });
       },
       "typecnt 0"},
      {"transitions out of order",
       [] { return with([](FileSpec& f) { std::swap(f.times[0], f.times[1]); }); },
       "transitions must ascend"},
      {"transition beyond year 9999",
       [] { return with([](FileSpec& f) { f.times[1] = std::int64_t{1} << 40; }); },
       "outside the supported range"},
      {"isstd count", [] { return with([](FileSpec& f) { f.isstd = {0}; }); }, "isstdcnt 1"},
      {"UT but not standard", [] { return with([](FileSpec& f) {
                                     f.isut = {1, 0};
                                   }); },
       "marked UT but not standard"},
      {"trailing bytes", [] { return build(eastern_2016()) + "x"; }, "1 unexpected bytes"},
      {"trailing bytes, version 1", [] { return build(eastern_2016(0)) + "xy"; },
       "2 unexpected bytes"},
      {"footer without closing newline",
       [] {
         std::string b = build(eastern_2016());
         b.pop_back();
         return b;
       },
       "has no closing newline"},
      {"footer missing",
       [] {
         std::string b = build(eastern_2016());
         return b.substr(0, b.size() - std::string("\nEST5EDT,M3.2.0,M11.1.0\n").size());
       },
       "footer is missing"},
      {"footer month 13",
       [] { return with([](FileSpec& f) { f.footer = "EST5EDT,M13.2.0,M11.1.0"; }); },
       "month 13 is not 1 to 12"},
      {"footer week 6",
       [] { return with([](FileSpec& f) { f.footer = "EST5EDT,M3.6.0,M11.1.0"; }); },
       "week 6 is not 1 to 5"},
      {"footer not a TZ string", [] { return with([](FileSpec& f) { f.footer = "5EST"; }); },
       "is not a POSIX TZ rule"},
      {"footer disagrees with the last transition",
       [] { return with([](FileSpec& f) { f.footer = "PST8PDT,M3.2.0,M11.1.0"; }); },
       "gives UT offset -25200 s (daylight time) at the last transition, but its local time type "
       "has -18000 s (standard time)"},
      {"footer disagrees on daylight time only",
       [] { return with([](FileSpec& f) { f.footer = "CST6CDT,M3.2.0,M11.1.0"; }); },
       "gives UT offset -18000 s (daylight time)"},
      {"leap seconds",
       [] {
         std::string b = build(eastern_2016(0));
         b[31] = 1;  // leapcnt
         return b;
       },
       "leap-second"},
  };
  for (const Corruption& c : cases) {
    auto zone = TzifZone::parse(c.bytes(), "bad.tzif");
    ASSERT_FALSE(zone.ok()) << c.name;
    EXPECT_EQ(zone.error().code, ErrorCode::kInvalidInput) << c.name;
    EXPECT_EQ(zone.error().context, "bad.tzif") << c.name;
    EXPECT_NE(zone.error().message.find(c.says), std::string::npos)
        << c.name << ": " << zone.error().message;
  }
}

TEST(TzifZone, RejectsEveryTruncationOfARealFile) {
  const std::string whole = read_bytes(kSystemNewYork);
  ASSERT_GT(whole.size(), 1000u);
  ASSERT_TRUE(TzifZone::parse(whole, "ny").ok());
  for (std::size_t size = 0; size < whole.size(); ++size) {
    auto zone = TzifZone::parse(std::string_view(whole).substr(0, size), "ny");
    ASSERT_FALSE(zone.ok()) << size;
    const std::string& message = zone.error().message;
    EXPECT_TRUE(message.find("truncated") != std::string::npos ||
                message.find("footer") != std::string::npos)
        << size << ": " << message;
  }
  EXPECT_NE(TzifZone::parse(whole.substr(0, 20), "ny").error().message.find("first header"),
            std::string::npos);
  EXPECT_NE(TzifZone::parse(whole.substr(0, 100), "ny").error().message.find("version 1 data"),
            std::string::npos);
  EXPECT_NE(TzifZone::parse(whole.substr(0, whole.size() - 30), "ny")
                .error()
                .message.find("64-bit data block"),
            std::string::npos);
}

TEST(TzifZone, SurvivesRandomDamage) {
  // Whatever the damage, parsing answers (a zone or an error); run under the sanitizers this
  // also shows it never reads out of bounds.
  const std::string whole = read_bytes(kSystemNewYork);
  std::mt19937 random(20261125);
  int rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = whole;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; ++i) {
      damaged[random() % damaged.size()] = static_cast<char>(random() % 256);
    }
    auto zone = TzifZone::parse(damaged, "damaged");
    if (!zone.ok()) {
      ++rejected;
      continue;
    }
    (void)zone->get_info(utc(2020, 6, 1));
    (void)zone->get_info(wall(2020, 3, 8, 2, 30));
  }
  EXPECT_GT(rejected, 100);
}

TEST(TzifZone, ReadFileNamesAMissingPath) {
  auto zone = TzifZone::read_file("/nonexistent/zoneinfo/America/New_York");
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(zone.error().to_string(),
            "/nonexistent/zoneinfo/America/New_York: cannot open the tz database file: No such "
            "file or directory");
}

}  // namespace
}  // namespace stratus
