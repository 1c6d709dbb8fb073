// XNYS special days: the closures, early closes and late opens that no regular rule produces,
// read from the text of data/calendars/xnys-special-days.csv (embedded into the build, so the
// data file stays the single source and nothing is read from disk at run time).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.h"
#include "domain/time.h"

namespace stratus {

struct XnysSpecialDay {
  enum class Kind { kClosed, kEarlyClose, kLateOpen };

  Date date;
  Kind kind = Kind::kClosed;
  // New York wall time: the close (kEarlyClose) or the open (kLateOpen); unused for kClosed.
  TimeOfDay time;
  std::string reason;  // "Hurricane Sandy"; never empty.
  std::string source;  // Where the fact is published (an http(s) URL); never empty.
};

// "closed", "early_close", "late_open".
std::string_view xnys_special_day_kind_name(XnysSpecialDay::Kind kind);

// Parses the special-days CSV: '#' comment lines and blank lines are skipped, then the header
// `date,kind,time,reason,source`, then one row per special day with exactly five fields (no
// quoting; reasons carry no commas).
// Guarantees on success: rows in file order; every date is a Monday-Friday within
// 1990-01-01..2035-12-31; kClosed rows have an empty time; kLateOpen times lie strictly between
// 09:30 and 16:00, kEarlyClose times strictly between 09:30 and 16:00; no (date, kind) repeats;
// on a date with both a late open and an early close, the open is before the close; no date is
// both closed and something else.
// Fails with InvalidInput naming the line number, the field, the value and what was expected.
Result<std::vector<XnysSpecialDay>> parse_xnys_special_days(std::string_view csv);

// The text of data/calendars/xnys-special-days.csv as it was when the library was built.
std::string_view embedded_xnys_special_days_csv();

}  // namespace stratus
