#include "adapters/lambda/error_type.h"

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(LambdaErrorType, OneNamePerErrorCode) {
  EXPECT_EQ(lambda_error_type(ErrorCode::kInvalidInput), "Stratus.InvalidInput");
  EXPECT_EQ(lambda_error_type(ErrorCode::kUnavailable), "Stratus.Unavailable");
  EXPECT_EQ(lambda_error_type(ErrorCode::kAmbiguous), "Stratus.Ambiguous");
  EXPECT_EQ(lambda_error_type(ErrorCode::kRejected), "Stratus.Rejected");
  EXPECT_EQ(lambda_error_type(ErrorCode::kConflict), "Stratus.Conflict");
  EXPECT_EQ(lambda_error_type(ErrorCode::kNotFound), "Stratus.NotFound");
  EXPECT_EQ(lambda_error_type(ErrorCode::kInternal), "Stratus.Internal");
}

}  // namespace
}  // namespace stratus
