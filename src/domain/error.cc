#include "domain/error.h"

namespace stratus {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return "InvalidInput";
    case ErrorCode::kUnavailable:
      return "Unavailable";
    case ErrorCode::kAmbiguous:
      return "Ambiguous";
    case ErrorCode::kRejected:
      return "Rejected";
    case ErrorCode::kConflict:
      return "Conflict";
    case ErrorCode::kNotFound:
      return "NotFound";
    case ErrorCode::kInternal:
      return "Internal";
  }
  return "Internal";
}

std::string Error::to_string() const {
  if (context.empty()) return message;
  return context + ": " + message;
}

Error Error::within(std::string_view outer) const {
  Error copy = *this;
  if (copy.context.empty()) {
    copy.context = std::string(outer);
  } else {
    copy.context = std::string(outer) + ": " + copy.context;
  }
  return copy;
}

}  // namespace stratus
