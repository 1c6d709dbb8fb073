// Exporting the audit log (see audit_export.h).
#include "adapters/file/audit_export.h"

#include <nlohmann/json.hpp>

#include "adapters/file/audit_csv.h"
#include "adapters/file/line_reader.h"

namespace stratus {

Result<std::uint64_t> export_audit_log(const std::string& path, AuditExportFormat format,
                                       std::uint64_t max_lines, std::ostream& out) {
  STRATUS_ASSIGN_OR_RETURN(LineReader reader, LineReader::open(path));
  if (format == AuditExportFormat::kCsv) out << audit_csv_header();
  std::uint64_t exported = 0;
  FileLine line;
  while (exported < max_lines) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader.next(line));
    if (!more) break;
    if (format == AuditExportFormat::kJsonl) {
      out.write(line.bytes.data(), static_cast<std::streamsize>(line.bytes.size()));
      out.put('\n');
    } else {
      const nlohmann::json object = nlohmann::json::parse(line.bytes, nullptr, false);
      out << (object.is_object() ? audit_csv_row(object) : audit_csv_raw_row(line.bytes));
    }
    if (!out)
      return Error::unavailable("cannot write the export (line " +
                                std::to_string(reader.line_number()) + ")");
    ++exported;
  }
  out.flush();
  if (!out) return Error::unavailable("cannot write the export");
  return exported;
}

}  // namespace stratus
