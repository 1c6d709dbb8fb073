// TzifZone: one time zone read from a TZif file of the tz database (RFC 8536, versions 1-4), so
// Stratus can carry its own zone data (AWS Lambda's provided.al2023 has no /usr/share/zoneinfo)
// and load only the zone it needs. Instants after the file's last transition follow the file's
// footer POSIX TZ rule, evaluated by date's Posix::time_zone.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "domain/result.h"

namespace Posix {
class time_zone;
}

namespace stratus {

class TzifZone {
 public:
  // Reads a whole TZif file. Fails with InvalidInput (context: the path) when the file cannot be
  // read or is not a valid TZif file; see parse().
  static Result<TzifZone> read_file(const std::string& path);

  // Parses the bytes of a TZif file; `source` names it in errors (the error's context). Every
  // count, size, index, offset, designation and the footer are checked: a corrupt, truncated or
  // unsupported file (leap-second "right/" files) is an InvalidInput error saying what is wrong
  // and where, never undefined behaviour. Version 2+ files are read from their 64-bit block and
  // footer; version 1 files from their 32-bit block (no rule after the last transition).
  static Result<TzifZone> parse(std::string_view bytes, std::string source);

  // The period of constant offset containing UTC instant `t`: [begin, end), offset (local =
  // UTC + offset), abbreviation and save. TZif files record only whether a period is daylight
  // time, not by how much, so `save` is a flag: 1 minute in daylight time, 0 otherwise (the
  // convention of date-tz reading the same files). The period before the first transition
  // begins at date's minimum date, the last one without a rule ends at its maximum date.
  date::sys_info get_info(std::chrono::sys_seconds t) const;

  // The periods a wall-clock time `local` falls in, with the same answer as
  // date::time_zone::get_info(local_seconds): unique (first), ambiguous (first is the earlier
  // period, second the later) or nonexistent (first ends just before the gap, second begins at
  // its end).
  date::local_info get_info(date::local_seconds local) const;

  // All lookups are defined for any argument; beyond date's years -32767..32767 they answer as
  // at the edge of that range.

  // The UTC offset in force at `t` (local = UTC + offset).
  std::chrono::seconds offset_at(std::chrono::sys_seconds t) const;
  // The wall-clock time at `t`.
  date::local_seconds to_local(std::chrono::sys_seconds t) const;

  // Where the zone was read from (the `source` given to parse, or the path).
  const std::string& source() const { return source_; }

  struct LocalTimeType {
    std::chrono::seconds offset;
    bool is_dst = false;
    std::string abbrev;
  };

 private:
  TzifZone() = default;

  date::sys_info period_of_type(std::size_t type, std::chrono::sys_seconds begin,
                                std::chrono::sys_seconds end) const;

  std::string source_;
  std::vector<std::chrono::sys_seconds> transitions_;  // Strictly ascending.
  std::vector<std::uint8_t> transition_types_;         // Index into types_, one per transition.
  std::vector<LocalTimeType> types_;                   // Never empty; types_[0] before the first.
  std::shared_ptr<const Posix::time_zone> rule_;       // Footer rule; null when there is none.
};

}  // namespace stratus
