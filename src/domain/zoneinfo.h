// Where Stratus reads the tz database from: a process-wide zoneinfo directory holding
// America/New_York, the only zone Stratus converts to. The default is the system's
// /usr/share/zoneinfo; a Lambda package brings its own copy and names it (TZDIR).
#pragma once

#include <string>

#include "domain/result.h"
#include "domain/tzif_zone.h"

namespace stratus {

inline constexpr const char* kDefaultZoneinfoDir = "/usr/share/zoneinfo";

// Makes New York time come from `<dir>/America/New_York`, read and checked now.
// REQUIRES: called before the first New York time conversion (typically by main, from TZDIR).
// Fails, changing nothing, with InvalidInput naming the path and what is wrong when the file is
// missing, unreadable or not a valid TZif file, or when `dir` is empty; with Conflict when a
// conversion already happened (the zone in use is never replaced). Thread-safe.
Status set_zoneinfo_dir(std::string dir);

// The zoneinfo directory New York time is (or will be) read from.
std::string zoneinfo_dir();

// New York's zone, read from the zoneinfo directory at the first call (thread-safe); every
// call returns the same zone. Throws std::runtime_error with the message of the error when the
// file is missing or bad: without New York time Stratus cannot trade, and main reports it.
const TzifZone& new_york_zone();

}  // namespace stratus
