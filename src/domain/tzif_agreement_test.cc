// The TZif reader against independent references: date-tz (Howard Hinnant's tz library reading
// the same system file), glibc's localtime_r (which, unlike date-tz, applies the footer rule),
// and zic-compiled slim and fat files of the US rules.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <sstream>
#include <vector>

#include <date/tz.h>

#include "domain/tzif_test_support.h"
#include "domain/tzif_zone.h"

namespace stratus {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr const char* kSystemNewYork = "/usr/share/zoneinfo/America/New_York";

sys_seconds utc(int y, unsigned m, unsigned d) {
  return sys_seconds{
      date::sys_days{date::year{y} / date::month{m} / date::day{d}}.time_since_epoch()};
}

date::local_seconds as_local(sys_seconds t) { return date::local_seconds{t.time_since_epoch()}; }

std::string when(sys_seconds t) { return date::format("%F %TZ", t); }
std::string when(date::local_seconds t) { return date::format("%F %T local", t); }

std::string show(const date::sys_info& i) {
  std::ostringstream out;
  out << "[" << when(i.begin) << ", " << when(i.end) << ") " << i.offset.count() << " s "
      << i.abbrev << " save " << i.save.count();
  return out.str();
}

std::string show(const date::local_info& i) {
  std::ostringstream out;
  out << i.result << " first " << show(i.first) << " second " << show(i.second);
  return out.str();
}

bool same(const date::sys_info& a, const date::sys_info& b) {
  return a.begin == b.begin && a.end == b.end && a.offset == b.offset && a.save == b.save &&
         a.abbrev == b.abbrev;
}

bool same(const date::local_info& a, const date::local_info& b) {
  if (a.result != b.result || !same(a.first, b.first)) return false;
  return a.result == date::local_info::unique || same(a.second, b.second);
}

TzifZone system_new_york() {
  auto zone = TzifZone::read_file(kSystemNewYork);
  EXPECT_TRUE(zone.ok()) << zone.error().to_string();
  return std::move(zone).value();
}

// Stops a loop after a few reported differences, so a broken reader does not flood the log.
struct FailureBudget {
  int left = 10;
  bool spent() { return --left < 0; }
};

class TzifAgreementWithDateTz : public ::testing::Test {
 protected:
  TzifAgreementWithDateTz()
      : zone_(system_new_york()),
        reference_(date::locate_zone("America/New_York")),
        // date-tz ignores the footer: its last period never ends, and begins at the file's last
        // transition. Up to there both must agree exactly.
        last_(reference_->get_info(utc(2200, 1, 1)).begin),
        end_(std::min(last_, utc(2040, 1, 1))) {}

  // The transitions date-tz reports after `from`, up to its last one (at most 2040).
  std::vector<sys_seconds> reference_transitions(sys_seconds from) const {
    std::vector<sys_seconds> out;
    for (sys_seconds t = reference_->get_info(from).end; t <= last_ && t < utc(2041, 1, 1);
         t = reference_->get_info(t).end) {
      out.push_back(t);
    }
    return out;
  }

  TzifZone zone_;
  const date::time_zone* reference_;
  sys_seconds last_;
  sys_seconds end_;
};

TEST_F(TzifAgreementWithDateTz, EveryHourFrom1970) {
  ASSERT_GT(last_, utc(2007, 1, 1)) << "the system file should hold the 2007 rule change";
  FailureBudget budget;
  int checked = 0;
  for (sys_seconds t = utc(1970, 1, 1); t < end_; t += hours{1}, ++checked) {
    const date::sys_info mine = zone_.get_info(t);
    const date::sys_info theirs = reference_->get_info(t);
    if (!same(mine, theirs) || zone_.to_local(t) != reference_->to_local(t)) {
      ADD_FAILURE() << when(t) << ": " << show(mine) << " vs date-tz " << show(theirs);
      if (budget.spent()) break;
    }
  }
  EXPECT_GT(checked, 24 * 365 * 60);
}

TEST_F(TzifAgreementWithDateTz, AroundEveryTransition) {
  const std::vector<sys_seconds> transitions = reference_transitions(utc(1970, 1, 1));
  ASSERT_GT(transitions.size(), 100u);
  FailureBudget budget;
  for (const sys_seconds transition : transitions) {
    for (sys_seconds t = transition - hours{3}; t <= transition + hours{3}; t += seconds{15}) {
      const date::sys_info mine = zone_.get_info(t);
      const date::sys_info theirs = reference_->get_info(t);
      // date-tz's last period never ends; ours ends where the footer rule says.
      const bool agree = t >= last_ ? mine.begin == theirs.begin && mine.offset == theirs.offset &&
                                          mine.abbrev == theirs.abbrev && mine.save == theirs.save
                                    : same(mine, theirs);
      if (!agree || zone_.to_local(t) != reference_->to_local(t)) {
        ADD_FAILURE() << when(t) << ": " << show(mine) << " vs date-tz " << show(theirs);
        if (budget.spent()) return;
      }
    }
  }
}

TEST_F(TzifAgreementWithDateTz, EveryWallClockMinuteAroundTransitionsFrom1990) {
  int gaps = 0, overlaps = 0;
  FailureBudget budget;
  for (const sys_seconds transition : reference_transitions(utc(1990, 1, 1))) {
    if (transition >= last_) break;  // After it date-tz has no further transitions to agree on.
    const date::local_seconds wall = as_local(transition) + reference_->get_info(transition).offset;
    for (auto local = wall - hours{3}; local <= wall + hours{3}; local += minutes{1}) {
      const date::local_info mine = zone_.get_info(local);
      const date::local_info theirs = reference_->get_info(local);
      gaps += mine.result == date::local_info::nonexistent;
      overlaps += mine.result == date::local_info::ambiguous;
      if (!same(mine, theirs)) {
        ADD_FAILURE() << when(local) << ": " << show(mine) << " vs date-tz " << show(theirs);
        if (budget.spent()) return;
      }
    }
  }
  // Each spring-forward skips 60 wall minutes, each fall-back repeats 60.
  EXPECT_GT(gaps, 60 * 40);
  EXPECT_GT(overlaps, 60 * 40);
}

// glibc's view of the system file (it applies the footer rule after the last transition).
class GlibcNewYork {
 public:
  GlibcNewYork() {
    if (const char* old = std::getenv("TZ")) saved_ = old;
    ::setenv("TZ", (std::string(":") + kSystemNewYork).c_str(), 1);
    ::tzset();
  }
  ~GlibcNewYork() {
    if (saved_) {
      ::setenv("TZ", saved_->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  std::tm at(sys_seconds t) const {
    const std::time_t tt = t.time_since_epoch().count();
    std::tm tm{};
    ::localtime_r(&tt, &tm);
    return tm;
  }
  seconds offset_at(sys_seconds t) const { return seconds{at(t).tm_gmtoff}; }

 private:
  std::optional<std::string> saved_;
};

TEST(TzifAgreementWithGlibc, EveryHourFrom1970To2040IncludingTheFooterYears) {
  const TzifZone zone = system_new_york();
  const GlibcNewYork glibc;
  FailureBudget budget;
  for (sys_seconds t = utc(1970, 1, 1); t < utc(2041, 1, 1); t += hours{1}) {
    const std::tm tm = glibc.at(t);
    const date::sys_info mine = zone.get_info(t);
    if (mine.offset != seconds{tm.tm_gmtoff} || mine.abbrev != tm.tm_zone ||
        (mine.save != minutes{0}) != (tm.tm_isdst > 0)) {
      ADD_FAILURE() << when(t) << ": " << show(mine) << " vs glibc " << tm.tm_gmtoff << " s "
                    << tm.tm_zone;
      if (budget.spent()) return;
    }
  }
  // Summer 2039 is daylight time (date-tz, which ignores the footer, says EST).
  EXPECT_EQ(zone.offset_at(utc(2039, 7, 1)), hours{-4});
}

TEST(TzifAgreementWithGlibc, WallClockLookupsInTheFooterYears) {
  // A wall time is unique, ambiguous or nonexistent as 1, 2 or 0 of the zone's offsets map it
  // back to itself under glibc.
  const TzifZone zone = system_new_york();
  const GlibcNewYork glibc;
  int gaps = 0, overlaps = 0;
  for (int year = 2037; year <= 2040; ++year) {
    for (const unsigned month : {3u, 11u}) {
      const date::local_days first{date::year{year} / date::month{month} / 1};
      for (auto local = date::local_seconds{first};
           local < date::local_seconds{first + date::days{14}}; local += minutes{10}) {
        std::vector<seconds> back;
        for (const seconds offset : {hours{-5}, hours{-4}}) {
          if (glibc.offset_at(sys_seconds{local.time_since_epoch()} - offset) == offset) {
            back.push_back(offset);
          }
        }
        const date::local_info mine = zone.get_info(local);
        const auto expected = back.empty()       ? date::local_info::nonexistent
                              : back.size() == 2 ? date::local_info::ambiguous
                                                 : date::local_info::unique;
        ASSERT_EQ(mine.result, expected) << when(local);
        if (expected == date::local_info::unique) {
          EXPECT_EQ(mine.first.offset, back[0]) << when(local);
        }
        if (expected == date::local_info::ambiguous) {
          EXPECT_EQ(mine.first.offset, hours{-4}) << when(local);  // The earlier instant: EDT.
          EXPECT_EQ(mine.second.offset, hours{-5}) << when(local);
        }
        gaps += expected == date::local_info::nonexistent;
        overlaps += expected == date::local_info::ambiguous;
      }
    }
  }
  EXPECT_EQ(gaps, 4 * 6);  // 60 minutes a year, every 10 minutes.
  EXPECT_EQ(overlaps, 4 * 6);
}

// The 64-bit block's transition count of a version 2+ file (to tell slim from fat).
std::uint32_t wide_transition_count(const std::string& bytes) {
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t{static_cast<unsigned char>(bytes.at(at))} << 24) |
           (std::uint32_t{static_cast<unsigned char>(bytes.at(at + 1))} << 16) |
           (std::uint32_t{static_cast<unsigned char>(bytes.at(at + 2))} << 8) |
           std::uint32_t{static_cast<unsigned char>(bytes.at(at + 3))};
  };
  const std::size_t v1_block =
      be32(32) * 5 + be32(36) * 6 + be32(40) + be32(28) * 8 + be32(24) + be32(20);
  return be32(44 + v1_block + 32);
}

// US Eastern rules since 1967 (public law: the Uniform Time Act of 1966, the 1974-75 emergency
// daylight time, the 1986 and 2005 amendments), as a zic source.
constexpr const char* kUsEasternSource =
    "Rule US 1967 2006 - Oct lastSun 2:00 0 S\n"
    "Rule US 1967 1973 - Apr lastSun 2:00 1:00 D\n"
    "Rule US 1974 only - Jan 6 2:00 1:00 D\n"
    "Rule US 1975 only - Feb lastSun 2:00 1:00 D\n"
    "Rule US 1976 1986 - Apr lastSun 2:00 1:00 D\n"
    "Rule US 1987 2006 - Apr Sun>=1 2:00 1:00 D\n"
    "Rule US 2007 max - Mar Sun>=8 2:00 1:00 D\n"
    "Rule US 2007 max - Nov Sun>=1 2:00 0 S\n"
    "Zone Test/Eastern -5:00 US E%sT\n";

TEST(TzifZicFiles, SlimAndFatFilesAgreeWithTheSystemFileFrom1970To2040) {
  const std::string zic = ZIC_PATH;
  if (zic.empty()) GTEST_SKIP() << "zic not installed (Debian package libc-bin)";
  const auto dir = tzif_test::make_temp_dir();
  ASSERT_FALSE(dir.empty());
  tzif_test::write_file(dir / "us.zone", kUsEasternSource);
  for (const char* bloat : {"slim", "fat"}) {
    const std::string command =
        zic + " -b " + bloat + " -d " + (dir / bloat).string() + " " + (dir / "us.zone").string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  const std::string slim_bytes = tzif_test::read_bytes(dir / "slim/Test/Eastern");
  const std::string fat_bytes = tzif_test::read_bytes(dir / "fat/Test/Eastern");
  // Slim: transitions up to 2007, the rule after; fat: transitions up to 2037.
  EXPECT_LT(wide_transition_count(slim_bytes) + 50, wide_transition_count(fat_bytes));
  auto slim = TzifZone::parse(slim_bytes, "slim");
  auto fat = TzifZone::parse(fat_bytes, "fat");
  ASSERT_TRUE(slim.ok()) << slim.error().to_string();
  ASSERT_TRUE(fat.ok()) << fat.error().to_string();
  const TzifZone system = system_new_york();
  std::filesystem::remove_all(dir);

  // The same periods (bounds, offset, abbreviation, daylight flag) from 1970 to 2040.
  FailureBudget budget;
  int periods = 0;
  for (sys_seconds t = utc(1970, 1, 1); t < utc(2041, 1, 1); t = system.get_info(t).end) {
    const date::sys_info expected = system.get_info(t);
    ++periods;
    for (const TzifZone* zone : {&*slim, &*fat}) {
      const date::sys_info got = zone->get_info(t);
      const date::sys_info got_last_second = zone->get_info(expected.end - seconds{1});
      if (got.end != expected.end || got.offset != expected.offset ||
          got.abbrev != expected.abbrev || got.save != expected.save ||
          got_last_second.offset != expected.offset || got_last_second.end != expected.end ||
          (t > utc(1970, 1, 1) && got.begin != expected.begin)) {
        ADD_FAILURE() << zone->source() << " at " << when(t) << ": " << show(got) << " vs "
                      << show(expected);
        if (budget.spent()) return;
      }
    }
  }
  EXPECT_EQ(periods, 2 * 71 + 1);
  // Wall-clock lookups around each transition 1990-2040.
  for (sys_seconds t = system.get_info(utc(1990, 1, 1)).end; t < utc(2041, 1, 1);
       t = system.get_info(t).end) {
    const date::local_seconds wall = as_local(t) + system.get_info(t - seconds{1}).offset;
    for (auto local = wall - hours{2}; local <= wall + hours{2}; local += minutes{1}) {
      const date::local_info expected = system.get_info(local);
      for (const TzifZone* zone : {&*slim, &*fat}) {
        const date::local_info got = zone->get_info(local);
        if (got.result != expected.result || got.first.offset != expected.first.offset ||
            got.second.offset != expected.second.offset) {
          ADD_FAILURE() << zone->source() << " at " << when(local) << ": " << show(got) << " vs "
                        << show(expected);
          if (budget.spent()) return;
        }
      }
    }
  }
}

}  // namespace
}  // namespace stratus
