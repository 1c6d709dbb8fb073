#include "adapters/lambda/error_type.h"

namespace stratus {

std::string lambda_error_type(ErrorCode code) {
  return "Stratus." + std::string(error_code_name(code));
}

}  // namespace stratus
