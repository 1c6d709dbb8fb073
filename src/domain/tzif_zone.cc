#include "domain/tzif_zone.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

// date's POSIX TZ rule (header-only). Included in this one file only: it defines a non-inline
// member function, so a second includer would break the link. In date 3.0.1, ptz.h's
// time_zone::name() says `hh_mm_ss` under both `using namespace date` and `using namespace
// std::chrono`, ambiguous in C++20; declaring date's in namespace Posix makes lookup find it
// there before reaching the two using-directives.
namespace Posix {
using date::hh_mm_ss;
}
#include <date/ptz.h>

namespace stratus {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

constexpr std::size_t kHeaderSize = 44;
// No TZif file comes near this; a bigger file is not a zone file.
constexpr std::size_t kMaxFileSize = 1 << 20;
// RFC 8536 3.2: UT offsets lie in [-89999, 93599] seconds.
constexpr std::int64_t kMinOffset = -89999;
constexpr std::int64_t kMaxOffset = 93599;
// Every instant that reads as a given wall-clock time lies within this of it.
constexpr seconds kOffsetBound{std::max(-kMinOffset, kMaxOffset) + 1};
// Transition times outside [-2^59, year 9999] are refused: RFC 8536 3.2 bounds the low end,
// and the footer rule cannot be evaluated at instants beyond date's year range.
constexpr std::int64_t kEarliestTransition = -(std::int64_t{1} << 59);
const sys_seconds kLatestTransition{date::sys_days{date::year{9999} / 12 / 31}.time_since_epoch()};
// The bounds of the first and last periods, as date's own zones report them.
const sys_seconds kBeginOfTime{
    date::sys_days{date::year::min() / date::January / 1}.time_since_epoch()};
const sys_seconds kEndOfTime{
    date::sys_days{date::year::max() / date::December / date::last}.time_since_epoch()};
// The footer rule is evaluated within these (a year inside date's range, either side).
const sys_seconds kEarliestRuleInstant{
    date::sys_days{(date::year::min() + date::years{1}) / date::January / 1}.time_since_epoch()};
const sys_seconds kLatestRuleInstant{
    date::sys_days{(date::year::max() - date::years{1}) / date::January / 1}.time_since_epoch()};

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  char buf[4];
  for (unsigned char c : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    if (!out.empty()) out += ' ';
    out += buf;
  }
  return out;
}

Error bad(const std::string& source, const std::string& what) {
  return Error::invalid_input("not a valid TZif file: " + what, source);
}

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(b[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) |
         std::uint32_t{static_cast<unsigned char>(b[at + 3])};
}

std::int64_t be_signed(std::string_view b, std::size_t at, std::size_t size) {
  if (size == 4) return static_cast<std::int32_t>(be32(b, at));
  const std::uint64_t u = (std::uint64_t{be32(b, at)} << 32) | be32(b, at + 4);
  return static_cast<std::int64_t>(u);
}

struct Header {
  char version = 0;
  std::uint32_t isutcnt = 0, isstdcnt = 0, leapcnt = 0, timecnt = 0, typecnt = 0, charcnt = 0;

  // The size of the data block that follows, with `time_size`-byte times (4 or 8).
  std::uint64_t block_size(std::uint64_t time_size) const {
    return std::uint64_t{timecnt} * time_size + timecnt + std::uint64_t{typecnt} * 6 + charcnt +
           std::uint64_t{leapcnt} * (time_size + 4) + isstdcnt + isutcnt;
  }
};

std::string version_name(char v) { return v == 0 ? "1" : std::string(1, v); }

Result<Header> read_header(std::string_view bytes, std::size_t at, const std::string& which,
                           const std::string& source) {
  if (bytes.size() < at + kHeaderSize) {
    return bad(source, "truncated in the " + which + " header: it needs 44 bytes at offset " +
                           std::to_string(at) + ", the file has " + std::to_string(bytes.size()) +
                           " bytes");
  }
  if (bytes.substr(at, 4) != "TZif") {
    return bad(source, "the " + which + " header at offset " + std::to_string(at) +
                           " starts with bytes " + hex_bytes(bytes.substr(at, 4)) +
                           ", expected the magic \"TZif\"");
  }
  Header h;
  h.version = bytes[at + 4];
  if (h.version != 0 && h.version != '2' && h.version != '3' && h.version != '4') {
    return bad(source, "the " + which + " header has version byte " +
                           hex_bytes(bytes.substr(at + 4, 1)) +
                           ", expected 00 (version 1) or '2', '3', '4'");
  }
  h.isutcnt = be32(bytes, at + 20);
  h.isstdcnt = be32(bytes, at + 24);
  h.leapcnt = be32(bytes, at + 28);
  h.timecnt = be32(bytes, at + 32);
  h.typecnt = be32(bytes, at + 36);
  h.charcnt = be32(bytes, at + 40);
  return h;
}

Status check_counts(const Header& h, const std::string& which, const std::string& source) {
  if (h.typecnt == 0 || h.typecnt > 256) {
    return bad(source, "the " + which + " header has typecnt " + std::to_string(h.typecnt) +
                           ", expected 1 to 256");
  }
  if (h.charcnt == 0) {
    return bad(source, "the " + which + " header has charcnt 0, expected at least 1");
  }
  if (h.isutcnt != 0 && h.isutcnt != h.typecnt) {
    return bad(source, "the " + which + " header has isutcnt " + std::to_string(h.isutcnt) +
                           ", expected 0 or typecnt (" + std::to_string(h.typecnt) + ")");
  }
  if (h.isstdcnt != 0 && h.isstdcnt != h.typecnt) {
    return bad(source, "the " + which + " header has isstdcnt " + std::to_string(h.isstdcnt) +
                           ", expected 0 or typecnt (" + std::to_string(h.typecnt) + ")");
  }
  if (h.leapcnt != 0) {
    return bad(source, "it has " + std::to_string(h.leapcnt) +
                           " leap-second records; leap-second (\"right/\") zone files are not "
                           "supported, use the POSIX-time files");
  }
  return {};
}

Status check_fits(std::string_view bytes, std::size_t at, std::uint64_t size,
                  const std::string& which, const std::string& source) {
  if (bytes.size() < at || bytes.size() - at < size) {
    return bad(source, "truncated in the " + which + " data block: it needs " +
                           std::to_string(size) + " bytes at offset " + std::to_string(at) +
                           ", the file has " + std::to_string(bytes.size()) + " bytes");
  }
  return {};
}

struct Block {
  std::vector<sys_seconds> transitions;
  std::vector<std::uint8_t> types_of_transitions;
  std::vector<TzifZone::LocalTimeType> types;
};

// Parses a data block already known to fit at `at`.
Result<Block> parse_block(std::string_view bytes, std::size_t at, const Header& h,
                          std::size_t time_size, const std::string& source) {
  Block block;
  std::size_t pos = at;
  block.transitions.reserve(h.timecnt);
  for (std::uint32_t i = 0; i < h.timecnt; ++i, pos += time_size) {
    const std::int64_t t = be_signed(bytes, pos, time_size);
    if (t < kEarliestTransition || sys_seconds{seconds{t}} > kLatestTransition) {
      return bad(source, "transition " + std::to_string(i) + " (offset " + std::to_string(pos) +
                             ") is at " + std::to_string(t) +
                             " s, outside the supported range -2^59 s to the year 9999");
    }
    if (i > 0 && sys_seconds{seconds{t}} <= block.transitions.back()) {
      return bad(source, "transition " + std::to_string(i) + " (offset " + std::to_string(pos) +
                             ") at " + std::to_string(t) +
                             " s is not after the one before it; transitions must ascend");
    }
    block.transitions.push_back(sys_seconds{seconds{t}});
  }
  block.types_of_transitions.reserve(h.timecnt);
  for (std::uint32_t i = 0; i < h.timecnt; ++i, ++pos) {
    const auto type = static_cast<std::uint8_t>(bytes[pos]);
    if (type >= h.typecnt) {
      return bad(source, "transition " + std::to_string(i) + " (offset " + std::to_string(pos) +
                             ") names local time type " + std::to_string(type) +
                             ", but there are only " + std::to_string(h.typecnt) + " types");
    }
    block.types_of_transitions.push_back(type);
  }
  const std::size_t types_at = pos;
  const std::string_view chars = bytes.substr(types_at + std::size_t{h.typecnt} * 6, h.charcnt);
  for (std::uint32_t i = 0; i < h.typecnt; ++i, pos += 6) {
    const auto offset = static_cast<std::int32_t>(be32(bytes, pos));
    const auto is_dst = static_cast<std::uint8_t>(bytes[pos + 4]);
    const auto desig = static_cast<std::uint8_t>(bytes[pos + 5]);
    const std::string where =
        "local time type " + std::to_string(i) + " (offset " + std::to_string(pos) + ")";
    if (offset < kMinOffset || offset > kMaxOffset) {
      return bad(source, where + " has UT offset " + std::to_string(offset) +
                             " s, expected -89999 to 93599");
    }
    if (is_dst > 1) {
      return bad(source, where + " has isdst " + std::to_string(is_dst) + ", expected 0 or 1");
    }
    if (desig >= h.charcnt) {
      return bad(source, where + " has designation index " + std::to_string(desig) +
                             ", but there are only " + std::to_string(h.charcnt) +
                             " designation bytes");
    }
    const std::size_t end = chars.find('\0', desig);
    if (end == std::string_view::npos) {
      return bad(source, where + " has a designation at index " + std::to_string(desig) +
                             " that is not NUL-terminated");
    }
    block.types.push_back(
        {seconds{offset}, is_dst == 1, std::string(chars.substr(desig, end - desig))});
  }
  pos += h.charcnt;  // Designations, read above. No leap-second records (checked).
  const std::size_t isstd_at = pos;
  for (std::uint32_t i = 0; i < h.isstdcnt; ++i, ++pos) {
    if (static_cast<unsigned char>(bytes[pos]) > 1) {
      return bad(source, "standard/wall indicator " + std::to_string(i) + " (offset " +
                             std::to_string(pos) + ") is " +
                             std::to_string(static_cast<unsigned char>(bytes[pos])) +
                             ", expected 0 or 1");
    }
  }
  for (std::uint32_t i = 0; i < h.isutcnt; ++i, ++pos) {
    const auto ut = static_cast<unsigned char>(bytes[pos]);
    if (ut > 1) {
      return bad(source, "UT/local indicator " + std::to_string(i) + " (offset " +
                             std::to_string(pos) + ") is " + std::to_string(ut) +
                             ", expected 0 or 1");
    }
    if (ut == 1 && (h.isstdcnt == 0 || bytes[isstd_at + i] != 1)) {
      return bad(source, "local time type " + std::to_string(i) +
                             " is marked UT but not standard time; RFC 8536 requires both");
    }
  }
  return block;
}

// The first line of date's Posix::time_zone error, without its colour-coded caret line.
std::string posix_error_reason(const std::exception& e) {
  std::string what = e.what();
  const std::size_t first = what.find('\n');
  if (first == std::string::npos) return what;
  std::string reason = what.substr(first + 1, what.find('\n', first + 1) - first - 1);
  if (!reason.empty() && reason.back() == ':') reason.pop_back();
  return reason;
}

// Checks the ranges of the rule dates of a POSIX TZ string (date's parser reads the digits but
// leaves the ranges to its caller). Returns an empty string when they are fine.
std::string rule_date_range_problem(std::string_view tz) {
  auto read_number = [&](std::size_t& i) {
    long n = 0;
    const std::size_t start = i;
    while (i < tz.size() && i - start < 4 && tz[i] >= '0' && tz[i] <= '9') {
      n = n * 10 + (tz[i++] - '0');
    }
    return i == start ? -1L : n;
  };
  std::size_t i = tz.find(',');
  while (i != std::string_view::npos && i < tz.size()) {
    ++i;  // Past ','.
    if (i < tz.size() && tz[i] == 'M') {
      ++i;
      const long m = read_number(i);
      if (i < tz.size() && tz[i] == '.') ++i;
      const long week = read_number(i);
      if (i < tz.size() && tz[i] == '.') ++i;
      const long day = read_number(i);
      if (m < 1 || m > 12) return "month " + std::to_string(m) + " is not 1 to 12";
      if (week < 1 || week > 5) return "week " + std::to_string(week) + " is not 1 to 5";
      if (day < 0 || day > 6) return "weekday " + std::to_string(day) + " is not 0 to 6";
    } else if (i < tz.size() && tz[i] == 'J') {
      ++i;
      const long n = read_number(i);
      if (n < 1 || n > 365) return "Julian day " + std::to_string(n) + " is not 1 to 365";
    } else {
      const long n = read_number(i);
      if (n > 365) return "day " + std::to_string(n) + " is not 0 to 365";
    }
    if (i < tz.size() && tz[i] == '/') {
      ++i;
      if (i < tz.size() && (tz[i] == '+' || tz[i] == '-')) ++i;
      const long hours = read_number(i);
      if (hours > 167) return "rule time of " + std::to_string(hours) + " hours is over 167";
    }
    i = tz.find(',', i);
  }
  return {};
}

}  // namespace

Result<TzifZone> TzifZone::read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::invalid_input(
        std::string("cannot open the tz database file: ") + std::strerror(errno), path);
  }
  std::string bytes;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    bytes.append(buf, static_cast<std::size_t>(in.gcount()));
    if (bytes.size() > kMaxFileSize) {
      return bad(path, "it is larger than " + std::to_string(kMaxFileSize) +
                           " bytes, far more than any zone file");
    }
  }
  if (in.bad()) {
    return Error::invalid_input(
        std::string("cannot read the tz database file: ") + std::strerror(errno), path);
  }
  return parse(bytes, path);
}

Result<TzifZone> TzifZone::parse(std::string_view bytes, std::string source) {
  STRATUS_ASSIGN_OR_RETURN(const Header v1, read_header(bytes, 0, "first", source));
  std::size_t pos = kHeaderSize;
  Header h = v1;
  std::size_t time_size = 4;
  if (v1.version == 0) {
    STRATUS_RETURN_IF_ERROR(check_counts(v1, "version 1", source));
  } else {
    // The version 1 block is only skipped: version 2+ readers use the 64-bit block.
    STRATUS_RETURN_IF_ERROR(check_fits(bytes, pos, v1.block_size(4), "version 1", source));
    pos += v1.block_size(4);
    STRATUS_ASSIGN_OR_RETURN(h, read_header(bytes, pos, "second (64-bit)", source));
    if (h.version != v1.version) {
      return bad(source, "the second header says version " + version_name(h.version) +
                             ", the first says version " + version_name(v1.version));
    }
    pos += kHeaderSize;
    time_size = 8;
    STRATUS_RETURN_IF_ERROR(check_counts(h, "second (64-bit)", source));
  }
  const std::string which = time_size == 4 ? "version 1" : "64-bit";
  STRATUS_RETURN_IF_ERROR(check_fits(bytes, pos, h.block_size(time_size), which, source));
  STRATUS_ASSIGN_OR_RETURN(Block block, parse_block(bytes, pos, h, time_size, source));
  pos += h.block_size(time_size);

  TzifZone zone;
  zone.source_ = std::move(source);
  zone.transitions_ = std::move(block.transitions);
  zone.transition_types_ = std::move(block.types_of_transitions);
  zone.types_ = std::move(block.types);

  if (time_size == 8) {
    // Footer: "\n" TZ-string "\n", the end of the file.
    if (pos >= bytes.size() || bytes[pos] != '\n') {
      return bad(zone.source_, "the footer is missing: expected a newline at offset " +
                                   std::to_string(pos) + ", the file has " +
                                   std::to_string(bytes.size()) + " bytes");
    }
    const std::size_t end = bytes.find('\n', pos + 1);
    if (end == std::string_view::npos) {
      return bad(zone.source_, "the footer TZ string at offset " + std::to_string(pos + 1) +
                                   " has no closing newline");
    }
    const std::string_view tz = bytes.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    if (!tz.empty()) {
      if (const std::string problem = rule_date_range_problem(tz); !problem.empty()) {
        return bad(zone.source_,
                   "the footer TZ string \"" + std::string(tz) + "\" has a bad rule: " + problem);
      }
      try {
        zone.rule_ = std::make_shared<const Posix::time_zone>(tz);
      } catch (const std::exception& e) {
        return bad(zone.source_, "the footer TZ string \"" + std::string(tz) +
                                     "\" is not a POSIX TZ rule: " + posix_error_reason(e));
      }
      if (!zone.transitions_.empty() && zone.transitions_.back() >= kEarliestRuleInstant) {
        // RFC 8536 3.3: the rule must agree with the last transition's local time type.
        const sys_seconds last = zone.transitions_.back();
        const LocalTimeType& type = zone.types_[zone.transition_types_.back()];
        const date::sys_info ruled = zone.rule_->get_info(last);
        const bool ruled_dst = ruled.save != std::chrono::minutes{0};
        if (ruled.offset != type.offset || ruled_dst != type.is_dst) {
          auto kind = [](bool dst) { return dst ? " (daylight time)" : " (standard time)"; };
          return bad(zone.source_,
                     "the footer TZ string \"" + std::string(tz) + "\" gives UT offset " +
                         std::to_string(ruled.offset.count()) + " s" + kind(ruled_dst) +
                         " at the last transition, but its local time type has " +
                         std::to_string(type.offset.count()) + " s" + kind(type.is_dst));
        }
      }
    }
  }
  if (pos != bytes.size()) {
    return bad(zone.source_, std::to_string(bytes.size() - pos) +
                                 " unexpected bytes after the end of the data at offset " +
                                 std::to_string(pos));
  }
  return zone;
}

date::sys_info TzifZone::period_of_type(std::size_t type, sys_seconds begin,
                                        sys_seconds end) const {
  const LocalTimeType& t = types_[type];
  date::sys_info info;
  info.begin = begin;
  info.end = end;
  info.offset = t.offset;
  info.save = std::chrono::minutes{t.is_dst ? 1 : 0};
  info.abbrev = t.abbrev;
  return info;
}

date::sys_info TzifZone::get_info(sys_seconds t) const {
  const auto next = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  if (next == transitions_.begin()) {
    if (transitions_.empty()) {
      if (rule_ == nullptr) return period_of_type(0, kBeginOfTime, kEndOfTime);
    } else {
      return period_of_type(0, std::min(kBeginOfTime, transitions_.front()), transitions_.front());
    }
  } else {
    const auto i = static_cast<std::size_t>(std::distance(transitions_.begin(), next)) - 1;
    if (next != transitions_.end()) {
      return period_of_type(transition_types_[i], transitions_[i], *next);
    }
    if (rule_ == nullptr) return period_of_type(transition_types_[i], transitions_[i], kEndOfTime);
  }
  // After the last transition (or anywhere, without transitions): the footer rule, evaluated
  // inside date's year range (its calendar arithmetic is only defined there).
  date::sys_info info = rule_->get_info(std::clamp(t, kEarliestRuleInstant, kLatestRuleInstant));
  if (!transitions_.empty()) info.begin = std::max(info.begin, transitions_.back());
  info.save = std::chrono::minutes{info.save != std::chrono::minutes{0} ? 1 : 0};
  return info;
}

date::local_info TzifZone::get_info(date::local_seconds local) const {
  const sys_seconds as_utc =
      std::clamp(sys_seconds{local.time_since_epoch()}, kBeginOfTime, kEndOfTime);
  // The instants reading as `local` are `as_utc - offset` for the offsets of the periods
  // overlapping [as_utc - kOffsetBound, as_utc + kOffsetBound]. Walk those periods in order:
  // each is before, containing or after `local`; no containing period means a gap between a
  // period `local` is after and the next one it is before.
  date::local_info r{};
  int found = 0;
  bool previous_is_before_local = false;
  date::sys_info previous;
  date::sys_info period = get_info(as_utc - kOffsetBound);
  for (int step = 0; step < 64; ++step) {
    const sys_seconds instant = as_utc - period.offset;
    if (instant >= period.begin && instant < period.end) {
      (found == 0 ? r.first : r.second) = period;
      if (++found == 2) break;
    } else if (instant < period.begin && found == 0 && previous_is_before_local) {
      r.result = date::local_info::nonexistent;
      r.first = previous;
      r.second = period;
      return r;
    }
    previous_is_before_local = instant >= period.end;
    if (period.end > as_utc + kOffsetBound || period.end >= kEndOfTime) break;
    previous = period;
    period = get_info(period.end);
  }
  r.result = found == 2 ? date::local_info::ambiguous : date::local_info::unique;
  return r;
}

seconds TzifZone::offset_at(sys_seconds t) const { return get_info(t).offset; }

date::local_seconds TzifZone::to_local(sys_seconds t) const {
  return date::local_seconds{(t + offset_at(t)).time_since_epoch()};
}

}  // namespace stratus
