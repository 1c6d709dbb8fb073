// Exporting the audit log, streamed line by line: as CSV for spreadsheets (audit_csv.h) or as
// JSON Lines (the lines' exact bytes, chain members included, so a copy still verifies).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "domain/result.h"

namespace stratus {

enum class AuditExportFormat { kCsv, kJsonl };

// Writes the first `max_lines` lines of the log at `path` to `out`: CSV (a header, then one row
// per line; a line that is not a JSON object becomes a row with only "details", its text) or
// JSONL (each line's bytes and "\n"). Returns the number of lines exported.
// Errors: those of LineReader::open / next (NotFound, InvalidInput, Unavailable), and
// Unavailable when `out` fails.
Result<std::uint64_t> export_audit_log(const std::string& path, AuditExportFormat format,
                                       std::uint64_t max_lines, std::ostream& out);

}  // namespace stratus
