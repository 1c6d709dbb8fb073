// `stratus calendar sessions` and `stratus calendar status`: the NYSE (XNYS) calendar from the
// command line. Both build an XnysCalendar (its data is embedded, nothing is read from disk).
#pragma once

#include <string>

#include "ports/clock.h"

namespace stratus {

// `stratus calendar sessions --from YYYY-MM-DD --to YYYY-MM-DD [--format csv|json|table]`.
// Prints the XNYS sessions in [from, to] on stdout, ascending:
// - "csv" (also when `format` is empty): header `session,open,close`, then one row per session,
//   times UTC ISO-8601 with Z, e.g. `2024-07-03,2024-07-03T13:30:00Z,2024-07-03T17:00:00Z`;
// - "json": an array of {"session","open","close","early_close"[,"note"]};
// - "table": aligned columns with the New York hours and any early-close / late-open note.
// Returns kExitOk; or kExitBadInput, printing nothing on stdout and a message on stderr naming the
// flag and value, when a date is malformed, from > to, a date is outside 1990-01-01..2035-12-31,
// or the format is not csv, json or table.
int calendar_sessions_command(const std::string& from, const std::string& to,
                              const std::string& format);

// `stratus calendar status [--at <UTC time>]`. `at` is a UTC instant like 2024-07-03T16:00:00Z;
// empty means clock.now(). Prints on stdout whether the XNYS is open at that instant; when closed,
// why (weekend, "holiday: <name>", "closed: <reason>", before the open, after the close, after an
// early close); and the current session's (or else the next session's) open and close in UTC with
// New York hours. Returns kExitOk; kExitBadInput with a message on stderr naming --at when `at` is
// malformed or its New York date is outside 1990-01-01..2035-12-31.
int calendar_status_command(const std::string& at, const Clock& clock);

}  // namespace stratus
