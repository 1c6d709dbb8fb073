// A person-readable summary of one run document (what `stratus run` prints).
#pragma once

#include <string>

#include "functions/step.h"

namespace stratus {

// One header line (date, New York time, market status) then one line per signal, the buying
// power check-limits read (when the broker limits it or could not say), reservation, decline,
// order state and fill; "skipped: <reason>" or "FAILED in <step>: <message>" when the
// chain ended early. Symbols without a signal are summarised on one line unless `verbose`.
std::string render_summary(const Json& doc, bool verbose = false);

}  // namespace stratus
