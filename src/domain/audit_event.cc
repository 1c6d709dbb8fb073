#include "domain/audit_event.h"

#include <string>

namespace stratus {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kDebug:
      return "debug";
    case Severity::kInfo:
      return "info";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

Result<Severity> parse_severity(std::string_view text) {
  for (Severity s : {Severity::kDebug, Severity::kInfo, Severity::kWarning, Severity::kError}) {
    if (text == severity_name(s)) return s;
  }
  return Error::invalid_input("severity \"" + std::string(text) +
                              "\": expected \"debug\", \"info\", \"warning\" or \"error\"");
}

}  // namespace stratus
